import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyTwoStepEvent,
  demoTwoStepEntry,
  type TwoStepPolicy,
  type TwoStepRecord,
} from '../../../shared/index';
import { DeskDb, deskDbName } from '../db/desk-db';
import { createHqClient } from '../sync/hq-client';
import { pullChanges } from '../sync/pull-changes';
import { pushOutbox } from '../sync/push-outbox';
import * as demo from '../testing/demo-data';
import { FakeHq } from '../testing/fake-hq';
import { saveTwoStepChange, twoStepChange } from './save-two-step';
import { byUrgency, dayTimings, entryRows, entryTimings, lateCounts, rowsOfView } from './two-step-queries';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const who = { officerId: demo.officer.id, deviceId: 'desk-test-0001' };

function desk() {
  const name = deskDbName('DONGXING', `t${crypto.randomUUID().slice(0, 8)}`);
  names.push(name);
  const db = new DeskDb(name);
  const hq = new FakeHq({ residents: [], goodsList: demo.goodsList, policy: demo.policy, officer: demo.officer });
  const session = hq.issueSession();
  const client = createHqClient({
    baseUrl: 'http://hq.test',
    deviceId: who.deviceId,
    tokens: { accessToken: () => session.accessToken, refresh: async () => ({ ok: true, data: null }) },
    fetch: hq.fetch,
  });
  return { db, hq, client };
}

async function created(db: DeskDb, overrides: Partial<ReturnType<typeof demoTwoStepEntry>> = {}) {
  const entry = { ...demoTwoStepEntry({ id: crypto.randomUUID(), officerId: who.officerId, deviceId: who.deviceId, createdAt: new Date().toISOString() }), ...overrides };
  const saved = await saveTwoStepChange(db, twoStepChange({ type: 'two_step.create' as const, record: entry }), who);
  expect(saved.ok).toBe(true);
  return entry;
}

const event = (db: DeskDb, recordId: string, name: 'declare_summary' | 'record_arrival' | 'record_inspection' | 'review' | 'release' | 'declare_full') =>
  saveTwoStepChange(db, twoStepChange({ type: 'two_step.event' as const, portId: 'DONGXING', recordId, event: name }), who);

describe('two-step entries on the desk', () => {
  it('records a summary declaration and arrival offline, each change in the outbox and the audit chain', async () => {
    const { db } = desk();
    const entry = await created(db);
    expect((await event(db, entry.id, 'declare_summary')).ok).toBe(true);
    expect((await event(db, entry.id, 'record_arrival')).ok).toBe(true);
    const held = await db.twoStepEntries.get(entry.id);
    expect(held?.state).toEqual({ status: 'summary_declared', path: 'two_step', hasArrived: true, isSuspended: false });
    expect(held?.hqReceivedAt).toBeNull();
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((e) => e.type)).toEqual(['two_step.create', 'two_step.event', 'two_step.event']);
    expect(outbox.map((e) => e.mutation.audit.n)).toEqual([1, 2, 3]);
    expect((await db.audit.toArray()).every((a) => a.recordId === entry.id)).toBe(true);
  });

  it('refuses an illegal transition with the machine\'s reason and writes nothing', async () => {
    const { db } = desk();
    const entry = await created(db);
    const refused = await event(db, entry.id, 'release');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'conflict', field: 'status' });
    expect(await db.outbox.count()).toBe(1);
    expect((await db.twoStepEntries.get(entry.id))?.version).toBe(1);
    // A summary with problems cannot be declared either: the same check HQ runs.
    const broken = await created(db, { consignee: { name: '某公司', creditCode: '91350100M000100Y44' } });
    const declared = await event(db, broken.id, 'declare_summary');
    expect(declared.ok).toBe(false);
  });

  it('pushes to HQ, and a receipt HQ applied reaches the desk at its next pull, with a pending event kept on top', async () => {
    const { db, hq, client } = desk();
    const entry = await created(db);
    await event(db, entry.id, 'declare_summary');
    expect(await pushOutbox(db, client)).toMatchObject({ ok: true, data: { applied: 2, rejected: 0 } });
    expect((await pullChanges(db, client)).ok).toBe(true);
    const atHq = (await db.twoStepEntries.get(entry.id)) as TwoStepRecord;
    expect(atHq.hqReceivedAt).not.toBeNull();

    // Offline: the yard records arrival; meanwhile customs' receipt SpJ (reviewed) reaches HQ.
    await event(db, entry.id, 'record_arrival');
    const reviewed = applyTwoStepEvent(atHq, { type: 'review', receipt: 'SpJ' }, { at: new Date().toISOString(), officerId: null, entryNo: '720120261000000017' });
    expect(reviewed.ok).toBe(true);
    if (reviewed.ok) hq.append({ seq: 0, entity: 'two_step_entry', data: reviewed.data });
    expect((await pullChanges(db, client)).ok).toBe(true);
    const shown = await db.twoStepEntries.get(entry.id);
    expect(shown).toMatchObject({ entryNo: '720120261000000017', state: { status: 'reviewed', hasArrived: true } });
  });

  it('puts an entry back when HQ refuses a change to it', async () => {
    const { db, client } = desk();
    const entry = await created(db);
    expect(await pushOutbox(db, client)).toMatchObject({ ok: true, data: { applied: 1 } });
    // Declared at the desk, but the outbox entry names a record HQ does not have: refused.
    const before = await db.twoStepEntries.get(entry.id);
    const other = { ...(before as TwoStepRecord), id: crypto.randomUUID() };
    await db.twoStepEntries.put(other);
    expect((await event(db, other.id, 'declare_summary')).ok).toBe(true);
    expect((await db.twoStepEntries.get(other.id))?.state.status).toBe('summary_declared');
    expect(await pushOutbox(db, client)).toMatchObject({ ok: true, data: { rejected: 1 } });
    expect((await db.twoStepEntries.get(other.id))?.state.status).toBe('draft');
    expect((await db.rejections.toArray()).map((r) => r.code)).toEqual(['not_found']);
  });
});

