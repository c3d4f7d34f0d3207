import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstDateOf, type Mutation, type MutationResult, pullResponseSchema, pushResponseSchema } from '../../shared/index';
import { DeskChain } from '../testing/audit-chain';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * Deliveries duplicated and reordered: the same pushes sent twice, concurrently, out of
 * order, and mixed into other batches. HQ must apply each mutation once, answer every
 * other delivery from the stored result (replayed: true, same seq and flags), and its
 * counts must come out exact. Promise 2 of DESIGN.md.
 */
const cert = (n: number) => `DX${String(n).padStart(6, '0')}`;

/** A deterministic shuffle, so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe.each(STORE_VARIANTS)('duplicated and reordered deliveries ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  const today = cstDateOf(new Date());

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  async function count(sql: string): Promise<number> {
    const rows = await h.hq.db.query<{ n: number }>(sql);
    return Number(rows[0]?.n ?? -1);
  }

  it('applies each mutation once, answers every other delivery from the stored result, and counts exactly', async () => {
    const desk1 = (await h.login('dx.officer1', 'desk-fault-0001')).accessToken;
    const desk2 = (await h.login('dx.officer2', 'desk-fault-0002')).accessToken;
    const startSeq = await count("SELECT last_seq AS n FROM ports WHERE port_id = 'DONGXING'");
    const answers = new Map<string, MutationResult[]>();
    const deliver = async (token: string, deviceId: string, mutations: Mutation[]) => {
      const res = await h.push(token, mutations, deviceId);
      expect(res.status).toBe(200);
      const { results } = pushResponseSchema.parse(await res.json());
      expect(results.map((r) => r.id)).toEqual(mutations.map((m) => m.id));
      for (const result of results) answers.set(result.id ?? '', [...(answers.get(result.id ?? '') ?? []), result]);
      return results;
    };

    // Each desk's audit chain, links made in the order the desk made its changes.
    const chain1 = new DeskChain();
    const chain2 = new DeskChain();
    // Desk 1: 300 residents at 6,000 yuan each. Desk 2: 300 others at DX-02.
    const a = Array.from({ length: 300 }, (_, i) => declarationMutation({ certificateNo: cert(1001 + i), valueFen: 600_000, deviceId: 'desk-fault-0001', chain: chain1 }));
    const b = Array.from({ length: 300 }, (_, i) =>
      declarationMutation({ certificateNo: cert(1301 + i), valueFen: 600_000, pointId: 'DX-02', officer: 'dx.officer2', deviceId: 'desk-fault-0002', chain: chain2 }),
    );
    // One resident declared twice at desk 1, in this order: 6,000 (all exempt), then 3,000
    // (2,000 exempt, 1,000 taxable). The network delivers the second one first.
    const first = declarationMutation({ certificateNo: cert(1700), valueFen: 600_000, deviceId: 'desk-fault-0001', chain: chain1 });
    const second = declarationMutation({ certificateNo: cert(1700), valueFen: 300_000, usedTodayFen: 600_000, deviceId: 'desk-fault-0001', chain: chain1 });
    expect(second.record).toMatchObject({ exemptFen: 200_000, taxableFen: 100_000 });

    // Round 1, all at once: batch A twice, batch B reversed, and the later of the pair.
    await Promise.all([
      deliver(desk1, 'desk-fault-0001', a),
      deliver(desk1, 'desk-fault-0001', a),
      deliver(desk2, 'desk-fault-0002', [...b].reverse()),
      deliver(desk1, 'desk-fault-0001', [second]),
    ]);
    // Round 2, all at once: B again in its own order, a shuffled mix of A with the earlier
    // of the pair, and that mix once more.
    const mix = shuffled([...a.slice(0, 150), first, ...a.slice(150)], 7);
    await Promise.all([
      deliver(desk2, 'desk-fault-0002', b),
      deliver(desk1, 'desk-fault-0001', mix),
      deliver(desk1, 'desk-fault-0001', mix),
    ]);
    // Round 3: everything, shuffled, twice at once.
    const everything = shuffled([...a, ...b, first, second], 11);
    const [r3a, r3b] = await Promise.all([deliver(desk1, 'desk-fault-0001', everything.filter((m) => m.record.pointId === 'DX-01')), deliver(desk2, 'desk-fault-0002', everything.filter((m) => m.record.pointId === 'DX-02'))]);
    expect([...r3a, ...r3b].every((r) => r.replayed)).toBe(true);

    // Each mutation: exactly one first answer; every other delivery is that answer, replayed.
    const all = [...a, ...b, first, second];
    for (const mutation of all) {
      const got = answers.get(mutation.id) ?? [];
      const fresh = got.filter((r) => !r.replayed);
      expect(fresh, mutation.id).toHaveLength(1);
      const { index: _i, replayed: _r, ...stored } = fresh[0] as MutationResult;
      expect(stored.status).toBe('applied');
      for (const again of got.filter((r) => r.replayed)) {
        const { index: _j, replayed: _s, ...answer } = again;
        expect(answer).toEqual(stored);
      }
    }
    expect(a.reduce((n, m) => n + (answers.get(m.id)?.length ?? 0), 0)).toBe(300 * 5);
    expect(b.reduce((n, m) => n + (answers.get(m.id)?.length ?? 0), 0)).toBe(300 * 3);

    // The pair arrived out of order: HQ assessed the later one first, then cut the earlier
    // one's exemption to what was left. The resident's 8,000 yuan are never exceeded.
    const firstResult = answers.get(first.id)?.find((r) => !r.replayed);
    const secondResult = answers.get(second.id)?.find((r) => !r.replayed);
    expect(secondResult?.flags).toEqual([]);
    expect(firstResult?.flags.map((f) => f.code)).toEqual(['quota_exceeded_elsewhere']);
    expect(secondResult?.seq ?? 0).toBeLessThan(firstResult?.seq ?? 0);

    // Replays are not usage: a second 2,000-yuan declaration for each resident of batch A
    // fits their 8,000 exactly, so none of them may be flagged.
    const topUp = a.map((m) => declarationMutation({ certificateNo: m.record.certificateNo, valueFen: 200_000, usedTodayFen: 600_000, deviceId: 'desk-fault-0001', chain: chain1 }));
    const topUpResults = await deliver(desk1, 'desk-fault-0001', topUp);
    expect(topUpResults.filter((r) => r.status !== 'applied' || r.replayed || r.flags.length > 0)).toEqual([]);

    // Exact counts at HQ.
    const applied = 300 + 300 + 2 + 300;
    expect(await count('SELECT count(*)::int8 AS n FROM declarations')).toBe(applied);
    expect(await count('SELECT count(*)::int8 AS n FROM mutations')).toBe(applied);
    const report = await (await h.request(`/api/v1/reports/day?date=${today}`, { token: desk1 })).json();
    // The report's original fields exactly (issue 4 added the figures by goods and point after them).
    expect(report).toMatchObject({
      portId: 'DONGXING',
      date: today,
      declarations: applied,
      hqAssessed: applied,
      residents: 601,
      totalFen: 300 * 800_000 + 300 * 600_000 + 900_000,
      exemptFen: 300 * 800_000 + 300 * 600_000 + 800_000,
      taxableFen: 100_000,
      flagged: 1,
    });
    // The feed: each declaration once, on gap-free seqs taken only by first deliveries.
    const seqs = [...answers.values()].map((got) => got.find((r) => !r.replayed)?.seq ?? -1).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: applied }, (_, i) => startSeq + 1 + i));
    const page = pullResponseSchema.parse(await (await h.pull(desk2, startSeq, 5000)).json());
    const ids = page.changes.filter((c) => c.entity === 'declaration').map((c) => c.data.id);
    expect(ids).toHaveLength(applied);
    expect(new Set(ids).size).toBe(applied);
    expect(page.hasMore).toBe(false);

    // Both audit chains arrived out of order and in pieces, and are whole: every link
    // once, the head at each desk's last change, no break.
    const chains = await h.hq.db.query<{ device_id: string; head_n: number; head_hash: string; entries: number; broken: boolean }>(
      "SELECT device_id, head_n, head_hash, entries, broken FROM audit_chains WHERE port_id = 'DONGXING' ORDER BY device_id",
    );
    expect(chains).toEqual([
      { device_id: 'desk-fault-0001', head_n: 602, head_hash: chain1.head?.hash, entries: 602, broken: false },
      { device_id: 'desk-fault-0002', head_n: 300, head_hash: chain2.head?.hash, entries: 300, broken: false },
    ]);
    expect(await count('SELECT count(*)::int8 AS n FROM audit_breaks')).toBe(0);
  });
});
