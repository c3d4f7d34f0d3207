import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  cstDateOf,
  PROCESSING_ADMIN_PATHS,
  processingFirmsAnswerSchema,
  processingFirmWriteAnswerSchema,
  processingPoliciesAnswerSchema,
  processingPolicyWriteAnswerSchema,
  pullResponseSchema,
  type Session,
} from '../../shared/index';
import { DEMO_FIRMS } from '../seed/processing-demo';
import { type Harness, startHarness } from '../testing/hq-harness';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { call } from './admin-test-kit';

/**
 * Processing firms (加工企业) and processing policy versions from HQ's console: a firm by
 * its credit code, once per port; a policy as a new version at the next seq; bad input
 * answered by field, and only administrators, nothing written otherwise.
 */
describe.each(STORE_VARIANTS)('admin API: processing firms and policy ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let admin: Session;
  let officer: Session;
  const today = () => cstDateOf(new Date());
  const firm = { name: '东兴市红木加工有限公司', creditCode: '91450681ma5n3tkd1n', warehouseAddress: '广西东兴市东兴镇红木园 1 号' };

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    admin = await h.login('hq.admin', 'console-processing-0001');
    officer = await h.login('dx.officer1', 'desk-processing-admin');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('adds a firm (credit code upper-cased) that desks pull, lists the port’s firms, and renames one', async () => {
    const answer = await call(h, admin.accessToken, 'POST', PROCESSING_ADMIN_PATHS.firms('DONGXING'), firm);
    expect(answer.status).toBe(201);
    const { record, seq } = processingFirmWriteAnswerSchema.parse(answer.body);
    expect(record).toMatchObject({ portId: 'DONGXING', creditCode: '91450681MA5N3TKD1N', name: firm.name });
    const page = pullResponseSchema.parse(await (await h.pull(officer.accessToken, seq - 1, 10)).json());
    expect(page.changes[0]).toMatchObject({ seq, entity: 'processing_firm', data: record });
    const list = processingFirmsAnswerSchema.parse((await call(h, admin.accessToken, 'GET', PROCESSING_ADMIN_PATHS.firms('DONGXING'))).body);
    expect(list.firms.map((f) => f.creditCode)).toEqual([...DEMO_FIRMS.map((f) => f.creditCode), '91450681MA5N3TKD1N']);
    const renamed = await call(h, admin.accessToken, 'PATCH', PROCESSING_ADMIN_PATHS.firm('DONGXING', record.id), { warehouseAddress: '广西东兴市江平镇 2 号仓' });
    expect(renamed.status).toBe(200);
    expect(processingFirmWriteAnswerSchema.parse(renamed.body).record).toMatchObject({ id: record.id, name: firm.name, warehouseAddress: '广西东兴市江平镇 2 号仓', creditCode: record.creditCode });
  });

  it('publishes policy versions newest first, at the next seq', async () => {
    const answer = await call(h, admin.accessToken, 'POST', PROCESSING_ADMIN_PATHS.policies('DONGXING'), { isSaleTaxable: true, effectiveFrom: addDays(today(), 3) });
    expect(answer.status).toBe(201);
    const { record } = processingPolicyWriteAnswerSchema.parse(answer.body);
    expect(record).toMatchObject({ version: 2, isSaleTaxable: true });
    const list = processingPoliciesAnswerSchema.parse((await call(h, admin.accessToken, 'GET', PROCESSING_ADMIN_PATHS.policies('DONGXING'))).body);
    expect(list.policies.map((p) => [p.version, p.isSaleTaxable])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('answers bad input by field, a taken credit code, an unknown firm or port, and anyone but an administrator, changing nothing', async () => {
    const before = await tableCounts(h.hq.db);
    const cases: [Session, string, string, unknown, number, string | null][] = [
      [admin, 'POST', PROCESSING_ADMIN_PATHS.firms('DONGXING'), { ...firm, creditCode: '91450681MA5N3TKD1X' }, 400, 'creditCode'],
      [admin, 'POST', PROCESSING_ADMIN_PATHS.firms('DONGXING'), { ...firm, name: '  ' }, 400, 'name'],
      [admin, 'POST', PROCESSING_ADMIN_PATHS.firms('DONGXING'), { ...firm, warehouseAddress: undefined }, 400, 'warehouseAddress'],
      [admin, 'POST', PROCESSING_ADMIN_PATHS.firms('DONGXING'), { ...firm, creditCode: DEMO_FIRMS[0]?.creditCode }, 409, 'creditCode'],
      [admin, 'PATCH', PROCESSING_ADMIN_PATHS.firm('DONGXING', '00000000-0000-4000-8000-000000000000'), { name: '新名' }, 404, 'firm'],
      [admin, 'PATCH', PROCESSING_ADMIN_PATHS.firm('DONGXING', DEMO_FIRMS[0]?.id ?? ''), {}, 400, null],
      [admin, 'POST', PROCESSING_ADMIN_PATHS.policies('DONGXING'), { isSaleTaxable: 'yes', effectiveFrom: today() }, 400, 'isSaleTaxable'],
      [admin, 'POST', PROCESSING_ADMIN_PATHS.policies('DONGXING'), { isSaleTaxable: false, effectiveFrom: addDays(today(), -1) }, 400, 'effectiveFrom'],
      [admin, 'POST', PROCESSING_ADMIN_PATHS.firms('NOWHERE'), firm, 404, 'port'],
      [officer, 'POST', PROCESSING_ADMIN_PATHS.firms('DONGXING'), firm, 403, null],
      [officer, 'GET', PROCESSING_ADMIN_PATHS.firms('DONGXING'), undefined, 403, null],
    ];
    for (const [session, method, path, body, status, field] of cases) {
      const answer = await call(h, session.accessToken, method, path, body);
      expect(answer.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      if (field !== null) expect((answer.body as { error: { field?: string } }).error.field, JSON.stringify(answer.body)).toBe(field);
    }
    // The officer's two refusals are logged; nothing else was written.
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({ refused_requests: 2 });
  });
});