describe('deadlines, late counts and timing on the desk', () => {
  const policy: TwoStepPolicy = {
    id: crypto.randomUUID(),
    portId: 'DONGXING',
    version: 1,
    effectiveFrom: '2020-01-01',
    fullDeclarationDays: 14,
    lateFeeStartsAfterDays: 14,
    lateFeeRatePerDay: 0.0005,
    lateFeeMinFen: 5_000,
    sellOffAfterMonths: 3,
    dueSoonDays: 3,
    lateCountWindowDays: 365,
    lateCountWarnAt: 2,
    nonWorkingDays: [],
  };

  function declaredEntry(declaredOn: string, history: TwoStepRecord['history'] = []): TwoStepRecord {
    const entry = demoTwoStepEntry({ id: crypto.randomUUID(), officerId: who.officerId, deviceId: who.deviceId, createdAt: '2026-11-01T00:00:00Z' });
    return {
      ...entry,
      transport: { ...entry.transport, declaredOn },
      state: { status: 'reviewed', path: 'two_step', hasArrived: true, isSuspended: false },
      history,
      version: 2,
      edits: {},
      hqReceivedAt: null,
    };
  }

  it('counts down in CST days: 16:30 UTC on 30 November is already 1 December at the port', () => {
    const now = new Date('2026-11-30T16:30:00Z');
    const rows = entryRows([declaredEntry('2026-11-17'), declaredEntry('2026-11-16'), declaredEntry('2026-11-15'), declaredEntry('2026-11-29')], policy, now).sort(byUrgency);
    // Declared on 17 Nov: due 1 Dec (the 14th day) = today in CST.
    expect(rows.map((r) => [r.entry.transport.declaredOn, r.deadline?.daysLeft, r.deadline?.standing])).toEqual([
      ['2026-11-15', -2, 'overdue'],
      ['2026-11-16', -1, 'overdue'],
      ['2026-11-17', 0, 'due_soon'],
      ['2026-11-29', 12, 'on_time'],
    ]);
    expect(rowsOfView(rows, 'overdue')).toHaveLength(2);
    expect(rowsOfView(rows, 'due_soon')).toHaveLength(1);
    // 30,000 yuan, 2 fee days (from day 15, 30 Nov, to today) at 0.5‰ = 30 yuan: below the RMB 50 minimum.
    expect(rows[0]?.fee).toMatchObject({ feeDays: 2, computedFen: 3_000, feeFen: 0, isBelowMinimum: true });
    expect(rows[2]?.fee).toBeNull();
  });

  it('warns when a consignee\'s late full declarations threaten its eligibility', () => {
    const now = new Date('2026-11-30T04:00:00Z');
    const late = declaredEntry('2026-11-01');
    const counts = lateCounts([late, declaredEntry('2026-11-02'), declaredEntry('2026-11-25')], policy, now);
    expect(counts).toEqual([{ consigneeCode: late.consignee.creditCode, lateCount: 2, isEligibilityAtRisk: true }]);
  });

  it('times declaration to release per entry and per CST day', () => {
    const item = (type: 'declare_summary' | 'release', at: string) => ({ type, receipt: null, at, status: 'reviewed' as const, by: 'desk' as const, officerId: who.officerId });
    const a = declaredEntry('2026-11-20', [item('declare_summary', '2026-11-20T01:00:00Z'), item('release', '2026-11-20T03:30:00Z')]);
    const b = declaredEntry('2026-11-20', [item('declare_summary', '2026-11-20T02:00:00Z'), item('release', '2026-11-20T17:00:00Z')]);
    const open = declaredEntry('2026-11-20', [item('declare_summary', '2026-11-20T02:00:00Z')]);
    const timings = entryTimings([a, b, open]);
    expect(timings.map((t) => [t.minutes, t.isSameDay])).toEqual([
      [900, false], // released 01:00 CST the next day
      [150, true],
    ]);
    expect(dayTimings(timings)).toEqual([{ day: '2026-11-20', released: 2, sameDay: 1, averageMinutes: 525, longestMinutes: 900 }]);
  });
});
