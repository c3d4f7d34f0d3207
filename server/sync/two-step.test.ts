import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Change,
  type Conflict,
  demoTwoStepEntry,
  type MutationResult,
  pullResponseSchema,
  pushResponseSchema,
  ROUTES,
  receiptsResponseSchema,
  type Session,
  type TwoStepChanges,
  type TwoStepRecord,
} from '../../shared/index';
import { deskChain } from '../testing/audit-chain';
import { type Harness, officerId, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * Two-step entries at HQ (issue 5): created, edited and advanced by desk events through
 * the push (record kind two_step_entry), receipts from customs through POST
 * /api/v1/receipts, and every change in the port's feed.
 */
const DESK_A = 'desk-twostep-a-01';
const DESK_B = 'desk-twostep-b-02';
const DESK_S = 'desk-twostep-s-03';
// A fresh chain per store variant: each variant is a new HQ.
let chains = { [DESK_A]: deskChain(DESK_A), [DESK_B]: deskChain(DESK_B) };

function createMutation(deviceId: keyof typeof chains, username: string, id = randomUUID()) {
  const now = new Date().toISOString();
  return chains[deviceId].link({
    id: randomUUID(),
    type: 'two_step.create' as const,
    deskTime: now,
    record: demoTwoStepEntry({ id, officerId: officerId(username), deviceId, createdAt: now }),
  });
}

function eventMutation(deviceId: keyof typeof chains, recordId: string, event: string) {
  return chains[deviceId].link({ id: randomUUID(), type: 'two_step.event' as const, deskTime: new Date().toISOString(), portId: 'DONGXING', recordId, event });
}

function updateMutation(deviceId: keyof typeof chains, recordId: string, baseVersion: number, changes: TwoStepChanges) {
  return chains[deviceId].link({ id: randomUUID(), type: 'two_step.update' as const, deskTime: new Date().toISOString(), portId: 'DONGXING', recordId, baseVersion, changes });
}

describe.each(STORE_VARIANTS)('two-step entries at HQ ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let a: Session;
  let b: Session;
  let admin: Session;
  let supervisor: Session;
  let supervisorChain = deskChain(DESK_S);

  async function push(session: Session, deviceId: string, mutations: unknown[]): Promise<MutationResult[]> {
    const res = await h.push(session.accessToken, mutations, deviceId);
    expect(res.status, await res.clone().text()).toBe(200);
    return pushResponseSchema.parse(await res.json()).results;
  }

  async function feed(session: Session): Promise<{ entries: Map<string, TwoStepRecord>; conflicts: Conflict[]; changes: Change[] }> {
    const changes: Change[] = [];
    let cursor = 0;
    for (;;) {
      const page = pullResponseSchema.parse(await (await h.pull(session.accessToken, cursor, 5000)).json());
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const entries = new Map<string, TwoStepRecord>();
    const conflicts: Conflict[] = [];
    for (const change of changes) {
      if (change.entity === 'two_step_entry') entries.set(change.data.id, change.data);
      if (change.entity === 'conflict' && change.data.entity === 'two_step_entry') conflicts.push(change.data);
    }
    return { entries, conflicts, changes };
  }

  async function postReceipts(session: Session, receipts: unknown[]) {
    return h.request(ROUTES.receipts, { method: 'POST', token: session.accessToken, body: JSON.stringify({ receipts }), headers: { 'content-type': 'application/json' } });
  }

  const receipt = (entryId: string, code: string, extra: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    portId: 'DONGXING',
    entryId,
    code,
    at: new Date().toISOString(),
    ...extra,
  });

  beforeAll(async () => {
    chains = { [DESK_A]: deskChain(DESK_A), [DESK_B]: deskChain(DESK_B) };
    store = await variant.create();
    h = await startHarness(store);
    a = await h.login('dx.officer1', DESK_A);
    b = await h.login('dx.officer2', DESK_B);
    admin = await h.login('hq.admin', 'desk-twostep-admin');
    supervisor = await h.login('dx.supervisor', DESK_S);
    supervisorChain = deskChain(DESK_S);
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('stores a draft, declares it and records arrival in one batch, in order, each change with its own seq', async () => {
    const create = createMutation(DESK_A, 'dx.officer1');
    const id = create.record.id;
    const results = await push(a, DESK_A, [create, eventMutation(DESK_A, id, 'declare_summary'), eventMutation(DESK_A, id, 'record_arrival')]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const seqs = results.map((r) => r.seq ?? 0);
    expect(seqs[1]).toBe((seqs[0] ?? 0) + 1);
    expect(seqs[2]).toBe((seqs[1] ?? 0) + 1);
    const held = (await feed(b)).entries.get(id);
    expect(held?.state).toEqual({ status: 'summary_declared', path: 'two_step', hasArrived: true, isSuspended: false });
    expect(held?.history.map((e) => [e.type, e.status, e.by])).toEqual([
      ['declare_summary', 'summary_declared', 'desk'],
      ['record_arrival', 'summary_declared', 'desk'],
    ]);
    expect(held?.version).toBe(3);
  });

  it('refuses an illegal transition with the machine\'s reason and changes nothing', async () => {
    const create = createMutation(DESK_A, 'dx.officer1');
    const id = create.record.id;
    await push(a, DESK_A, [create]);
    const before = (await feed(a)).entries.get(id);
    const [refused] = await push(a, DESK_A, [eventMutation(DESK_A, id, 'release')]);
    expect(refused).toMatchObject({ status: 'rejected', seq: null, error: { code: 'conflict', field: 'status' } });
    expect(refused?.error?.message).toContain('草稿');
    expect((await feed(a)).entries.get(id)).toEqual(before);
    const [unknown] = await push(a, DESK_A, [eventMutation(DESK_A, randomUUID(), 'record_arrival')]);
    expect(unknown?.error?.code).toBe('not_found');
  });

  it('merges edits of a draft field by field, records a conflict when two desks changed one field, and refuses edits once declared', async () => {
    const create = createMutation(DESK_A, 'dx.officer1');
    const id = create.record.id;
    await push(a, DESK_A, [create]);
    const [fromA] = await push(a, DESK_A, [updateMutation(DESK_A, id, 1, { billOfLadingNo: 'DX-A-1' })]);
    const [fromB] = await push(b, DESK_B, [updateMutation(DESK_B, id, 1, { billOfLadingNo: 'DX-B-1', tradeMode: '9610' })]);
    expect(fromA).toMatchObject({ status: 'applied', conflicts: [] });
    expect(fromB?.status).toBe('applied');
    expect(fromB?.conflicts).toHaveLength(1);
    const { entries, conflicts } = await feed(a);
    expect(entries.get(id)).toMatchObject({ billOfLadingNo: 'DX-A-1', tradeMode: '9610', version: 3 });
    const conflict = conflicts.find((c) => c.recordId === id);
    expect(conflict).toMatchObject({ entity: 'two_step_entry', field: 'billOfLadingNo', status: 'open' });
    expect(conflict?.winner.value).toBe('"DX-A-1"');
    expect(conflict?.loser.value).toBe('"DX-B-1"');

    await push(a, DESK_A, [eventMutation(DESK_A, id, 'declare_summary')]);
    const [late] = await push(a, DESK_A, [updateMutation(DESK_A, id, 4, { tradeMode: '0110' })]);
    expect(late).toMatchObject({ status: 'rejected', error: { code: 'conflict', field: 'status' } });
  });

  it('lets a supervisor settle a conflict on an entry: the chosen side becomes the field\'s latest change', async () => {
    const create = createMutation(DESK_A, 'dx.officer1');
    const id = create.record.id;
    await push(a, DESK_A, [create]);
    await push(a, DESK_A, [updateMutation(DESK_A, id, 1, { billOfLadingNo: 'DX-A-2' })]);
    const [fromB] = await push(b, DESK_B, [updateMutation(DESK_B, id, 1, { billOfLadingNo: 'DX-B-2' })]);
    const conflictId = fromB?.conflicts[0] ?? '';
    const resolve = (session: Session, deviceId: string, chain: ReturnType<typeof deskChain>) =>
      push(session, deviceId, [chain.link({ id: randomUUID(), type: 'conflict.resolve' as const, deskTime: new Date().toISOString(), portId: 'DONGXING', conflictId, choice: 'loser' as const })]);

    const [byOfficer] = await resolve(a, DESK_A, chains[DESK_A]);
    expect(byOfficer?.error?.code).toBe('forbidden');
    const [settled] = await resolve(supervisor, DESK_S, supervisorChain);
    expect(settled).toMatchObject({ status: 'applied', error: null });
    const { entries, conflicts } = await feed(b);
    expect(entries.get(id)).toMatchObject({ billOfLadingNo: 'DX-B-2', version: 3 });
    expect(entries.get(id)?.edits.billOfLadingNo?.officerId).toBe(officerId('dx.supervisor'));
    expect(conflicts.find((c) => c.id === conflictId)).toMatchObject({ status: 'resolved', resolution: { choice: 'loser', value: '"DX-B-2"' } });
    const [again] = await resolve(supervisor, DESK_S, supervisorChain);
    expect(again?.error?.code).toBe('conflict');
  });

  it('refuses an entry filed in another officer\'s name, and entries from HQ administrators', async () => {
    const [forged] = await push(a, DESK_A, [createMutation(DESK_A, 'dx.officer2')]);
    expect(forged?.error?.code).toBe('forbidden');
  });

  it('applies customs receipts once each, with a seq, and desks pull the new state', async () => {
    const create = createMutation(DESK_A, 'dx.officer1');
    const id = create.record.id;
    await push(a, DESK_A, [create, eventMutation(DESK_A, id, 'declare_summary')]);
    const accepted = receipt(id, 'SpL', { entryNo: '720120261000000017' });
    const reviewed = receipt(id, 'SpJ');
    const res = await postReceipts(admin, [accepted, reviewed, receipt(randomUUID(), 'SpJ'), receipt(id, 'spk'), { id: 'x' }]);
    expect(res.status).toBe(200);
    const { results } = receiptsResponseSchema.parse(await res.json());
    expect(results.map((r) => [r.status, r.httpStatus])).toEqual([
      ['applied', 200],
      ['applied', 200],
      ['rejected', 404],
      ['rejected', 400],
      ['rejected', 400],
    ]);
    expect(results[3]?.error?.message).toContain('SpK');
    expect(results[1]?.seq).toBe((results[0]?.seq ?? 0) + 1);
    const held = (await feed(b)).entries.get(id);
    expect(held).toMatchObject({ entryNo: '720120261000000017', state: { status: 'reviewed' } });
    expect(held?.history.at(-1)).toMatchObject({ type: 'review', receipt: 'SpJ', by: 'customs', officerId: null });

    // Sent again: the stored answers, nothing new in the feed.
    const cursorBefore = (await feed(a)).changes.at(-1)?.seq;
    const again = receiptsResponseSchema.parse(await (await postReceipts(admin, [accepted, reviewed])).json());
    expect(again.results.map((r) => [r.status, r.replayed, r.seq])).toEqual([
      ['applied', true, results[0]?.seq],
      ['applied', true, results[1]?.seq],
    ]);
    expect((await feed(a)).changes.at(-1)?.seq).toBe(cursorBefore);

    // A receipt the machine refuses: 409 with the reason.
    const [closed] = receiptsResponseSchema.parse(await (await postReceipts(admin, [receipt(id, 'R')])).json()).results;
    expect(closed).toMatchObject({ status: 'rejected', httpStatus: 409, error: { code: 'conflict' } });
  });

  it('takes receipts from HQ administrators only', async () => {
    const res = await postReceipts(a, [receipt(randomUUID(), 'L')]);
    expect(res.status).toBe(403);
    const bad = await h.request(ROUTES.receipts, { method: 'POST', token: admin.accessToken, body: '{"receipts": 5}', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
  });

  it('sends the two-step policy in the feed as reference data', async () => {
    const policies = (await feed(a)).changes.filter((c) => c.entity === 'two_step_policy');
    expect(policies).toHaveLength(1);
    expect(policies[0]?.data).toMatchObject({ portId: 'DONGXING', fullDeclarationDays: 14, lateFeeRatePerDay: 0.0005 });
  });
});
