import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GatePolicy, Officer } from '../../../shared/index';
import { pushOutbox } from '../sync/push-outbox';
import * as demo from '../testing/demo-data';
import { FakeHq } from '../testing/fake-hq';
import { openTestDesk, type TestDesk } from '../testing/test-desk';
import { todaysRows } from './desk-queries';
import { saveDeclarationEvent } from './declaration-event';
import { gateQueue } from './gate-queue';
import { editableValuesOf, editDeclaration } from './edit-declaration';
import { usedTodayLines } from './weight-cap-queries';
import { pullChanges } from '../sync/pull-changes';
import { saveDeclaration } from './save-declaration';

/**
 * A declaration's life on the desk: each event is applied at once with the record, its
 * outbox entry and audit link in one transaction; HQ decides again, and a refusal puts
 * the life back. The demo line weighs 10 kg gross; ±5 % or ±2 kg lets 12 kg through.
 */
const r = demo.resident(1);
const officer2: Officer = { ...demo.officer, id: '00000000-0000-4000-8000-000000000002', username: 'dx.officer2', name: '陆海燕' };
const gatePolicy = (version: number, toleranceKg: number): GatePolicy => ({
  id: `8c2d9e50-4183-4fac-9d5e-9a3142c6f7e${version}`,
  portId: 'DONGXING',
  version,
  effectiveFrom: '2020-01-01',
  tolerancePercent: 5,
  toleranceKg,
  combine: 'larger',
});
let hq: FakeHq;
let a: TestDesk;
let b: TestDesk;

beforeEach(async () => {
  hq = new FakeHq({ residents: [r], goodsList: demo.goodsList, policy: demo.policy, officer: demo.officer, others: [officer2] });
  hq.append({ seq: 0, entity: 'gate_policy', data: gatePolicy(1, 2) });
  a = await openTestDesk(hq, { deviceId: 'desk-aaaa-0001' });
  b = await openTestDesk(hq, { officer: officer2, deviceId: 'desk-bbbb-0002' });
});

afterEach(async () => {
  await a.remove();
  await b.remove();
});

async function declared(): Promise<string> {
  const draft = demo.draft(r, 10_000, { deviceId: a.deviceId });
  expect((await saveDeclaration(a.db, draft)).ok).toBe(true);
  expect((await a.sync()).kind).toBe('ok');
  return draft.id;
}

const event = (desk: TestDesk, recordId: string, e: Parameters<typeof saveDeclarationEvent>[1]['event']) =>
  saveDeclarationEvent(desk.db, { recordId, event: e, officerId: desk.officer.id });

