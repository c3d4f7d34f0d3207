import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Officer } from '../../../shared/index';
import type { DeskDeclaration } from '../db/desk-db';
import { pullChanges } from '../sync/pull-changes';
import { pushOutbox } from '../sync/push-outbox';
import * as demo from '../testing/demo-data';
import { FakeHq } from '../testing/fake-hq';
import { openTestDesk, type TestDesk } from '../testing/test-desk';
import { todaysRows } from './desk-queries';
import { changedFields, editableValuesOf, editDeclaration, type EditableValues } from './edit-declaration';
import { saveDeclaration } from './save-declaration';

const r = demo.resident(1);
const officer2: Officer = { ...demo.officer, id: '00000000-0000-4000-8000-000000000002', username: 'dx.officer2', name: '陆海燕' };
let hq: FakeHq;
let a: TestDesk;
let b: TestDesk;

beforeEach(async () => {
  hq = new FakeHq({ residents: [r], goodsList: demo.goodsList, policy: demo.policy, officer: demo.officer, others: [officer2] });
  a = await openTestDesk(hq, { deviceId: 'desk-aaaa-0001' });
  b = await openTestDesk(hq, { officer: officer2, deviceId: 'desk-bbbb-0002' });
});

afterEach(async () => {
  await a.remove();
  await b.remove();
});

/** Desk A declares one record and both desks sync it. */
async function sharedRecord(): Promise<string> {
  const draft = demo.draft(r, 10_000, { deviceId: a.deviceId, vehiclePlate: '桂P10001' });
  expect((await saveDeclaration(a.db, draft)).ok).toBe(true);
  expect((await a.sync()).kind).toBe('ok');
  expect((await b.sync()).kind).toBe('ok');
  return draft.id;
}

async function edit(desk: TestDesk, recordId: string, change: Partial<EditableValues>) {
  const record = await desk.db.declarations.get(recordId);
  if (record === undefined) throw new Error('no record');
  return editDeclaration(desk.db, { recordId, values: { ...editableValuesOf(record), ...change }, officerId: desk.officer.id });
}

describe('changedFields', () => {
  it('names only what differs, with plates as the form saves them', () => {
    const record: DeskDeclaration = {
      ...demo.draft(r, 1),
      status: 'declared',
      hqExemptFen: null,
      hqTaxableFen: null,
      hqReceivedAt: null,
      flags: [],
      version: 1,
      edits: {},
    };
    expect(changedFields(record, { vehiclePlate: ' ', carPool: false, remarks: '' })).toEqual({});
    expect(changedFields(record, { vehiclePlate: 'gui p 1', carPool: true, remarks: ' 复查 ' })).toEqual({
      vehiclePlate: 'GUI P 1',
      carPool: true,
      remarks: '复查',
    });
  });
});

describe('editDeclaration', () => {
  it('queues a declaration.update with the record version and only the changed fields, shown at once', async () => {
    const id = await sharedRecord();
    const saved = await edit(a, id, { remarks: '车上有两人', carPool: true });
    if (!saved.ok || saved.data.mutationId === null) throw new Error('not saved');
    const [entry] = await a.db.outbox.toArray();
    expect(entry?.mutation).toMatchObject({
      type: 'declaration.update',
      recordId: id,
      portId: 'DONGXING',
      baseVersion: 1,
      changes: { remarks: '车上有两人', carPool: true },
    });
    expect(entry?.mutation.type === 'declaration.update' && Object.keys(entry.mutation.changes).sort()).toEqual(['carPool', 'remarks']);
    expect(await a.db.declarations.get(id)).toMatchObject({ remarks: '车上有两人', carPool: true, vehiclePlate: '桂P10001' });
    expect((await a.db.audit.orderBy('n').last())?.mutationId).toBe(saved.data.mutationId);
    const [row] = await todaysRows(a.db, demo.draft(r, 1).tradeDate);
    expect(row?.state).toBe('pending');
  });

  it('writes nothing when nothing changed, and refuses text a database cannot store', async () => {
    const id = await sharedRecord();
    expect(await edit(a, id, {})).toEqual({ ok: true, data: { mutationId: null } });
    expect(await edit(a, id, { remarks: 'x\u0000y' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await a.db.outbox.count()).toBe(0);
    expect(await a.db.audit.count()).toBe(1);
  });

  it('keeps a pending edit on screen when a pull brings HQ’s older state first', async () => {
    const id = await sharedRecord();
    await edit(b, id, { vehiclePlate: '桂P20002' });
    // Desk A's edit of another field reaches HQ; B pulls before pushing its own.
    await edit(a, id, { remarks: 'A 的备注' });
    expect((await a.sync()).kind).toBe('ok');
    expect((await pullChanges(b.db, b.client)).ok).toBe(true);
    expect(await b.db.declarations.get(id)).toMatchObject({ vehiclePlate: '桂P20002', remarks: 'A 的备注', version: 2 });
    // Once pushed, both edits stand at HQ and on both desks (different fields both survive).
    expect((await b.sync()).kind).toBe('ok');
    expect((await a.sync()).kind).toBe('ok');
    for (const desk of [a, b]) {
      expect(await desk.db.declarations.get(id)).toMatchObject({ vehiclePlate: '桂P20002', remarks: 'A 的备注', version: 3 });
    }
    expect(hq.conflicts.size).toBe(0);
    expect(hq.auditBreaks).toEqual([]);
  });

  it('gives the same field changed on two desks one winner at HQ and a conflict on both desks', async () => {
    const id = await sharedRecord();
    await edit(a, id, { vehiclePlate: '桂PAAAAA' });
    await edit(b, id, { vehiclePlate: '桂PBBBBB' });
    expect((await a.sync()).kind).toBe('ok');
    const pushed = await b.sync();
    expect(pushed.kind === 'ok' && pushed.push.conflicts).toBe(1);
    expect((await a.sync()).kind).toBe('ok');
    for (const desk of [a, b]) {
      expect((await desk.db.declarations.get(id))?.vehiclePlate).toBe('桂PAAAAA');
      const conflicts = await desk.db.conflicts.toArray();
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        recordId: id,
        field: 'vehiclePlate',
        status: 'open',
        winner: { value: '桂PAAAAA', stamp: { deviceId: a.deviceId, officerId: demo.officer.id } },
        loser: { value: '桂PBBBBB', stamp: { deviceId: b.deviceId, officerId: officer2.id } },
      });
    }
  });

  it('puts back an edit HQ refuses, and edits no declaration HQ refused', async () => {
    // Edited before its first sync: HQ refuses the record (unknown resident), so the edit too.
    const orphan = demo.draft(demo.resident(999), 1_000, { remarks: '原备注' });
    await saveDeclaration(a.db, orphan);
    expect((await edit(a, orphan.id, { remarks: '新备注', carPool: true })).ok).toBe(true);
    const pushed = await pushOutbox(a.db, a.client);
    expect(pushed).toMatchObject({ ok: true, data: { rejected: 2 } });
    expect(await a.db.declarations.get(orphan.id)).toMatchObject({ remarks: '原备注', carPool: false });
    const [row] = await todaysRows(a.db, orphan.tradeDate);
    expect(row).toMatchObject({
      state: 'rejected',
      rejection: { code: 'resident_not_found' },
      editRejection: { code: 'not_found', type: 'declaration.update' },
    });
    expect(await edit(a, orphan.id, { remarks: '再改' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await a.db.outbox.count()).toBe(0);
  });
});
