import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PATHS,
  addDays,
  cstDateOf,
  pullResponseSchema,
  type Session,
  twoStepPoliciesAnswerSchema,
  twoStepPolicyWriteAnswerSchema,
} from '../../shared/index';
import { demoTwoStepPolicy } from '../seed/two-step-demo';
import { type Harness, startHarness } from '../testing/hq-harness';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { call } from './admin-test-kit';

/**
 * Two-step policy versions (两步申报) from HQ's console: listed newest first, published as a
 * new version at the next seq (desks pull it as `two_step_policy`), checked whole, and
 * only by administrators.
 */
describe.each(STORE_VARIANTS)('admin API: two-step policy ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let admin: Session;
  let officer: Session;
  const today = () => cstDateOf(new Date());
  const { id: _id, portId: _port, version: _version, ...values } = demoTwoStepPolicy('DONGXING');

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    admin = await h.login('hq.admin', 'console-two-step-0001');
    officer = await h.login('dx.officer1', 'desk-two-step-policy');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('publishes a new version the desks pull, and lists every version newest first', async () => {
    const body = { ...values, lateFeeRatePerDay: 0.0006, lateCountWarnAt: 2, effectiveFrom: addDays(today(), 1) };
    const answer = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.twoStepPolicies('DONGXING'), body);
    expect(answer.status).toBe(201);
    const { record, seq } = twoStepPolicyWriteAnswerSchema.parse(answer.body);
    expect(record).toMatchObject({ portId: 'DONGXING', version: 2, lateFeeRatePerDay: 0.0006, lateCountWarnAt: 2 });
    const page = pullResponseSchema.parse(await (await h.pull(officer.accessToken, seq - 1, 10)).json());
    expect(page.changes[0]).toMatchObject({ seq, entity: 'two_step_policy', data: record });
    const list = twoStepPoliciesAnswerSchema.parse((await call(h, admin.accessToken, 'GET', ADMIN_PATHS.twoStepPolicies('DONGXING'))).body);
    expect(list.policies.map((p) => p.version)).toEqual([2, 1]);
  });

  it('refuses a bad value, a past date, an unknown port and anyone but an administrator, changing nothing', async () => {
    const before = await tableCounts(h.hq.db);
    const cases: [Session, string, unknown, number][] = [
      [admin, 'DONGXING', { ...values, lateFeeRatePerDay: 0.00055555555, effectiveFrom: today() }, 400],
      [admin, 'DONGXING', { ...values, fullDeclarationDays: 0, effectiveFrom: today() }, 400],
      [admin, 'DONGXING', { ...values, effectiveFrom: addDays(today(), -1) }, 400],
      [admin, 'NOWHERE', { ...values, effectiveFrom: today() }, 404],
      [officer, 'DONGXING', { ...values, effectiveFrom: today() }, 403],
    ];
    for (const [session, port, body, status] of cases) {
      expect((await call(h, session.accessToken, 'POST', ADMIN_PATHS.twoStepPolicies(port), body)).status).toBe(status);
    }
    // The officer's refusal is logged; nothing else was written.
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({ refused_requests: 1 });
  });
});