describe('saveDeclarationEvent', () => {
  it('pulls the gate policy, applies review and release at once with outbox and audit links, and a second desk sees it released', async () => {
    const id = await declared();
    expect((await a.db.gatePolicies.toArray()).map((p) => p.version)).toEqual([1]);
    expect((await event(a, id, { type: 'review', riskHit: false, chooseForInspection: false })).ok).toBe(true);
    const released = await event(a, id, { type: 'release', gateWeightKg: 11.5 });
    expect(released.ok).toBe(true);
    expect(await a.db.declarations.get(id)).toMatchObject({ status: 'released', gateCheck: { verdict: 'within', differenceKg: 1.5, allowanceKg: 2 } });
    const outbox = await a.db.outbox.where('recordId').equals(id).toArray();
    expect(outbox.map((e) => [e.type, e.life?.before.status, e.life?.after.status])).toEqual([
      ['declaration.event', 'declared', 'reviewed'],
      ['declaration.event', 'reviewed', 'released'],
    ]);
    expect((await a.db.audit.toArray()).filter((l) => l.recordId === id).map((l) => l.type)).toEqual(['declaration.create', 'declaration.event', 'declaration.event']);
    // The queue of the gate: found by the status index.
    expect((await a.db.declarations.where('status').equals('released').primaryKeys()).includes(id)).toBe(true);
    expect((await a.sync()).kind).toBe('ok');
    expect(await a.db.outbox.count()).toBe(0);
    expect((await b.sync()).kind).toBe('ok');
    expect(await b.db.declarations.get(id)).toMatchObject({ status: 'released', version: 3 });
  });

  it('refuses on the desk, writing nothing, an over-weight release of an uninspected declaration with the message to order an inspection', async () => {
    const id = await declared();
    await event(a, id, { type: 'review', riskHit: false, chooseForInspection: false });
    const before = await a.db.outbox.count();
    const refused = await event(a, id, { type: 'release', gateWeightKg: 13 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', field: 'gateWeightKg' } });
    expect(!refused.ok && refused.error.message).toContain('order an inspection');
    expect(await a.db.outbox.count()).toBe(before);
    expect((await a.db.declarations.get(id))?.status).toBe('reviewed');
    for (const e of [{ type: 'order_inspection' }, { type: 'record_inspection' }, { type: 'release', gateWeightKg: 13 }] as const) {
      expect((await event(a, id, e)).ok).toBe(true);
    }
    expect(await a.db.declarations.get(id)).toMatchObject({ status: 'released', isChosenForInspection: true, gateCheck: { verdict: 'over' } });
  });

  it('puts the life back when HQ refuses the event, and shows HQ\'s reason', async () => {
    const id = await declared();
    // HQ tightened the tolerance; this desk has not pulled it yet.
    hq.append({ seq: 0, entity: 'gate_policy', data: { ...gatePolicy(2, 0.5), tolerancePercent: null } });
    await event(a, id, { type: 'review', riskHit: false, chooseForInspection: false });
    expect((await event(a, id, { type: 'release', gateWeightKg: 11.5 })).ok).toBe(true);
    expect((await a.db.declarations.get(id))?.status).toBe('released');
    expect((await a.sync()).kind).toBe('ok');
    // The review stood; the release did not.
    expect(await a.db.declarations.get(id)).toMatchObject({ status: 'reviewed', gateCheck: null });
    const [row] = await todaysRows(a.db, (await a.db.declarations.get(id))?.tradeDate ?? '');
    expect(row?.editRejection).toMatchObject({ type: 'declaration.event', code: 'validation' });
    expect(row?.editRejection?.message).toContain('须布控查验');
  });

  it('undoes refused events last first: a review and a release both refused leave the record declared', async () => {
    const id = await declared();
    // Desk B reviews first; A's review and release then meet a reviewed record at HQ.
    expect((await b.sync()).kind).toBe('ok');
    expect((await event(b, id, { type: 'review', riskHit: true, chooseForInspection: true })).ok).toBe(true);
    expect((await b.sync()).kind).toBe('ok');
    expect((await event(a, id, { type: 'review', riskHit: false, chooseForInspection: false })).ok).toBe(true);
    expect((await event(a, id, { type: 'release', gateWeightKg: 10 })).ok).toBe(true);
    // Push only: what the desk shows before its next pull.
    const pushed = await pushOutbox(a.db, a.client);
    expect(pushed.ok && pushed.data.rejected).toBe(2);
    expect(await a.db.declarations.get(id)).toMatchObject({ status: 'declared', riskHit: null, isChosenForInspection: false });
    // The pull then brings B's review.
    expect((await a.sync()).kind).toBe('ok');
    expect(await a.db.declarations.get(id)).toMatchObject({ status: 'reviewed', riskHit: true, isChosenForInspection: true });
  });
});

describe('gateQueue', () => {
  it('lists what the gate may release now, by the status index, oldest first', async () => {
    const first = await declared();
    const second = await declared();
    const third = await declared();
    await event(a, first, { type: 'review', riskHit: false, chooseForInspection: false });
    await event(a, second, { type: 'review', riskHit: true, chooseForInspection: true });
    await event(a, third, { type: 'review', riskHit: false, chooseForInspection: false });
    expect((await gateQueue(a.db)).map((d) => d.id)).toEqual([first, third]);
    await event(a, second, { type: 'record_inspection' });
    await event(a, first, { type: 'release', gateWeightKg: 10 });
    expect((await gateQueue(a.db)).map((d) => d.id)).toEqual([second, third]);
  });
});

describe('withPendingEvents (a pull before the push)', () => {
  it('keeps the desk\'s unanswered events on top of HQ\'s newer state of the record', async () => {
    const id = await declared();
    expect((await b.sync()).kind).toBe('ok');
    const record = await b.db.declarations.get(id);
    if (record === undefined) throw new Error('not pulled');
    // Desk B changes the remarks: HQ sends the record again, still declared.
    expect((await editDeclaration(b.db, { recordId: id, values: { ...editableValuesOf(record), remarks: '复核' }, officerId: b.officer.id })).ok).toBe(true);
    expect((await b.sync()).kind).toBe('ok');
    expect((await event(a, id, { type: 'review', riskHit: false, chooseForInspection: false })).ok).toBe(true);
    const pulled = await pullChanges(a.db, a.client);
    expect(pulled.ok).toBe(true);
    expect(await a.db.declarations.get(id)).toMatchObject({ remarks: '复核', status: 'reviewed' });
    expect(await a.db.outbox.where('type').equals('declaration.event').count()).toBe(1);
  });
});

describe('usedTodayLines', () => {
  it('gives the resident\'s lines of the day on this desk, without declarations HQ refused', async () => {
    const kept = demo.draft(r, 10_000, { deviceId: a.deviceId });
    const refused = demo.draft(r, 20_000, { deviceId: a.deviceId });
    expect((await saveDeclaration(a.db, kept)).ok).toBe(true);
    expect((await saveDeclaration(a.db, refused)).ok).toBe(true);
    await a.db.rejections.put({ mutationId: crypto.randomUUID(), type: 'declaration.create', recordId: refused.id, code: 'validation', message: 'x', field: null, at: new Date().toISOString() });
    expect(await usedTodayLines(a.db, r.id, kept.tradeDate)).toEqual(kept.lines);
    expect(await usedTodayLines(a.db, r.id, '2001-01-01')).toEqual([]);
  });
});
