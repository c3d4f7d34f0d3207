import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstDateOf, type MutationResult, pullResponseSchema, pushResponseSchema } from '../../shared/index';
import { upsertResidents } from '../reference/reference-store';
import { demoResidents } from '../seed/demo-data';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

async function results(res: Response): Promise<MutationResult[]> {
  expect(res.status).toBe(200);
  return pushResponseSchema.parse(await res.json()).results;
}

describe.each(STORE_VARIANTS)('push ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let token: string;
  const today = cstDateOf(new Date());

  async function declarationCount(): Promise<number> {
    const rows = await h.hq.db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM declarations');
    return rows[0]?.n ?? -1;
  }

  async function lastSeq(): Promise<number> {
    const rows = await h.hq.db.query<{ last_seq: number }>("SELECT last_seq FROM ports WHERE port_id = 'DONGXING'");
    return rows[0]?.last_seq ?? -1;
  }

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    token = (await h.login('dx.officer1')).accessToken;
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('applies a declaration, and a replay returns the stored result and changes nothing', async () => {
    const mutation = declarationMutation({ certificateNo: 'DX000001' });
    const [first] = await results(await h.push(token, [mutation]));
    expect(first).toMatchObject({ index: 0, id: mutation.id, status: 'applied', replayed: false, error: null });
    expect(first?.seq).toBeGreaterThan(0);
    const countBefore = await declarationCount();
    const seqBefore = await lastSeq();

    // Replayed alone, and again inside a batch with a new mutation: only the new one applies.
    const replay = (await results(await h.push(token, [mutation])))[0];
    expect(replay).toEqual({ ...first, replayed: true });
    const mixed = await results(await h.push(token, [declarationMutation({ certificateNo: 'DX000002' }), mutation]));
    expect(mixed[1]).toEqual({ ...first, index: 1, replayed: true });
    expect(await declarationCount()).toBe(countBefore + 1);
    expect(await lastSeq()).toBe(seqBefore + 1);
  });

  it('answers a resend of a whole stored push without waiting for the port\'s writers', async () => {
    const batch = [declarationMutation({ certificateNo: 'DX000003' }), declarationMutation({ certificateNo: 'DX000004' })];
    const first = await results(await h.push(token, batch));
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied']);
    const countBefore = await declarationCount();
    const seqBefore = await lastSeq();
    // The resend, twice over and reordered: every id is stored, so the stored answers come back.
    const resend = [batch[1], batch[0], batch[1]];
    const expected = [{ ...first[1], index: 0, replayed: true }, { ...first[0], index: 1, replayed: true }, { ...first[1], index: 2, replayed: true }];
    if (variant.name === 'postgres') {
      // Another writer of the port holds its counter lock meanwhile (PGlite has one connection: no such writer).
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked = () => {};
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const writer = h.hq.db.transaction(async (tx) => {
        await tx.query("SELECT last_seq FROM ports WHERE port_id = 'DONGXING' FOR UPDATE");
        locked();
        await held;
      });
      await isLocked;
      try {
        expect(await results(await h.push(token, resend))).toEqual(expected);
      } finally {
        release();
        await writer;
      }
    } else {
      expect(await results(await h.push(token, resend))).toEqual(expected);
    }
    // A resend with one new mutation goes the whole way: the new one applies, the rest replay.
    const fresh = declarationMutation({ certificateNo: 'DX000005' });
    const mixed = await results(await h.push(token, [...batch, fresh]));
    expect(mixed.map((r) => [r.status, r.replayed])).toEqual([['applied', true], ['applied', true], ['applied', false]]);
    expect(await declarationCount()).toBe(countBefore + 1);
    expect(await lastSeq()).toBe(seqBefore + 1);
  });

  it('applies the good mutations of a batch and answers each bad one with a code', async () => {
    const good1 = declarationMutation({ certificateNo: 'DX000010' });
    const badGoods = declarationMutation({ certificateNo: 'DX000011' });
    badGoods.record.lines = badGoods.record.lines.map((line) => ({ ...line, hsCode: 'x1' }));
    const unknownResident = declarationMutation({ certificateNo: 'DX777777' });
    const good2 = declarationMutation({ certificateNo: 'DX000012' });
    const batch = [good1, badGoods, 'not a mutation', unknownResident, { id: 42 }, good2];
    const answer = await results(await h.push(token, batch));

    expect(answer.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected', 'rejected', 'applied']);
    expect(answer.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(answer[1]?.error).toMatchObject({ code: 'validation', field: 'record.lines.0.hsCode' });
    expect(answer[2]?.error?.code).toBe('validation');
    expect(answer[3]?.error?.code).toBe('resident_not_found');
    expect(answer[5]?.seq).toBe((answer[0]?.seq ?? 0) + 1);

    // A rejected mutation's answer is stored too: its replay gets the same answer.
    const [replayed] = await results(await h.push(token, [badGoods]));
    expect(replayed).toMatchObject({ status: 'rejected', replayed: true, error: { code: 'validation' } });
  });

  it('refuses a whole batch that reaches into another port (403), logs it, and applies nothing', async () => {
    const own = declarationMutation({ certificateNo: 'DX000020' });
    const foreign = declarationMutation({ certificateNo: 'PX000001', portId: 'PINGXIANG', pointId: 'PX-01' });
    const countBefore = await declarationCount();
    const res = await h.push(token, [own, foreign]);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
    expect(await declarationCount()).toBe(countBefore);
    const logged = await h.hq.db.query<{ route: string; detail: { foreignPorts: string[] } }>(
      "SELECT route, detail FROM refused_requests WHERE port_id = 'DONGXING'",
    );
    expect(logged).toContainEqual({ route: 'sync.push', detail: { foreignPorts: ['PINGXIANG'], mutations: 2 } });
    // The own-port mutation was not stored: sent alone, it is new.
    const [alone] = await results(await h.push(token, [own]));
    expect(alone).toMatchObject({ status: 'applied', replayed: false });
  });

  it('flags the second desk when one resident used the quota at two points, and both desks pull the flag', async () => {
    const desk1 = token;
    const desk2 = (await h.login('dx.officer2', 'desk-test-0002')).accessToken;
    // Both desks were offline: each saw the full 8,000 yuan left.
    const atPoint1 = declarationMutation({ certificateNo: 'DX000100', pointId: 'DX-01', valueFen: 600_000 });
    const atPoint2 = declarationMutation({ certificateNo: 'DX000100', pointId: 'DX-02', valueFen: 500_000, officer: 'dx.officer2', deviceId: 'desk-test-0002' });
    expect(atPoint2.record.exemptFen).toBe(500_000);
    const [first] = await results(await h.push(desk1, [atPoint1]));
    expect(first?.flags).toEqual([]);
    const [second] = await results(await h.push(desk2, [atPoint2], 'desk-test-0002'));
    expect(second?.status).toBe('applied');
    expect(second?.flags.map((f) => f.code)).toEqual(['quota_exceeded_elsewhere']);

    for (const desk of [desk1, desk2]) {
      const page = pullResponseSchema.parse(await (await h.pull(desk, (first?.seq ?? 1) - 1, 100)).json());
      const pulled = page.changes.find((c) => c.entity === 'declaration' && c.data.id === atPoint2.record.id);
      expect(pulled?.entity).toBe('declaration');
      if (pulled?.entity !== 'declaration') continue;
      expect(pulled.data.flags.map((f) => f.code)).toEqual(['quota_exceeded_elsewhere']);
      expect(pulled.data).toMatchObject({ exemptFen: 500_000, hqExemptFen: 200_000, hqTaxableFen: 300_000 });
      expect(pulled.data).toMatchObject({ residentName: '测试', lines: [{ name: '香蕉' }] });
    }
    const report = await (await h.request(`/api/v1/reports/day?date=${today}`, { token: desk1 })).json();
    expect(report.flagged).toBeGreaterThanOrEqual(1);
  });

  it('counts earlier mutations of the same batch toward later ones, and replays in-batch duplicates', async () => {
    const a = declarationMutation({ certificateNo: 'DX000200', valueFen: 700_000 });
    const b = declarationMutation({ certificateNo: 'DX000200', valueFen: 300_000, pointId: 'DX-02' });
    const answer = await results(await h.push(token, [a, b, a]));
    expect(answer[0]?.flags).toEqual([]);
    expect(answer[1]?.flags.map((f) => f.code)).toEqual(['quota_exceeded_elsewhere']);
    expect(answer[2]).toEqual({ ...answer[0], index: 2, replayed: true });
  });

  it('checks a resident HQ changed between two pushes in its new state (nothing stale is kept)', async () => {
    const [before] = await results(await h.push(token, [declarationMutation({ certificateNo: 'DX000400' })]));
    expect(before?.flags).toEqual([]);
    const resident = demoResidents('DONGXING').find((r) => r.certificateNo === 'DX000400');
    if (resident === undefined) throw new Error('no demo resident DX000400');
    await h.hq.db.transaction((tx) => upsertResidents(tx, 'DONGXING', [{ ...resident, status: 'suspended' }]));
    const [after] = await results(await h.push(token, [declarationMutation({ certificateNo: 'DX000400' })]));
    expect(after?.status).toBe('applied');
    expect(after?.flags.map((f) => f.code)).toEqual(['resident_inactive']);
    await h.hq.db.transaction((tx) => upsertResidents(tx, 'DONGXING', [resident]));
    const [again] = await results(await h.push(token, [declarationMutation({ certificateNo: 'DX000400' })]));
    expect(again?.flags).toEqual([]);
  });

  it('rejects a declaration id reused by a different mutation as a conflict', async () => {
    const original = declarationMutation({ certificateNo: 'DX000300' });
    await results(await h.push(token, [original]));
    const copy = { ...declarationMutation({ certificateNo: 'DX000300' }), record: original.record };
    const [answer] = await results(await h.push(token, [copy]));
    expect(answer).toMatchObject({ status: 'rejected', error: { code: 'conflict', field: 'record.id' } });
  });

  it('refuses a declaration filed in another officer\'s name, and applies the rest of the batch', async () => {
    const before = await lastSeq();
    const own = declarationMutation({ certificateNo: 'DX001500' });
    const impersonated = declarationMutation({ certificateNo: 'DX001501', officer: 'dx.supervisor' });
    const answer = await results(await h.push(token, [own, impersonated]));
    expect(answer[0]?.status).toBe('applied');
    expect(answer[1]).toMatchObject({ status: 'rejected', error: { code: 'forbidden', field: 'record.officerId' } });
    expect(await lastSeq()).toBe(before + 1);
  });

  it('keeps seqs gap-free and port-wide usage exact under concurrent pushes', async () => {
    const desk2 = (await h.login('dx.officer2', 'desk-test-0002')).accessToken;
    const start = await lastSeq();
    const batch = (n: number, offset: number, officer: string) =>
      Array.from({ length: n }, (_, i) => declarationMutation({ certificateNo: `DX00${String(1000 + offset + i).padStart(4, '0')}`, officer }));
    // Both desks claim 6,000 of resident DX002999's 8,000 for the same day.
    const clash1 = declarationMutation({ certificateNo: 'DX002999', valueFen: 600_000 });
    const clash2 = declarationMutation({ certificateNo: 'DX002999', valueFen: 600_000, pointId: 'DX-02', officer: 'dx.officer2' });
    const pulled: number[] = [];
    let cursor = start;
    let isPushing = true;
    const puller = (async () => {
      while (isPushing) {
        const page = pullResponseSchema.parse(await (await h.pull(token, cursor, 500)).json());
        pulled.push(...page.changes.map((c) => c.seq));
        cursor = page.cursor;
      }
    })();
    const [r1, r2] = await Promise.all([
      h.push(token, [...batch(300, 0, 'dx.officer1'), clash1]).then(results),
      h.push(desk2, [...batch(300, 300, 'dx.officer2'), clash2], 'desk-test-0002').then(results),
    ]);
    isPushing = false;
    await puller;
    for (;;) {
      const page = pullResponseSchema.parse(await (await h.pull(token, cursor, 500)).json());
      pulled.push(...page.changes.map((c) => c.seq));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const seqs = [...r1, ...r2].map((r) => r.seq ?? -1).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 602 }, (_, i) => start + 1 + i));
    expect(pulled).toEqual(seqs);
    const flagged = [r1.at(-1), r2.at(-1)].filter((r) => (r?.flags.length ?? 0) > 0);
    expect(flagged).toHaveLength(1);
  });
});
