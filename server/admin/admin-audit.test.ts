import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PATHS, auditAnswerSchema, auditEntriesAnswerSchema, auditVerdictSchema, portsAnswerSchema, type Session } from '../../shared/index';
import { declarationMutation, type Harness, officerId, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { call, type ChainEntry, storeChain } from './admin-test-kit';
import { VERIFY_PAGE } from './audit-verify';

const DESK = 'desk-audit-0001';
const LONG_DESK = 'desk-audit-long';

describe.each(STORE_VARIANTS)('admin API: audit chains ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let admin: Session;
  let chain: ChainEntry[];

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    admin = await h.login('hq.admin', 'console-test-0003');
    chain = await storeChain(h.hq.db, { portId: 'DONGXING', deviceId: DESK, officerId: officerId('dx.officer1'), count: 7, at: h.clock.now });
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  const verify = (deviceId: string) => call(h, admin.accessToken, 'POST', ADMIN_PATHS.auditVerify('DONGXING', deviceId));

  it("lists each desk's chain with its officer", async () => {
    const answer = await call(h, admin.accessToken, 'GET', ADMIN_PATHS.audit('DONGXING'));
    expect(answer.status).toBe(200);
    const audit = auditAnswerSchema.parse(answer.body);
    expect(audit.chains).toEqual([
      expect.objectContaining({ deviceId: DESK, officerName: '黄志强', headN: 7, entries: 7, broken: false, verifiedAt: null }),
    ]);
    expect(audit.breaks).toEqual([]);
    const other = auditAnswerSchema.parse((await call(h, admin.accessToken, 'GET', ADMIN_PATHS.audit('PINGXIANG'))).body);
    expect(other.chains).toEqual([]);
  });

  it('pages through the stored entries in chain order', async () => {
    const first = auditEntriesAnswerSchema.parse((await call(h, admin.accessToken, 'GET', `${ADMIN_PATHS.auditEntries('DONGXING', DESK)}?limit=3`)).body);
    expect(first.entries.map((e) => e.n)).toEqual([1, 2, 3]);
    expect(first.entries[0]).toMatchObject({ mutationId: chain[0]?.mutationId, type: 'declaration.update', officerId: officerId('dx.officer1'), hash: chain[0]?.link.hash });
    expect(first.nextAfter).toBe(3);
    const rest = auditEntriesAnswerSchema.parse((await call(h, admin.accessToken, 'GET', `${ADMIN_PATHS.auditEntries('DONGXING', DESK)}?after=3&limit=10`)).body);
    expect(rest.entries.map((e) => e.n)).toEqual([4, 5, 6, 7]);
    expect(rest.nextAfter).toBeNull();
    const bad = await call(h, admin.accessToken, 'GET', `${ADMIN_PATHS.auditEntries('DONGXING', DESK)}?limit=0`);
    expect(bad.status).toBe(400);
    const twice = await call(h, admin.accessToken, 'GET', `${ADMIN_PATHS.auditEntries('DONGXING', DESK)}?after=1&after=2`);
    expect(twice.status).toBe(400);
    expect((await call(h, admin.accessToken, 'GET', ADMIN_PATHS.auditEntries('DONGXING', 'desk-nobody-01'))).status).toBe(404);
    expect((await call(h, admin.accessToken, 'GET', ADMIN_PATHS.auditEntries('PINGXIANG', DESK))).status).toBe(404);
  });

  it('re-verifies an intact chain: no problems, verified now', async () => {
    const answer = await verify(DESK);
    expect(answer.status).toBe(200);
    const verdict = auditVerdictSchema.parse(answer.body);
    expect(verdict).toMatchObject({ checked: 7, head: { n: 7, hash: chain[6]?.link.hash }, problems: [], problemCount: 0, newBreaks: 0, broken: false });
    expect(verdict.verifiedAt).toBe(h.clock.now.toISOString());
    const audit = auditAnswerSchema.parse((await call(h, admin.accessToken, 'GET', ADMIN_PATHS.audit('DONGXING'))).body);
    expect(audit.chains[0]?.verifiedAt).toBe(verdict.verifiedAt);
  });

  it('finds a tampered entry, records the break once, and shows the chain broken', async () => {
    // Someone with database access changes what entry 4 says.
    await h.hq.db.query(
      `UPDATE mutations SET body = replace(body, '"n":3', '"n":33') WHERE port_id = 'DONGXING' AND mutation_id = $1`,
      [chain[3]?.mutationId],
    );
    const verdict = auditVerdictSchema.parse((await verify(DESK)).body);
    expect(verdict.problems.map((p) => [p.n, p.kind])).toEqual([[4, 'hash_mismatch']]);
    expect(verdict).toMatchObject({ checked: 7, head: { n: 3 }, newBreaks: 1, broken: true });

    const again = auditVerdictSchema.parse((await verify(DESK)).body);
    expect(again).toMatchObject({ newBreaks: 0, problemCount: 1, broken: true });
    const audit = auditAnswerSchema.parse((await call(h, admin.accessToken, 'GET', ADMIN_PATHS.audit('DONGXING'))).body);
    expect(audit.chains[0]).toMatchObject({ deviceId: DESK, broken: true });
    expect(audit.breaks).toEqual([expect.objectContaining({ deviceId: DESK, n: 4, kind: 'hash_mismatch', source: 'verify' })]);
    const ports = portsAnswerSchema.parse((await call(h, admin.accessToken, 'GET', ADMIN_PATHS.ports())).body);
    expect(ports.ports.find((p) => p.id === 'DONGXING')?.brokenChains).toBe(1);
  });

  it('finds a removed entry (a gap) and a forged second entry with one number (a fork)', async () => {
    const desk = 'desk-audit-0002';
    const entries = await storeChain(h.hq.db, { portId: 'DONGXING', deviceId: desk, officerId: officerId('dx.officer2'), count: 5, at: h.clock.now });
    await h.hq.db.query("DELETE FROM mutations WHERE port_id = 'DONGXING' AND mutation_id = $1", [entries[2]?.mutationId]);
    await storeChain(h.hq.db, { portId: 'DONGXING', deviceId: desk, officerId: officerId('dx.officer2'), count: 1, at: h.clock.now, head: entries[3]?.link ?? null });
    const verdict = auditVerdictSchema.parse((await verify(desk)).body);
    expect(verdict.problems.map((p) => [p.n, p.kind])).toEqual([[4, 'gap'], [5, 'fork']]);
    expect(verdict.head.n).toBe(2);
  });

  it(`verifies a chain longer than one page (${VERIFY_PAGE} entries) a page at a time`, async () => {
    await storeChain(h.hq.db, { portId: 'DONGXING', deviceId: LONG_DESK, officerId: officerId('dx.officer1'), count: VERIFY_PAGE + 345, at: h.clock.now });
    const verdict = auditVerdictSchema.parse((await verify(LONG_DESK)).body);
    expect(verdict).toMatchObject({ checked: VERIFY_PAGE + 345, head: { n: VERIFY_PAGE + 345 }, problems: [], broken: false });
  });

  it('verifies a chain as desks push it, and finds a stored entry changed afterwards', async () => {
    // Desk chains live in this process (server/testing/audit-chain.ts): one device per store variant.
    const desk = `desk-audit-${variant.name}`;
    const officer = await h.login('dx.officer1', desk);
    const mutations = Array.from({ length: 5 }, (_, i) =>
      declarationMutation({ certificateNo: `DX${String(100 + i).padStart(6, '0')}`, deviceId: desk, valueFen: 10_000 }),
    );
    const pushed = await h.push(officer.accessToken, mutations, desk);
    expect(pushed.status).toBe(200);
    const audit = auditAnswerSchema.parse((await call(h, admin.accessToken, 'GET', ADMIN_PATHS.audit('DONGXING'))).body);
    expect(audit.chains.find((c) => c.deviceId === desk)).toMatchObject({ headN: 5, entries: 5, broken: false });
    expect(auditVerdictSchema.parse((await verify(desk)).body)).toMatchObject({ checked: 5, head: { n: 5 }, problemCount: 0, broken: false });

    // Someone rewrites the stored text of the third change (a different resident).
    await h.hq.db.query(`UPDATE mutations SET body = replace(body, 'DX000102', 'DX000999') WHERE port_id = 'DONGXING' AND mutation_id = $1`, [mutations[2]?.id]);
    const verdict = auditVerdictSchema.parse((await verify(desk)).body);
    expect(verdict.problems.map((p) => [p.n, p.kind])).toEqual([[3, 'hash_mismatch']]);
    expect(verdict).toMatchObject({ head: { n: 2 }, newBreaks: 1, broken: true });
  });

  it('answers 404 for a desk HQ never heard of, 400 for a malformed device id', async () => {
    expect((await verify('desk-nobody-01')).status).toBe(404);
    const bad = await verify('bad id!');
    expect([bad.status, (bad.body as { error: { field: string } }).error.field]).toEqual([400, 'device']);
    expect((await call(h, admin.accessToken, 'POST', ADMIN_PATHS.auditVerify('NOWHERE', DESK))).status).toBe(404);
  });
});
