import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Officer } from '../../../shared/index';
import { editableValuesOf, editDeclaration, type EditableValues } from '../declarations/edit-declaration';
import { saveDeclaration } from '../declarations/save-declaration';
import { pullChanges } from '../sync/pull-changes';
import { pushOutbox } from '../sync/push-outbox';
import * as demo from '../testing/demo-data';
import { FakeHq } from '../testing/fake-hq';
import { openTestDesk, type TestDesk } from '../testing/test-desk';
import { canResolveConflicts, resolveConflict } from './resolve-conflict';
import { openConflictCount, reviewQueue } from './review-queries';

const r = demo.resident(1);
const officer2: Officer = { ...demo.officer, id: '00000000-0000-4000-8000-000000000002', username: 'dx.officer2', name: '陆海燕' };
const supervisor: Officer = { ...demo.officer, id: '00000000-0000-4000-8000-000000000003', username: 'dx.supervisor', name: '韦建国', role: 'supervisor' };
let hq: FakeHq;
let a: TestDesk;
let b: TestDesk;
let boss: TestDesk;
let recordId: string;

async function edit(desk: TestDesk, change: Partial<EditableValues>) {
  const record = await desk.db.declarations.get(recordId);
  if (record === undefined) throw new Error('no record');
  const saved = await editDeclaration(desk.db, { recordId, values: { ...editableValuesOf(record), ...change }, officerId: desk.officer.id });
  expect(saved.ok).toBe(true);
}

beforeEach(async () => {
  hq = new FakeHq({ residents: [r], goodsList: demo.goodsList, policy: demo.policy, officer: demo.officer, others: [officer2, supervisor] });
  a = await openTestDesk(hq, { deviceId: 'desk-aaaa-0001' });
  b = await openTestDesk(hq, { officer: officer2, deviceId: 'desk-bbbb-0002' });
  boss = await openTestDesk(hq, { officer: supervisor, deviceId: 'desk-cccc-0003' });
  const draft = demo.draft(r, 10_000, { deviceId: a.deviceId });
  recordId = draft.id;
  await saveDeclaration(a.db, draft);
  for (const desk of [a, b]) expect((await desk.sync()).kind).toBe('ok');
  // Both officers change the plate while apart: A reaches HQ first.
  await edit(a, { vehiclePlate: '桂PAAAAA' });
  await edit(b, { vehiclePlate: '桂PBBBBB' });
  for (const desk of [a, b, boss]) expect((await desk.sync()).kind).toBe('ok');
});

afterEach(async () => {
  for (const desk of [a, b, boss]) await desk.remove();
});

describe('the review queue', () => {
  it('shows each open conflict with both sides, who made them, both clocks and the desks', async () => {
    const queue = await reviewQueue(boss.db);
    expect(queue.conflicts).toHaveLength(1);
    const [row] = queue.conflicts;
    expect(row?.record?.id).toBe(recordId);
    expect(row?.conflict).toMatchObject({
      field: 'vehiclePlate',
      status: 'open',
      winner: { value: '桂PAAAAA', stamp: { deviceId: 'desk-aaaa-0001' } },
      loser: { value: '桂PBBBBB', stamp: { deviceId: 'desk-bbbb-0002' } },
    });
    expect(queue.officers.get(row?.conflict.winner.stamp.officerId ?? '')?.name).toBe(demo.officer.name);
    expect(queue.officers.get(row?.conflict.loser.stamp.officerId ?? '')?.name).toBe('陆海燕');
    expect(row?.conflict.winner.stamp.hqTime).toBeTruthy();
    expect(row?.conflict.loser.stamp.deskTime).toBeTruthy();
    expect(await openConflictCount(boss.db)).toBe(1);
  });

  it('lists the declarations HQ flagged, and only those', async () => {
    // The resident uses most of the day's amount at desk A; desk B, apart, counted it unused.
    const flagged = demo.draft(r, 500_000, { deviceId: b.deviceId });
    await saveDeclaration(b.db, flagged);
    await saveDeclaration(a.db, demo.draft(r, 500_000, { deviceId: a.deviceId }));
    expect((await a.sync()).kind).toBe('ok');
    expect((await b.sync()).kind).toBe('ok');
    expect((await boss.sync()).kind).toBe('ok');
    const queue = await reviewQueue(boss.db);
    expect(queue.flagged.map((d) => d.id)).toEqual([flagged.id]);
    expect(queue.flagged[0]?.flags.map((f) => f.code)).toEqual(['quota_exceeded_elsewhere']);
  });
});

