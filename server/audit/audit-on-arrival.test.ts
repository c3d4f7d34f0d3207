import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_GENESIS, auditBody, type MutationResult, pushResponseSchema, verifyAuditChain } from '../../shared/index';
import { memoryLogger } from '../log';
import { DeskChain } from '../testing/audit-chain';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { nodeSha256 } from './node-sha256';

/**
 * HQ checks each desk's audit chain as its pushes arrive (DESIGN.md, Security): intact
 * chains advance their head, reordered deliveries wait instead of breaking, and a
 * changed, forged or forked entry is recorded as a break — while the mutation itself is
 * applied or rejected exactly as it would have been.
 */
interface ChainRow {
  head_n: number;
  head_hash: string;
  entries: number;
  broken: boolean;
}

describe.each(STORE_VARIANTS)('the audit chain on arrival ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let token: string;
  let deskCount = 0;
  let certificate = 1000;
  const logger = memoryLogger();

  /** A fresh desk: its own device id and chain. */
  function desk(): { deviceId: string; chain: DeskChain; next: () => ReturnType<typeof declarationMutation> } {
    const deviceId = `desk-audit-${String(++deskCount).padStart(4, '0')}`;
    const chain = new DeskChain();
    return {
      deviceId,
      chain,
      next: () => declarationMutation({ certificateNo: `DX${String(certificate++).padStart(6, '0')}`, deviceId, chain, valueFen: 10_000 }),
    };
  }

  async function push(deviceId: string, mutations: unknown[]): Promise<MutationResult[]> {
    const res = await h.push(token, mutations, deviceId);
    expect(res.status, await res.clone().text()).toBe(200);
    return pushResponseSchema.parse(await res.json()).results;
  }

  async function chainOf(deviceId: string): Promise<ChainRow | undefined> {
    const [row] = await h.hq.db.query<ChainRow>('SELECT head_n, head_hash, entries, broken FROM audit_chains WHERE port_id = $1 AND device_id = $2', [
      'DONGXING',
      deviceId,
    ]);
    return row;
  }

  async function breaksOf(deviceId: string): Promise<[number, string][]> {
    const rows = await h.hq.db.query<{ n: number; kind: string; source: string }>(
      "SELECT n, kind, source FROM audit_breaks WHERE port_id = 'DONGXING' AND device_id = $1 ORDER BY n, kind",
      [deviceId],
    );
    expect(rows.every((row) => row.source === 'push')).toBe(true);
    return rows.map((row) => [Number(row.n), row.kind]);
  }

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store, { logger });
    token = (await h.login('dx.officer1')).accessToken;
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('advances the head of an intact chain across several pushes, and stores each entry as the desk sent it', async () => {
    const { deviceId, chain, next } = desk();
    const batches = [[next(), next(), next()], [next(), next()], [next(), next(), next(), next()]];
    for (const [i, batch] of batches.entries()) {
      const answer = await push(deviceId, batch);
      expect(answer.every((r) => r.status === 'applied')).toBe(true);
      const done = batches.slice(0, i + 1).flat().length;
      expect(await chainOf(deviceId)).toMatchObject({ head_n: done, entries: done, broken: false });
    }
    expect((await chainOf(deviceId))?.head_hash).toBe(chain.head?.hash);
    expect(await breaksOf(deviceId)).toEqual([]);

    // What HQ kept re-verifies whole: an administrator can check the chain from it.
    const stored = await h.hq.db.query<{ n: number; prev: string; hash: string; body: string; mutation_type: string; desk_time: Date }>(
      'SELECT audit_n AS n, audit_prev AS prev, audit_hash AS hash, body, mutation_type, desk_time FROM mutations WHERE port_id = $1 AND device_id = $2',
      ['DONGXING', deviceId],
    );
    const verdict = verifyAuditChain(stored.map((row) => ({ ...row, n: Number(row.n) })), nodeSha256);
    expect(verdict).toEqual({ checked: 9, head: { n: 9, hash: chain.head?.hash }, problems: [] });
    const first = batches[0]?.[0];
    const row = stored.find((r) => Number(r.n) === 1);
    expect(row?.body).toBe(auditBody(JSON.parse(JSON.stringify(first))));
    expect(row?.mutation_type).toBe('declaration.create');
    expect(new Date(row?.desk_time ?? 0).toISOString()).toBe(first?.deskTime);
  });

  it('hashes the mutation as received: keys the schema drops and text it trims stay covered', async () => {
    const { deviceId, chain, next } = desk();
    const made = next();
    const sent = chain.link({ ...made, note: '柜台附注', record: { ...made.record, lines: made.record.lines.map((l) => ({ ...l, name: '  香蕉  ' })) } });
    const [answer] = await push(deviceId, [sent]);
    expect(answer?.status).toBe('applied');
    expect(await breaksOf(deviceId)).toEqual([]);
    const [row] = await h.hq.db.query<{ body: string }>('SELECT body FROM mutations WHERE port_id = $1 AND mutation_id = $2', ['DONGXING', sent.id]);
    expect(row?.body).toContain('"note":"柜台附注"');
    expect(row?.body).toContain('"name":"  香蕉  "');
  });

  it('waits for a link delivered late: n=3 before n=2 is no break once both arrived, nor are 3–10 before 2', async () => {
    const { deviceId, next } = desk();
    const [m1, m2, m3] = [next(), next(), next()];
    await push(deviceId, [m1]);
    await push(deviceId, [m3]);
    expect(await chainOf(deviceId)).toMatchObject({ head_n: 1, entries: 2, broken: false });
    await push(deviceId, [m2]);
    expect(await chainOf(deviceId)).toMatchObject({ head_n: 3, entries: 3, broken: false });

    const later = Array.from({ length: 8 }, () => next());
    await push(deviceId, [later[0]]);
    await push(deviceId, later.slice(2).reverse());
    expect(await chainOf(deviceId)).toMatchObject({ head_n: 4, entries: 10, broken: false });
    await push(deviceId, [later[1]]);
    expect(await chainOf(deviceId)).toMatchObject({ head_n: 11, entries: 11, broken: false });
    expect(await breaksOf(deviceId)).toEqual([]);
  });

  it('records a changed entry and a forged hash as breaks, applies the mutations all the same, and logs each', async () => {
    const { deviceId, chain, next } = desk();
    await push(deviceId, [next(), next()]);
    const changed = next();
    changed.record.vehiclePlate = '桂P00000';
    const logged = logger.entries.filter((e) => e.event === 'audit.break').length;
    const [afterChange] = await push(deviceId, [changed]);
    expect(afterChange?.status).toBe('applied');
    expect(await breaksOf(deviceId)).toEqual([[3, 'hash_mismatch']]);
    expect(await chainOf(deviceId)).toMatchObject({ head_n: 2, entries: 3, broken: true });

    const forged = next();
    const realHash = forged.audit.hash;
    forged.audit.hash = 'f'.repeat(64);
    const following = next();
    expect(following.audit.prev).toBe(realHash);
    const answer = await push(deviceId, [forged, following]);
    expect(answer.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await breaksOf(deviceId)).toEqual([
      [3, 'hash_mismatch'],
      [4, 'hash_mismatch'],
      [5, 'link_mismatch'],
    ]);
    expect(await chainOf(deviceId)).toMatchObject({ head_n: 2, entries: 5, broken: true });
    const warnings = logger.entries.filter((e) => e.event === 'audit.break');
    expect(warnings).toHaveLength(logged + 3);
    expect(warnings.at(-1)).toMatchObject({ level: 'warn', fields: { portId: 'DONGXING', deviceId, n: 5, kind: 'link_mismatch', mutationId: following.id } });
    expect(JSON.stringify(warnings)).not.toMatch(/Bearer|token|password/i);
    expect(chain.head?.n).toBe(5);
  });

  it('records a fork (two entries under one number), also when it comes in the same batch', async () => {
    const { deviceId, chain, next } = desk();
    const first = next();
    const other = new DeskChain();
    other.link(first);
    const second = next();
    const rival = declarationMutation({ certificateNo: 'DX002500', deviceId, chain: other, valueFen: 10_000 });
    expect([rival.audit.n, rival.audit.prev]).toEqual([second.audit.n, second.audit.prev]);
    await push(deviceId, [first, second]);
    const [answer] = await push(deviceId, [rival]);
    expect(answer?.status).toBe('applied');
    expect(await breaksOf(deviceId)).toEqual([[2, 'fork']]);
    expect(await chainOf(deviceId)).toMatchObject({ head_n: 1, head_hash: first.audit.hash, entries: 3, broken: true });
    expect(chain.head?.n).toBe(2);

    const fresh = desk();
    const a1 = fresh.next();
    const forkChain = new DeskChain();
    forkChain.link(a1);
    const a2 = fresh.next();
    const b2 = declarationMutation({ certificateNo: 'DX002501', deviceId: fresh.deviceId, chain: forkChain, valueFen: 10_000 });
    await push(fresh.deviceId, [a1, a2, b2]);
    expect(await breaksOf(fresh.deviceId)).toEqual([[2, 'fork']]);
  });

  it('records an entry that does not follow the one before (link mismatch)', async () => {
    const { deviceId, next } = desk();
    const m1 = next();
    const stray = new DeskChain();
    stray.link({ unrelated: true });
    const m2 = declarationMutation({ certificateNo: 'DX002600', deviceId, chain: stray, valueFen: 10_000 });
    expect(m2.audit.n).toBe(2);
    await push(deviceId, [m1, m2]);
    expect(await breaksOf(deviceId)).toEqual([[2, 'link_mismatch']]);
    const genesis = declarationMutation({ certificateNo: 'DX002601', deviceId: desk().deviceId, chain: new DeskChain(), valueFen: 10_000 });
    expect(genesis.audit.prev).toBe(AUDIT_GENESIS);
  });

  it('rejects a mutation without a readable audit link (validation, field audit), and keeps rejected ones with a link in the chain', async () => {
    const { deviceId, next } = desk();
    const { audit: _none, ...unlinked } = next();
    const badLink = { ...next(), audit: { n: 0, prev: 'x', hash: 'y' } };
    const unknownResident = declarationMutation({ certificateNo: 'DX777777', deviceId, chain: new DeskChain() });
    const answer = await push(deviceId, [unlinked, badLink, unknownResident]);
    expect(answer.map((r) => [r.status, r.error?.code, r.error?.field])).toEqual([
      ['rejected', 'validation', 'audit'],
      ['rejected', 'validation', 'audit'],
      ['rejected', 'resident_not_found', 'residentId'],
    ]);
    // The rejected one with a readable link is an entry of the chain (a new chain here: n = 1).
    expect(await chainOf(deviceId)).toMatchObject({ head_n: 1, entries: 1, broken: false });
    const rows = await h.hq.db.query<{ mutation_id: string; audit_n: number | null }>(
      'SELECT mutation_id::text AS mutation_id, audit_n FROM mutations WHERE port_id = $1 AND device_id = $2',
      ['DONGXING', deviceId],
    );
    const auditN = new Map(rows.map((r) => [r.mutation_id, r.audit_n === null ? null : Number(r.audit_n)]));
    expect(auditN).toEqual(new Map([[unknownResident.id, 1], [unlinked.id, null], [badLink.id, null]]));
  });

  /** `items` in the order `keys` sorts them, cut into batches where `cuts` says. */
  function delivery<T>(items: readonly T[], keys: readonly number[], cuts: readonly boolean[]): T[][] {
    const order = items.map((item, i) => ({ item, key: keys[i] ?? 0, i })).sort((x, y) => x.key - y.key || x.i - y.i);
    const batches: T[][] = [[]];
    order.forEach(({ item }, i) => {
      if (i > 0 && cuts[i]) batches.push([]);
      batches.at(-1)?.push(item);
    });
    return batches;
  }

  const deliveries = fc.integer({ min: 2, max: 9 }).chain((length) =>
    fc.record({
      length: fc.constant(length),
      keys: fc.array(fc.nat(20), { minLength: length, maxLength: length }),
      cuts: fc.array(fc.boolean(), { minLength: length, maxLength: length }),
      replays: fc.array(fc.nat(length - 1), { maxLength: 3 }),
      tampered: fc.nat(length - 1),
    }),
  );

  it('never reports a break for an intact chain, whatever the order and split of its deliveries, replays included (property)', async () => {
    await fc.assert(
      fc.asyncProperty(deliveries, async ({ length, keys, cuts, replays }) => {
        const { deviceId, chain, next } = desk();
        const mutations = Array.from({ length }, () => next());
        const batches = delivery(mutations, keys, cuts);
        for (const i of replays) batches.at(-1)?.push(mutations[i] as (typeof mutations)[number]);
        for (const batch of batches) await push(deviceId, batch);
        expect(await breaksOf(deviceId)).toEqual([]);
        expect(await chainOf(deviceId)).toEqual({ head_n: length, head_hash: chain.head?.hash, entries: length, broken: false });
      }),
      { numRuns: 12 },
    );
  });

  it('reports exactly the one changed entry, whatever the order of delivery, and stops the head before it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(deliveries, async ({ length, keys, cuts, tampered }) => {
        const { deviceId, next } = desk();
        const mutations = Array.from({ length }, () => next());
        const target = mutations[tampered];
        if (target !== undefined) target.record.residentName = '改过';
        for (const batch of delivery(mutations, keys, cuts)) {
          const answer = await push(deviceId, batch);
          expect(answer.every((r) => r.status === 'applied')).toBe(true);
        }
        expect(await breaksOf(deviceId)).toEqual([[tampered + 1, 'hash_mismatch']]);
        expect(await chainOf(deviceId)).toMatchObject({ head_n: tampered, entries: length, broken: true });
      }),
      { numRuns: 12 },
    );
  });

  it('leaves the chain alone on a replay', async () => {
    const { deviceId, next } = desk();
    const batch = [next(), next()];
    await push(deviceId, batch);
    const [before] = await h.hq.db.query('SELECT * FROM audit_chains WHERE port_id = $1 AND device_id = $2', ['DONGXING', deviceId]);
    h.clock.advance(60_000);
    const again = await push(deviceId, batch);
    expect(again.every((r) => r.replayed)).toBe(true);
    const [after] = await h.hq.db.query('SELECT * FROM audit_chains WHERE port_id = $1 AND device_id = $2', ['DONGXING', deviceId]);
    expect(after).toEqual(before);
    token = (await h.login('dx.officer1')).accessToken;
  });
});
