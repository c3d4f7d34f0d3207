import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MutationResult, PROCESSING_ADMIN_PATHS, pullResponseSchema, pushResponseSchema, type Session } from '../../shared/index';
import { call } from '../admin/admin-test-kit';
import { deskChain } from '../testing/audit-chain';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import { arrivalMutation, centralEvent, centralMutation, OTHER_FIRM_ID, saleMutation, transportMutation } from '../testing/processing-kit';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * Landing processing at HQ (落地加工): sales re-checked against every desk's sales of the
 * declaration, central declarations through their statuses, direct transports, each
 * through push and pull, on both stores.
 */
const A = 'desk-proc-000A';
const B = 'desk-proc-000B';

describe.each(STORE_VARIANTS)('landing processing at HQ ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let officer1: Session;
  let officer2: Session;
  let admin: Session;
  const at = () => new Date().toISOString();

  const push = async (session: Session, device: string, mutations: object[]): Promise<MutationResult[]> => {
    const chain = deskChain(device);
    const res = await h.push(session.accessToken, mutations.map((m) => ('audit' in m ? m : chain.link(m))), device);
    expect(res.status).toBe(200);
    return pushResponseSchema.parse(await res.json()).results;
  };
  const declare = (certificateNo: string, device = A) => declarationMutation({ certificateNo, deviceId: device, valueFen: 100_000 });

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    officer1 = await h.login('dx.officer1', A);
    officer2 = await h.login('dx.officer2', B);
    admin = await h.login('hq.admin', 'console-proc-0001');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('takes declaration → sale → central declaration → transport → arrival → tax in ONE batch, HQ assessing the tax itself', async () => {
    const declaration = declare('DX000011');
    const sale = saleMutation(declaration.record, 40, { deviceId: A });
    const central = centralMutation([sale.record.id], { deviceId: A });
    const transport = transportMutation(central.record.id, { deviceId: A });
    const deskAssessment = { salesFen: 40_000, exemptFen: 0, taxableFen: 40_000, policyVersion: 1 };
    const results = await push(officer1, A, [
      declaration,
      sale,
      central,
      centralEvent(central.record.id, { type: 'declare', at: at() }),
      transport,
      arrivalMutation(transport.record.id),
      centralEvent(central.record.id, { type: 'assess_tax', assessment: deskAssessment }),
      centralEvent(central.record.id, { type: 'settle_tax', paidFen: 0, receiptNo: '', at: at() }),
    ]);
    expect(results.map((r) => [r.status, r.error?.message ?? ''])).toEqual(results.map(() => ['applied', '']));
    // The desk said 400.00 taxable; HQ's own assessment (allowed goods within the exempt portion) is 0: kept, flagged.
    expect(results[6]?.flags[0]).toMatchObject({ code: 'assessment_differs' });
    const page = pullResponseSchema.parse(await (await h.pull(officer2.accessToken, (results[0]?.seq ?? 1) - 1, 100)).json());
    const last = (entity: string) => page.changes.filter((c) => c.entity === entity).at(-1)?.data;
    expect(last('processing_sale')).toMatchObject({ id: sale.record.id, flags: [] });
    expect(last('central_declaration')).toMatchObject({
      status: 'tax_settled',
      assessment: { salesFen: 40_000, exemptFen: 40_000, taxableFen: 0, policyVersion: 1 },
      settlement: { paidFen: 0 },
    });
    expect(last('direct_transport')).toMatchObject({ vehiclePlate: '桂P12345', arrivedAt: expect.any(String) });
  });

  it('refuses a sale above what was declared with the shared message; keeps and flags one over only by another desk’s sale', async () => {
    const declaration = declare('DX000012');
    await push(officer1, A, [declaration]);
    const [tooMuch] = await push(officer1, A, [saleMutation(declaration.record, 120, { deviceId: A })]);
    expect(tooMuch).toMatchObject({ status: 'rejected', error: { code: 'validation', field: 'record.lines.0.quantity' } });
    expect(tooMuch?.error?.message).toContain('最多还可售 100 kg');
    // Desk A sells 60; desk B, offline, had not seen it and sells 60 too: over by A's sale only.
    const first = saleMutation(declaration.record, 60, { deviceId: A });
    const [sold] = await push(officer1, A, [first]);
    expect(sold).toMatchObject({ status: 'applied', flags: [] });
    const second = deskChain(B).link(saleMutation(declaration.record, 60, { officer: 'dx.officer2', deviceId: B }));
    const [flagged] = await push(officer2, B, [second]);
    expect(flagged).toMatchObject({ status: 'applied', flags: [{ code: 'oversold_elsewhere' }] });
    expect(flagged?.flags[0]?.message).toContain('已售 60 kg');
    // Desk B, having seen both, tries once more: refused, nothing written but the answer.
    const before = await tableCounts(h.hq.db);
    const third = saleMutation(declaration.record, 1, { officer: 'dx.officer2', deviceId: B, soldBefore: 100, countedSaleIds: [first.record.id, second.record.id] });
    const [refused] = await push(officer2, B, [third]);
    expect(refused).toMatchObject({ status: 'rejected', error: { field: 'record.lines.0.quantity' } });
    expect(countChanges(before, await tableCounts(h.hq.db)).processing_sales).toBeUndefined();
    // The replay of the flagged sale changes nothing and answers the stored result.
    const replayBefore = await tableCounts(h.hq.db);
    const [replayed] = await push(officer2, B, [second]);
    expect(replayed).toMatchObject({ status: 'applied', replayed: true, flags: [{ code: 'oversold_elsewhere' }] });
    expect(countChanges(replayBefore, await tableCounts(h.hq.db))).toEqual({});
  });

  it('refuses bundle problems with their reasons, tax settled before arrival, a bad seal, an unknown firm and another port', async () => {
    const declaration = declare('DX000013');
    const sale = saleMutation(declaration.record, 10, { deviceId: A });
    const toOther = saleMutation(declaration.record, 10, { deviceId: A, soldBefore: 10, countedSaleIds: [sale.record.id], firmId: OTHER_FIRM_ID });
    const central = centralMutation([sale.record.id], { deviceId: A });
    await push(officer1, A, [declaration, sale, toOther, central]);
    const [twice, otherFirm, missing] = await push(officer1, A, [
      centralMutation([sale.record.id], { deviceId: A }),
      centralMutation([toOther.record.id], { deviceId: A }),
      centralMutation(['00000000-0000-4000-8000-000000000000'], { deviceId: A }),
    ]);
    expect(twice?.error?.message).toContain('已在其他集中申报中');
    expect(otherFirm?.error?.message).toContain('is to another firm');
    expect(missing).toMatchObject({ status: 'rejected', error: { code: 'validation', field: 'record.saleIds' } });
    const transport = transportMutation(central.record.id, { deviceId: A });
    const second = transportMutation(central.record.id, { deviceId: A });
    const [early, declared, assessed, settleEarly, leaves, notThere] = await push(officer1, A, [
      transport,
      centralEvent(central.record.id, { type: 'declare', at: at() }),
      centralEvent(central.record.id, { type: 'assess_tax', assessment: { salesFen: 10_000, exemptFen: 10_000, taxableFen: 0, policyVersion: 1 } }),
      centralEvent(central.record.id, { type: 'settle_tax', paidFen: 0, receiptNo: '', at: at() }),
      second,
      arrivalMutation(transport.record.id),
    ]);
    expect(early?.error?.message).toContain('尚未申报');
    expect(declared?.status).toBe('applied');
    expect(assessed).toMatchObject({ status: 'applied', flags: [] });
    expect(settleEarly?.error?.message).toContain('货物尚未运抵');
    expect(leaves?.status).toBe('applied');
    // The refused transport never existed; the one that left must arrive with its own seal, unbroken.
    expect(notThere?.error?.code).toBe('not_found');
    const [otherSeal, broken] = await push(officer1, A, [arrivalMutation(second.record.id, { sealNo: 'DX-2026-000999' }), arrivalMutation(second.record.id, { isSealIntact: false })]);
    expect(otherSeal).toMatchObject({ status: 'rejected', error: { code: 'validation', field: 'arrival.sealNo' } });
    expect(broken?.error?.message).toContain('不符或已损坏');
    const [unknownFirm] = await push(officer1, A, [saleMutation(declaration.record, 1, { deviceId: A, firmId: '00000000-0000-4000-8000-000000000001' })]);
    expect(unknownFirm?.error?.field).toBe('record.firmId');
    const [otherName] = await push(officer1, A, [centralMutation([sale.record.id], { officer: 'dx.officer2', deviceId: A })]);
    expect(otherName).toMatchObject({ status: 'rejected', error: { code: 'forbidden', field: 'record.officerId' } });
    const before = await tableCounts(h.hq.db);
    const foreign = centralMutation([sale.record.id], { deviceId: A, portId: 'PINGXIANG' });
    const res = await h.push(officer1.accessToken, [deskChain(A).link(foreign)], A);
    expect(res.status).toBe(403);
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({ refused_requests: 1 });
    const [byAdmin] = await push(admin, 'console-proc-0001', [saleMutation(declaration.record, 1, { officer: 'hq.admin', deviceId: 'console-proc-0001' })]);
    expect(byAdmin?.error?.code).toBe('forbidden');
  });

  it('exempts a declaration sold in two central declarations at most up to its exempt amount', async () => {
    // ¥10,000 declared, ¥8,000 of it exempt (the daily amount): ¥6,000 sold in one bundle, ¥4,000 in the next.
    const declaration = declarationMutation({ certificateNo: 'DX000014', deviceId: A, valueFen: 1_000_000 });
    const first = saleMutation(declaration.record, 60, { deviceId: A });
    const second = saleMutation(declaration.record, 40, { deviceId: A, soldBefore: 60, countedSaleIds: [first.record.id] });
    const one = centralMutation([first.record.id], { deviceId: A });
    const two = centralMutation([second.record.id], { deviceId: A });
    const results = await push(officer1, A, [
      declaration,
      first,
      second,
      one,
      centralEvent(one.record.id, { type: 'declare', at: at() }),
      centralEvent(one.record.id, { type: 'assess_tax', assessment: { salesFen: 600_000, exemptFen: 600_000, taxableFen: 0, policyVersion: 1 } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 'applied'));
    expect(results[5]?.flags).toEqual([]);
    // Next push: the second bundle may only use what is left of the ¥8,000; a desk that forgot is flagged, HQ's figure kept.
    const [, , assessed] = await push(officer1, A, [
      two,
      centralEvent(two.record.id, { type: 'declare', at: at() }),
      centralEvent(two.record.id, { type: 'assess_tax', assessment: { salesFen: 400_000, exemptFen: 400_000, taxableFen: 0, policyVersion: 1 } }),
    ]);
    expect(assessed).toMatchObject({ status: 'applied', flags: [{ code: 'assessment_differs' }] });
    const page = pullResponseSchema.parse(await (await h.pull(officer1.accessToken, (assessed?.seq ?? 1) - 1, 10)).json());
    expect(page.changes.find((c) => c.entity === 'central_declaration')?.data).toMatchObject({
      id: two.record.id,
      assessment: { salesFen: 400_000, exemptFen: 200_000, taxableFen: 200_000 },
      exemptByDeclaration: { [declaration.record.id]: 200_000 },
    });
  });

  it('pulls the seeded firms and policy, and a firm the administrator adds', async () => {
    const added = await call(h, admin.accessToken, 'POST', PROCESSING_ADMIN_PATHS.firms('DONGXING'), {
      name: '东兴测试加工厂',
      creditCode: '91450681ma5l2b0c73',
      warehouseAddress: '东兴',
    });
    expect(added.code).toBe('conflict');
    const page = pullResponseSchema.parse(await (await h.pull(officer1.accessToken, 0, 5000)).json());
    expect(page.changes.filter((c) => c.entity === 'processing_firm').map((c) => c.data)).toHaveLength(2);
    expect(page.changes.filter((c) => c.entity === 'processing_policy').map((c) => c.data)).toMatchObject([{ version: 1, isSaleTaxable: false }]);
  });
});
