import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Change, type Conflict, type Declaration, type MutationResult, pullResponseSchema, pushResponseSchema } from '../../shared/index';
import { memoryLogger } from '../log';
import { declarationMutation, type Harness, officerId, resolveMutation, startHarness, updateMutation } from '../testing/hq-harness';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * Two desks editing one declaration while apart (DESIGN.md promise 5): different
 * fields both survive, the same field keeps the change HQ applied first and records a
 * conflict every desk of the port pulls, and a supervisor's resolution converges both.
 */
const DESK_A = 'desk-conflict-a-01';
const DESK_B = 'desk-conflict-b-02';
const DESK_S = 'desk-conflict-s-03';

describe.each(STORE_VARIANTS)('edits and conflicts ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let a: string;
  let b: string;
  let supervisor: string;
  let certificate = 500;
  const logger = memoryLogger();

  async function push(token: string, deviceId: string, mutations: unknown[]): Promise<MutationResult[]> {
    const res = await h.push(token, mutations, deviceId);
    expect(res.status, await res.clone().text()).toBe(200);
    return pushResponseSchema.parse(await res.json()).results;
  }

  /** A declaration desk A filed and HQ holds, at version 1. */
  async function filed(): Promise<Declaration> {
    const mutation = declarationMutation({ certificateNo: `DX${String(certificate++).padStart(6, '0')}`, deviceId: DESK_A });
    const [result] = await push(a, DESK_A, [mutation]);
    expect(result?.status).toBe('applied');
    return (await latest(a)).declarations.get(mutation.record.id) as Declaration;
  }

  /** Everything the port's feed holds now, as a desk that pulled from the start would have it. */
  async function latest(token: string): Promise<{ declarations: Map<string, Declaration>; conflicts: Map<string, Conflict>; changes: Change[] }> {
    const changes: Change[] = [];
    let cursor = 0;
    for (;;) {
      const page = pullResponseSchema.parse(await (await h.pull(token, cursor, 5000)).json());
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const declarations = new Map<string, Declaration>();
    const conflicts = new Map<string, Conflict>();
    for (const change of changes) {
      if (change.entity === 'declaration') declarations.set(change.data.id, change.data);
      if (change.entity === 'conflict') conflicts.set(change.data.id, change.data);
    }
    return { declarations, conflicts, changes };
  }

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store, { logger });
    a = (await h.login('dx.officer1', DESK_A)).accessToken;
    b = (await h.login('dx.officer2', DESK_B)).accessToken;
    supervisor = (await h.login('dx.supervisor', DESK_S)).accessToken;
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('keeps both edits when two desks changed different fields, each stamped with who, when and from where', async () => {
    const record = await filed();
    expect(record).toMatchObject({ version: 1, edits: {} });
    const [fromA] = await push(a, DESK_A, [updateMutation({ recordId: record.id, baseVersion: 1, changes: { vehiclePlate: '桂P11111' }, deviceId: DESK_A })]);
    const [fromB] = await push(b, DESK_B, [updateMutation({ recordId: record.id, baseVersion: 1, changes: { remarks: '复查 / rechecked' }, deviceId: DESK_B })]);
    expect(fromA).toMatchObject({ status: 'applied', conflicts: [], error: null });
    expect(fromB).toMatchObject({ status: 'applied', conflicts: [], error: null });
    expect(fromB?.seq).toBeGreaterThan(fromA?.seq ?? Infinity);

    for (const token of [a, b]) {
      const { declarations, changes } = await latest(token);
      const pulled = declarations.get(record.id);
      expect(pulled).toMatchObject({ vehiclePlate: '桂P11111', remarks: '复查 / rechecked', version: 3, totalFen: record.totalFen });
      expect(pulled?.edits.vehiclePlate).toMatchObject({ version: 2, deviceId: DESK_A, officerId: officerId('dx.officer1'), mutationId: fromA?.id });
      expect(pulled?.edits.remarks).toMatchObject({ version: 3, deviceId: DESK_B, officerId: officerId('dx.officer2'), mutationId: fromB?.id });
      // The record's latest state only, once, at the seq of its last change.
      expect(changes.filter((c) => c.entity === 'declaration' && c.data.id === record.id).map((c) => c.seq)).toEqual([fromB?.seq]);
    }
  });

  it('keeps the change HQ applied first when two desks changed one field, and both desks pull the conflict with both sides', async () => {
    const record = await filed();
    const first = updateMutation({ recordId: record.id, baseVersion: 1, changes: { vehiclePlate: '桂P22222' }, deviceId: DESK_B });
    const second = updateMutation({ recordId: record.id, baseVersion: 1, changes: { vehiclePlate: '桂P33333', carPool: true }, deviceId: DESK_A });
    const [won] = await push(b, DESK_B, [first]);
    const [lost] = await push(a, DESK_A, [second]);
    expect(won).toMatchObject({ status: 'applied', conflicts: [] });
    // Applied: the desk's change is recorded (carPool in the record, the plate in the conflict), not lost.
    expect(lost).toMatchObject({ status: 'applied', error: null });
    expect(lost?.conflicts).toHaveLength(1);
    const conflictId = lost?.conflicts[0] ?? '';

    for (const token of [a, b]) {
      const { declarations, conflicts } = await latest(token);
      expect(declarations.get(record.id)).toMatchObject({ vehiclePlate: '桂P22222', carPool: true, version: 3 });
      const conflict = conflicts.get(conflictId);
      expect(conflict).toMatchObject({ portId: 'DONGXING', entity: 'declaration', recordId: record.id, field: 'vehiclePlate', status: 'open', resolution: null });
      expect(conflict?.winner).toMatchObject({ value: '桂P22222', stamp: { version: 2, deviceId: DESK_B, mutationId: first.id, officerId: officerId('dx.officer2') } });
      expect(conflict?.loser).toMatchObject({ value: '桂P33333', stamp: { deviceId: DESK_A, mutationId: second.id, officerId: officerId('dx.officer1'), deskTime: second.deskTime } });
    }
  });

  it('sees no conflict when a desk changes its own change again', async () => {
    const record = await filed();
    await push(a, DESK_A, [updateMutation({ recordId: record.id, baseVersion: 1, changes: { remarks: '第一次' }, deviceId: DESK_A })]);
    // Still offline: the desk has not pulled version 2 and edits from version 1 again.
    const [again] = await push(a, DESK_A, [updateMutation({ recordId: record.id, baseVersion: 1, changes: { remarks: '第二次' }, deviceId: DESK_A })]);
    expect(again).toMatchObject({ status: 'applied', conflicts: [] });
    expect((await latest(a)).declarations.get(record.id)).toMatchObject({ remarks: '第二次', version: 3 });
  });

  it('records an update whose every field conflicted as applied, leaving the record as it was', async () => {
    const record = await filed();
    await push(b, DESK_B, [updateMutation({ recordId: record.id, baseVersion: 1, changes: { carPool: true }, deviceId: DESK_B })]);
    const before = await latest(a);
    const [answer] = await push(a, DESK_A, [updateMutation({ recordId: record.id, baseVersion: 1, changes: { carPool: false }, deviceId: DESK_A })]);
    expect(answer).toMatchObject({ status: 'applied', error: null });
    expect(answer?.conflicts).toHaveLength(1);
    const after = await latest(a);
    expect(after.declarations.get(record.id)).toEqual(before.declarations.get(record.id));
    const conflictChange = after.changes.find((c) => c.entity === 'conflict' && c.data.id === answer?.conflicts[0]);
    expect(answer?.seq).toBe(conflictChange?.seq);
  });

  it('lets a supervisor resolve a conflict, and both desks converge on the chosen value', async () => {
    const record = await filed();
    await push(a, DESK_A, [updateMutation({ recordId: record.id, baseVersion: 1, changes: { remarks: 'A 的备注' }, deviceId: DESK_A })]);
    const [lost] = await push(b, DESK_B, [updateMutation({ recordId: record.id, baseVersion: 1, changes: { remarks: 'B 的备注' }, deviceId: DESK_B })]);
    const conflictId = lost?.conflicts[0] ?? '';
    const resolve = resolveMutation({ conflictId, choice: 'loser', deviceId: DESK_S });
    const [resolved] = await push(supervisor, DESK_S, [resolve]);
    expect(resolved).toMatchObject({ status: 'applied', error: null });

    const views = await Promise.all([latest(a), latest(b), latest(supervisor)]);
    for (const { declarations, conflicts } of views) {
      expect(declarations.get(record.id)).toMatchObject({ remarks: 'B 的备注', version: 3 });
      expect(declarations.get(record.id)?.edits.remarks).toMatchObject({ version: 3, deviceId: DESK_S, officerId: officerId('dx.supervisor'), mutationId: resolve.id });
      expect(conflicts.get(conflictId)).toMatchObject({
        status: 'resolved',
        resolution: { choice: 'loser', value: 'B 的备注', stamp: { version: 3, deviceId: DESK_S, mutationId: resolve.id } },
      });
    }
    expect(views[0]?.declarations.get(record.id)).toEqual(views[1]?.declarations.get(record.id));

    // Once settled, it stays settled; a replay of the resolution changes nothing.
    const [twice] = await push(supervisor, DESK_S, [resolveMutation({ conflictId, choice: 'winner', deviceId: DESK_S })]);
    expect(twice).toMatchObject({ status: 'rejected', error: { code: 'conflict', field: 'conflictId' } });
    expect(twice?.error?.message).toMatch(/already resolved/);
    const countsBefore = await tableCounts(h.hq.db);
    const [replayed] = await push(supervisor, DESK_S, [resolve]);
    expect(replayed).toEqual({ ...resolved, replayed: true });
    expect(countChanges(countsBefore, await tableCounts(h.hq.db))).toEqual({});
  });

  it('refuses a resolution from an officer: forbidden, logged as a refusal, nothing else changed, the rest of the batch applies', async () => {
    const record = await filed();
    await push(a, DESK_A, [updateMutation({ recordId: record.id, baseVersion: 1, changes: { remarks: 'x' }, deviceId: DESK_A })]);
    const [lost] = await push(b, DESK_B, [updateMutation({ recordId: record.id, baseVersion: 1, changes: { remarks: 'y' }, deviceId: DESK_B })]);
    const conflictId = lost?.conflicts[0] ?? '';
    const view = await latest(b);
    const countsBefore = await tableCounts(h.hq.db);
    const logged = logger.entries.filter((e) => e.event === 'scope.refused').length;

    const attempt = resolveMutation({ conflictId, choice: 'loser', deviceId: DESK_B });
    const alongside = declarationMutation({ certificateNo: 'DX000900', officer: 'dx.officer2', deviceId: DESK_B });
    const [refused, fine] = await push(b, DESK_B, [attempt, alongside]);
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(fine?.status).toBe('applied');
    expect(countChanges(countsBefore, await tableCounts(h.hq.db))).toEqual({ mutations: 2, declarations: 1, refused_requests: 1 });
    const [refusal] = await h.hq.db.query<{ officer_id: string; device_id: string; route: string; detail: Record<string, unknown> }>(
      "SELECT officer_id, device_id, route, detail FROM refused_requests WHERE port_id = 'DONGXING' AND detail->>'mutationId' = $1",
      [attempt.id],
    );
    expect(refusal).toEqual({
      officer_id: officerId('dx.officer2'),
      device_id: DESK_B,
      route: 'sync.push',
      detail: { mutation: 'conflict.resolve', mutationId: attempt.id, conflictId, role: 'officer' },
    });
    expect(logger.entries.filter((e) => e.event === 'scope.refused')).toHaveLength(logged + 1);
    const after = await latest(b);
    expect(after.declarations.get(record.id)).toEqual(view.declarations.get(record.id));
    expect(after.conflicts.get(conflictId)).toEqual(view.conflicts.get(conflictId));
  });

  it('decides in batch order: an update of a declaration made earlier in the batch applies, one made later is not found', async () => {
    const made = declarationMutation({ certificateNo: 'DX000950', deviceId: DESK_A });
    const early = updateMutation({ recordId: made.record.id, baseVersion: 1, changes: { remarks: 'too early' }, deviceId: DESK_A });
    const later = updateMutation({ recordId: made.record.id, baseVersion: 1, changes: { vehiclePlate: '桂P95000' }, deviceId: DESK_A });
    const answer = await push(a, DESK_A, [early, made, later]);
    expect(answer.map((r) => r.status)).toEqual(['rejected', 'applied', 'applied']);
    expect(answer[0]?.error).toMatchObject({ code: 'not_found', field: 'recordId' });
    const pulled = await latest(a);
    const record = pulled.declarations.get(made.record.id);
    expect(record).toMatchObject({ vehiclePlate: '桂P95000', version: 2 });
    expect(record?.remarks).toBeUndefined();
    expect(record?.edits.vehiclePlate).toMatchObject({ version: 2, mutationId: later.id });
    // Inserted once, in its last state, at the seq of its last change.
    expect(pulled.changes.filter((c) => c.entity === 'declaration' && c.data.id === made.record.id).map((c) => c.seq)).toEqual([answer[2]?.seq]);
  });

  it('answers an unknown record or conflict with not_found, a version HQ never made with validation, and a replayed update from its stored result', async () => {
    const record = await filed();
    const unknownRecord = updateMutation({ recordId: crypto.randomUUID(), baseVersion: 1, changes: { remarks: 'x' }, deviceId: DESK_A });
    const ahead = updateMutation({ recordId: record.id, baseVersion: 7, changes: { remarks: 'x' }, deviceId: DESK_A });
    const update = updateMutation({ recordId: record.id, baseVersion: 1, changes: { carPool: true }, deviceId: DESK_A });
    const answer = await push(a, DESK_A, [unknownRecord, ahead, update]);
    expect(answer.map((r) => r.error?.code ?? r.status)).toEqual(['not_found', 'validation', 'applied']);
    expect(answer[1]?.error?.field).toBe('baseVersion');
    const [unknownConflict] = await push(supervisor, DESK_S, [resolveMutation({ conflictId: crypto.randomUUID(), choice: 'winner', deviceId: DESK_S })]);
    expect(unknownConflict).toMatchObject({ status: 'rejected', error: { code: 'not_found', field: 'conflictId' } });

    const countsBefore = await tableCounts(h.hq.db);
    const again = await push(a, DESK_A, [update]);
    expect(again[0]).toEqual({ ...answer[2], index: 0, replayed: true });
    expect(countChanges(countsBefore, await tableCounts(h.hq.db))).toEqual({});
    expect((await latest(a)).declarations.get(record.id)).toMatchObject({ carPool: true, version: 2 });
  });

  it('refuses a whole push whose update names another port, and changes nothing but the refusal', async () => {
    const record = await filed();
    const countsBefore = await tableCounts(h.hq.db);
    const foreign = updateMutation({ recordId: record.id, baseVersion: 1, changes: { remarks: 'x' }, portId: 'PINGXIANG', deviceId: DESK_A });
    const res = await h.push(a, [foreign], DESK_A);
    expect(res.status).toBe(403);
    expect(countChanges(countsBefore, await tableCounts(h.hq.db))).toEqual({ refused_requests: 1 });
  });
});
