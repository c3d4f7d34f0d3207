import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MutationResult, pushResponseSchema } from '../../shared/index';
import { memoryLogger } from '../log';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * push.ts decides a batch of creates without looking for stored mutation ids and
 * existing declaration ids, and the inserts check it (push-store.ts NotNewAfterAll). A
 * batch that is not new after all must get exactly the answers of the checked way, and
 * the rolled-back attempt must leave nothing behind: no row, no log line.
 */
describe.each(STORE_VARIANTS)('a push taken to be new that is not ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let token: string;
  const logger = memoryLogger();

  async function results(res: Response): Promise<MutationResult[]> {
    expect(res.status).toBe(200);
    return pushResponseSchema.parse(await res.json()).results;
  }
  const count = async (sql: string) => (await h.hq.db.query<{ n: number }>(sql))[0]?.n ?? -1;
  const declarations = () => count('SELECT count(*)::int8 AS n FROM declarations');
  const lastSeq = () => count("SELECT last_seq AS n FROM ports WHERE port_id = 'DONGXING'");

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store, { logger });
    token = (await h.login('dx.officer1')).accessToken;
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('answers a new batch holding a stored mutation and a taken declaration id as the checked way does, and logs once', async () => {
    const stored = declarationMutation({ certificateNo: 'DX000201' });
    const owner = declarationMutation({ certificateNo: 'DX000202' });
    const first = await results(await h.push(token, [stored, owner]));
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied']);
    const before = { declarations: await declarations(), seq: await lastSeq(), logged: logger.entries.length };

    const fresh = declarationMutation({ certificateNo: 'DX000203' });
    const taken = declarationMutation({ certificateNo: 'DX000204' });
    taken.record.id = owner.record.id;
    const impersonated = declarationMutation({ certificateNo: 'DX000205', officer: 'dx.supervisor' });
    const answer = await results(await h.push(token, [fresh, stored, taken, impersonated]));

    expect(answer[0]).toMatchObject({ status: 'applied', replayed: false, seq: before.seq + 1 });
    expect(answer[1]).toEqual({ ...first[0], index: 1, replayed: true });
    expect(answer[2]).toMatchObject({ status: 'rejected', replayed: false, error: { code: 'conflict', field: 'record.id' } });
    expect(answer[3]).toMatchObject({ status: 'rejected', replayed: false, error: { code: 'forbidden', field: 'record.officerId' } });
    expect(await declarations()).toBe(before.declarations + 1);
    expect(await lastSeq()).toBe(before.seq + 1);
    // The taken id was set after the desk hashed the change: a break of the desk's chain,
    // reported once, not once per attempt.
    const breaks = logger.entries.slice(before.logged).filter((e) => e.event === 'audit.break');
    expect(breaks.map((e) => [e.fields.n, e.fields.kind])).toEqual([[taken.audit.n, 'hash_mismatch']]);

    // Its replay is answered from what was stored, the same answers.
    const again = await results(await h.push(token, [fresh, stored, taken, impersonated]));
    expect(again).toEqual(answer.map((r) => ({ ...r, replayed: true })));
  });
});
