import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Conflict, Officer } from '../../../shared/index';
import { translate } from '../i18n/use-t';
import { syncSelectors } from '../store/sync/selectors';
import { useSyncStore } from '../store/sync/store';
import * as demo from '../testing/demo-data';
import { useSessionStore } from '../store/session/store';
import { ConflictCard } from './ConflictCard';
import { NewerVersionScreen } from './NewerVersionScreen';
import { SignedOutNoticeText } from './SignedOutNoticeText';
import { UpdateRequiredNotice } from './UpdateRequiredBanner';

// Rendered on the server: components see the stores' initial state (Chinese first).
beforeEach(() => {
  useSyncStore.getState().reset();
});

const stamp = (officerId: string, deviceId: string, deskTime: string, hqTime: string) => ({
  version: 2,
  mutationId: crypto.randomUUID(),
  officerId,
  deviceId,
  deskTime,
  hqTime,
});
const officer2: Officer = { ...demo.officer, id: '00000000-0000-4000-8000-000000000002', username: 'dx.officer2', name: '陆海燕' };
const conflict: Conflict = {
  id: crypto.randomUUID(),
  portId: 'DONGXING',
  entity: 'declaration',
  recordId: crypto.randomUUID(),
  field: 'carPool',
  winner: { value: true, stamp: stamp(demo.officer.id, 'desk-aaaa-0001', '2026-11-21T01:00:00.000Z', '2026-11-21T02:00:00.000Z') },
  loser: { value: false, stamp: stamp(officer2.id, 'desk-bbbb-0002', '2026-11-20T23:30:00.000Z', '2026-11-21T02:05:00.000Z') },
  detectedAt: '2026-11-21T02:05:00.000Z',
  status: 'open',
  resolution: null,
};
const officers = new Map([demo.officer, officer2].map((o) => [o.id, o]));

describe('update required', () => {
  it('is a lasting alert with the number still waiting', () => {
    const html = renderToStaticMarkup(<UpdateRequiredNotice waiting={17} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('data-testid="update-required"');
    expect(html).toContain('需要更新柜台程序');
    expect(html).toContain('17 票待同步');
    expect(translate('en', 'updateRequired')).toContain('Update required: this desk is older than HQ');
  });

  it('is shown once HQ has answered 426, and stays (the desk stops syncing)', () => {
    expect(syncSelectors.blocked(useSyncStore.getState())).toBeNull();
    useSyncStore.getState().applyOutcome({
      kind: 'updateRequired',
      error: { code: 'protocol_version', message: 'update', status: 426 },
      at: new Date().toISOString(),
    });
    useSyncStore.getState().setCounts({ pending: 17, rejected: 0 });
    expect(syncSelectors.blocked(useSyncStore.getState())).toBe('updateRequired');
    expect(syncSelectors.pending(useSyncStore.getState())).toBe(17);
  });
});

describe('a newer version opened in another tab', () => {
  it('takes the desk to a screen that asks for a reload', () => {
    useSessionStore.getState().newerVersionOpened();
    expect(useSessionStore.getState()).toMatchObject({ status: 'outdated', db: null });
    const html = renderToStaticMarkup(<NewerVersionScreen />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('已有新版本，请重新载入');
    expect(html).toContain('>重新载入</button>');
    expect(translate('en', 'newerVersion')).toBe('A newer version is open: reload');
  });
});

describe('access revoked', () => {
  it('names the port and HQ’s reason at the sign-in screen', () => {
    const html = renderToStaticMarkup(
      <SignedOutNoticeText notice={{ kind: 'accessRevoked', portId: 'DONGXING', detail: '该关员已停用 / Officer disabled' }} />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('本机已删除 DONGXING 口岸的数据');
    expect(html).toContain('该关员已停用 / Officer disabled');
  });
});

describe('a conflict in the review queue', () => {
  it('shows both versions with who, both clocks and the desk; a supervisor gets “Keep this” on each side', () => {
    const html = renderToStaticMarkup(
      <ConflictCard row={{ conflict, record: null }} officers={officers} canResolve={true} onKeep={() => {}} />,
    );
    for (const text of ['是', '否', '黄警官', '陆海燕', 'desk-aaaa-0001', 'desk-bbbb-0002', '2026-11-21 09:00:00', '2026-11-21 10:00:00', '2026-11-21 07:30:00', '2026-11-21 10:05:00', '拼车']) {
      expect(html).toContain(text);
    }
    expect(html.match(/<button[^>]*>采用此值<\/button>/g)).toHaveLength(2);
  });

  it('is read-only for an officer', () => {
    const html = renderToStaticMarkup(
      <ConflictCard row={{ conflict, record: null }} officers={officers} canResolve={false} onKeep={() => {}} />,
    );
    expect(html).not.toContain('采用此值');
    expect(html).toContain('陆海燕');
  });
});
