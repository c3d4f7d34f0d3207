import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  cstDateOf,
  GATE_POLICY_ADMIN_PATHS,
  gatePoliciesAnswerSchema,
  gatePolicyWriteAnswerSchema,
  pullResponseSchema,
  type Session,
} from '../../shared/index';
import { type Harness, startHarness } from '../testing/hq-harness';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { call } from './admin-test-kit';

/**
 * Gate weighing policy versions (卡口过磅误差) from HQ's console: the demo version seeded,
 * a new version published at the next seq (desks pull it as `gate_policy`), checked by
 * the schema and the effective date, and only by administrators of an existing port.
 */
describe.each(STORE_VARIANTS)('admin API: gate policy ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let admin: Session;
  let officer: Session;
  const today = () => cstDateOf(new Date());
  const path = GATE_POLICY_ADMIN_PATHS.gatePolicies;

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    admin = await h.login('hq.admin', 'console-gate-0001');
    officer = await h.login('dx.officer1', 'desk-gate-policy');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('seeds ±5 % or ±2 kg, publishes a new version the desks pull, and lists every version newest first', async () => {
    const seeded = gatePoliciesAnswerSchema.parse((await call(h, admin.accessToken, 'GET', path('DONGXING'))).body);
    expect(seeded.policies).toMatchObject([{ version: 1, tolerancePercent: 5, toleranceKg: 2, combine: 'larger' }]);
    const body = { effectiveFrom: addDays(today(), 1), tolerancePercent: 3, toleranceKg: 1.5, combine: 'smaller' };
    const answer = await call(h, admin.accessToken, 'POST', path('DONGXING'), body);
    expect(answer.status).toBe(201);
    const { record, seq } = gatePolicyWriteAnswerSchema.parse(answer.body);
    expect(record).toMatchObject({ portId: 'DONGXING', version: 2, ...body });
    const page = pullResponseSchema.parse(await (await h.pull(officer.accessToken, seq - 1, 10)).json());
    expect(page.changes[0]).toMatchObject({ seq, entity: 'gate_policy', data: record });
    const list = gatePoliciesAnswerSchema.parse((await call(h, admin.accessToken, 'GET', path('DONGXING'))).body);
    expect(list.policies.map((p) => p.version)).toEqual([2, 1]);
    // The other port keeps its own versions.
    const other = gatePoliciesAnswerSchema.parse((await call(h, admin.accessToken, 'GET', path('PINGXIANG'))).body);
    expect(other.policies.map((p) => p.version)).toEqual([1]);
  });

  it('refuses a bad value (naming the field), a past date, an unknown port and anyone but an administrator, changing nothing', async () => {
    const good = { effectiveFrom: today(), tolerancePercent: 5, toleranceKg: null, combine: 'larger' };
    const before = await tableCounts(h.hq.db);
    const cases: [Session, string, unknown, number, string | null][] = [
      [admin, 'DONGXING', { ...good, tolerancePercent: null }, 400, 'tolerancePercent'],
      [admin, 'DONGXING', { ...good, tolerancePercent: 2.555 }, 400, 'tolerancePercent'],
      [admin, 'DONGXING', { ...good, toleranceKg: -1 }, 400, 'toleranceKg'],
      [admin, 'DONGXING', { ...good, combine: 'average' }, 400, 'combine'],
      [admin, 'DONGXING', { ...good, effectiveFrom: addDays(today(), -1) }, 400, 'effectiveFrom'],
      [admin, 'NOWHERE', good, 404, null],
      [officer, 'DONGXING', good, 403, null],
    ];
    for (const [session, port, body, status, field] of cases) {
      const answer = await call(h, session.accessToken, 'POST', path(port), body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      if (field !== null) expect(JSON.stringify(answer.body)).toContain(field);
    }
    expect((await call(h, officer.accessToken, 'GET', path('DONGXING'))).status).toBe(403);
    // The officer's two refusals are logged; nothing else was written.
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({ refused_requests: 2 });
  });
});
