import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncOutcome } from './run-sync';
import { createSyncScheduler } from './sync-scheduler';

const okOutcome: SyncOutcome = {
  kind: 'ok',
  push: { applied: 0, rejected: 0, flagged: 0, conflicts: 0, unanswered: 0 },
  pull: { changes: 0, pages: 0, cursor: 0 },
  at: '2026-11-21T00:00:00.000Z',
};

let online = true;
let events: EventTarget;
let runs: number;
let next: SyncOutcome;

function scheduler() {
  return createSyncScheduler({
    run: async () => {
      runs++;
      return next;
    },
    isOnline: () => online,
    events,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  online = true;
  events = new EventTarget();
  runs = 0;
  next = okOutcome;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('sync scheduler', () => {
  it('syncs at start, then every 20 s while online, not while offline', async () => {
    const s = scheduler();
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(runs).toBe(3);
    online = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(3);
    s.stop();
  });

  it('syncs when the network comes back and shortly after a save', async () => {
    online = false;
    const s = scheduler();
    s.start();
    online = true;
    events.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    s.soon();
    s.soon();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(2);
    s.stop();
  });

  it('stops for good when HQ needs a newer desk', async () => {
    next = {
      kind: 'updateRequired',
      error: { code: 'protocol_version', message: 'update', status: 426 },
      at: okOutcome.at,
    };
    const s = scheduler();
    s.start();
    await vi.advanceTimersByTimeAsync(100_000);
    expect(runs).toBe(1);
    expect(await s.syncNow()).toBeNull();
  });
});
