import { beforeEach, describe, expect, it } from 'vitest';
import { syncSelectors } from './selectors';
import { useSyncStore } from './store';

beforeEach(() => useSyncStore.getState().reset());

describe('sync store', () => {
  it('shows push progress as a fraction and clears it when the sync ends', () => {
    useSyncStore.getState().setProgress({ phase: 'push', done: 250, total: 1000 });
    expect(syncSelectors.fraction(useSyncStore.getState())).toBe(0.25);
    useSyncStore.getState().applyOutcome({
      kind: 'ok',
      push: { applied: 1000, rejected: 0, flagged: 0, conflicts: 0, unanswered: 0 },
      pull: { changes: 0, pages: 1, cursor: 9 },
      at: '2026-11-21T01:00:00.000Z',
    });
    expect(syncSelectors.isSyncing(useSyncStore.getState())).toBe(false);
    expect(useSyncStore.getState().lastSyncAt).toBe('2026-11-21T01:00:00.000Z');
  });

  it('blocks syncing when an update is required and says why', () => {
    useSyncStore.getState().applyOutcome({
      kind: 'updateRequired',
      error: { code: 'protocol_version', message: '请更新 / Update the desk', status: 426 },
      at: '2026-11-21T01:00:00.000Z',
    });
    expect(syncSelectors.blocked(useSyncStore.getState())).toBe('updateRequired');
    expect(syncSelectors.blockMessage(useSyncStore.getState())).toContain('Update');
  });
});