describe('resolveConflict', () => {
  it('lets only a supervisor resolve', async () => {
    expect(canResolveConflicts(supervisor)).toBe(true);
    expect(canResolveConflicts(demo.officer)).toBe(false);
    const [conflict] = await a.db.conflicts.toArray();
    const refused = await resolveConflict(a.db, { conflictId: conflict?.id ?? '', choice: 'loser', officer: demo.officer });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await a.db.outbox.count()).toBe(0);
    expect(await a.db.audit.count()).toBe(2);
  });

  it('sends the choice through the outbox, marks the conflict resolving, and both desks converge', async () => {
    const [conflict] = await boss.db.conflicts.toArray();
    if (conflict === undefined) throw new Error('no conflict');
    const resolved = await resolveConflict(boss.db, { conflictId: conflict.id, choice: 'loser', officer: supervisor });
    expect(resolved.ok).toBe(true);
    expect((await boss.db.conflicts.get(conflict.id))?.status).toBe('resolving');
    expect(await openConflictCount(boss.db)).toBe(0);
    const [entry] = await boss.db.outbox.toArray();
    expect(entry?.mutation).toMatchObject({ type: 'conflict.resolve', conflictId: conflict.id, choice: 'loser', audit: { n: 1 } });
    // A second click while it waits does nothing more.
    expect(await resolveConflict(boss.db, { conflictId: conflict.id, choice: 'winner', officer: supervisor })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    // A pull that arrives before the push does not reopen it.
    expect((await pullChanges(boss.db, boss.client)).ok).toBe(true);
    expect((await boss.db.conflicts.get(conflict.id))?.status).toBe('resolving');
    expect((await reviewQueue(boss.db)).conflicts.map((c) => c.conflict.status)).toEqual(['resolving']);

    for (const desk of [boss, a, b]) expect((await desk.sync()).kind).toBe('ok');
    for (const desk of [boss, a, b]) {
      expect((await desk.db.declarations.get(recordId))?.vehiclePlate).toBe('桂PBBBBB');
      expect((await desk.db.conflicts.get(conflict.id))?.status).toBe('resolved');
      expect((await reviewQueue(desk.db)).conflicts).toEqual([]);
    }
    expect(hq.auditBreaks).toEqual([]);
  });

  it('opens the conflict again when HQ refuses the resolution', async () => {
    const [conflict] = await boss.db.conflicts.toArray();
    if (conflict === undefined) throw new Error('no conflict');
    // Another supervisor desk settled it first.
    const other = await openTestDesk(hq, { officer: supervisor, deviceId: 'desk-dddd-0004' });
    expect((await other.sync()).kind).toBe('ok');
    expect((await resolveConflict(other.db, { conflictId: conflict.id, choice: 'winner', officer: supervisor })).ok).toBe(true);
    expect((await pushOutbox(other.db, other.client)).ok).toBe(true);
    await other.remove();

    await resolveConflict(boss.db, { conflictId: conflict.id, choice: 'loser', officer: supervisor });
    expect(await pushOutbox(boss.db, boss.client)).toMatchObject({ ok: true, data: { rejected: 1 } });
    expect((await boss.db.conflicts.get(conflict.id))?.status).toBe('open');
    // The pull then brings HQ's word: resolved, the first supervisor's choice.
    expect((await pullChanges(boss.db, boss.client)).ok).toBe(true);
    expect((await boss.db.conflicts.get(conflict.id))?.status).toBe('resolved');
    expect((await boss.db.declarations.get(recordId))?.vehiclePlate).toBe('桂PAAAAA');
  });
});
