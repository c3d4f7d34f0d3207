import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CentralDeclaration, centralDeclarationSchema, type DirectTransport, directTransportSchema, type ProcessingSale } from '../model/processing';
import { creditCodeCheckCharacter } from '../model/two-step-codes';
import {
  applyCentralEvent,
  type CentralDeclarationEvent,
  type CentralDeclarationFacts,
  centralDeclarationEventSchema,
  checkCentralBundle,
  checkDeparture,
  processingSaleStatus,
  recordArrival,
} from './processing-flow';

const FIRM = '3a4b5c6d-0000-4000-8000-000000000001';
const OTHER_FIRM = '3a4b5c6d-0000-4000-8000-000000000002';
const saleId = (n: number) => `4b5c6d7e-0000-4000-8000-${String(n).padStart(12, '0')}`;
const sale = (n: number, over: Partial<ProcessingSale> = {}): ProcessingSale => ({
  id: saleId(n),
  portId: 'DONGXING',
  residentId: '4b5c6d7e-0000-4000-8000-0000000000a1',
  firmId: FIRM,
  declarationId: '4b5c6d7e-0000-4000-8000-0000000000d1',
  soldAt: '2026-03-02T10:00:00+08:00',
  lines: [{ declarationLine: 0, quantity: 1, valueFen: 100 }],
  ...over,
});
const agentCode = `91450681MA5K12345${creditCodeCheckCharacter('91450681MA5K12345')}`;
const draft: CentralDeclaration = {
  id: '5c6d7e8f-0000-4000-8000-000000000001',
  portId: 'DONGXING',
  firmId: FIRM,
  agent: { name: '东兴报关代理', creditCode: agentCode },
  saleIds: [saleId(1), saleId(2)],
  status: 'draft',
  declaredAt: null,
  assessment: null,
  settlement: null,
};
const facts: CentralDeclarationFacts = { isBundleValid: true, hasArrived: true };
const declare: CentralDeclarationEvent = { type: 'declare', at: '2026-03-02T10:05:00+08:00' };
const assess = (taxableFen: number): CentralDeclarationEvent => ({ type: 'assess_tax', assessment: { salesFen: 900_000, exemptFen: 900_000 - taxableFen, taxableFen, policyVersion: 1 } });
const settle = (paidFen: number, receiptNo = 'JK2026030200017', at = '2026-03-02T15:00:00+08:00'): CentralDeclarationEvent => ({ type: 'settle_tax', paidFen, receiptNo, at });

function run(events: CentralDeclarationEvent[], f: CentralDeclarationFacts = facts): CentralDeclaration {
  let state = draft;
  for (const event of events) {
    const next = applyCentralEvent(state, event, f);
    if (!next.ok) throw new Error(next.error.message);
    state = next.data;
  }
  return state;
}

describe('checkCentralBundle', () => {
  it('accepts sales to the firm at the port not bundled elsewhere', () => {
    expect(checkCentralBundle(draft, [sale(1), sale(2)], new Set())).toEqual([]);
  });

  it('names each sale that is missing, to another firm, at another port, or already bundled', () => {
    const central = { ...draft, saleIds: [saleId(1), saleId(2), saleId(3), saleId(4)] };
    const problems = checkCentralBundle(central, [sale(2, { firmId: OTHER_FIRM }), sale(3, { portId: 'PINGXIANG' }), sale(4)], new Set([saleId(4)]));
    expect(problems.map((p) => [p.saleId, p.code])).toEqual([
      [saleId(1), 'missing'],
      [saleId(2), 'other_firm'],
      [saleId(3), 'other_port'],
      [saleId(4), 'already_bundled'],
    ]);
    expect(problems[3]).toMatchObject({ zh: expect.stringContaining('已在其他集中申报中'), en: expect.stringContaining('already in another central declaration') });
  });
});

describe('applyCentralEvent', () => {
  it('goes draft → declared → tax assessed → tax settled', () => {
    const settled = run([declare, assess(150_000), settle(150_000)]);
    expect(settled).toMatchObject({
      status: 'tax_settled',
      declaredAt: '2026-03-02T10:05:00+08:00',
      assessment: { taxableFen: 150_000 },
      settlement: { paidFen: 150_000, receiptNo: 'JK2026030200017', settledAt: '2026-03-02T15:00:00+08:00' },
    });
    expect(centralDeclarationSchema.safeParse(settled).success).toBe(true);
  });

  it('settles a declaration with nothing taxable without a receipt', () => {
    expect(run([declare, assess(0), settle(0, '')]).status).toBe('tax_settled');
  });

  it('refuses to declare an invalid bundle', () => {
    expect(applyCentralEvent(draft, declare, { ...facts, isBundleValid: false })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'saleIds' } });
  });

  it('refuses to settle before the goods arrived at the warehouse', () => {
    const assessed = run([declare, assess(150_000)]);
    const result = applyCentralEvent(assessed, settle(150_000), { ...facts, hasArrived: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('货物尚未运抵') } });
  });

  it('refuses a payment that is not the assessed amount, saying both', () => {
    const assessed = run([declare, assess(150_000)]);
    expect(applyCentralEvent(assessed, settle(149_999), facts)).toEqual({
      ok: false,
      error: { code: 'conflict', field: 'paidFen', message: '应缴 ¥1,500.00，实缴 ¥1,499.99，金额不符 / ¥1,500.00 due but ¥1,499.99 paid' },
    });
  });

  it('refuses a missing receipt and a settlement dated before the declaration', () => {
    const assessed = run([declare, assess(150_000)]);
    expect(applyCentralEvent(assessed, settle(150_000, '  '), facts)).toMatchObject({ ok: false, error: { field: 'receiptNo' } });
    expect(applyCentralEvent(assessed, settle(150_000, 'JK1', '2026-03-02T01:00:00Z'), facts)).toMatchObject({ ok: false, error: { field: 'settledAt' } });
  });

  it.each<[string, CentralDeclarationEvent[], CentralDeclarationEvent, string]>([
    ['assess a draft', [], assess(1), '集中申报「草稿」时不能核税 / cannot assess the tax of a central declaration that is draft'],
    ['settle a draft', [], settle(0), '集中申报「草稿」时不能缴税 / cannot settle the tax of a central declaration that is draft'],
    ['declare twice', [declare], declare, '集中申报「已申报」时不能申报 / cannot declare a central declaration that is declared'],
    ['settle before assessing', [declare], settle(0), '集中申报「已申报」时不能缴税 / cannot settle the tax of a central declaration that is declared'],
    ['assess twice', [declare, assess(1)], assess(1), '集中申报「已核税」时不能核税 / cannot assess the tax of a central declaration that is tax assessed'],
    ['settle twice', [declare, assess(0), settle(0)], settle(0), '集中申报「已缴税」时不能缴税 / cannot settle the tax of a central declaration that is tax settled'],
  ])('refuses to %s', (_, before, event, message) => {
    expect(applyCentralEvent(run(before), event, facts)).toEqual({ ok: false, error: { code: 'conflict', field: 'status', message } });
  });

  it('only ever moves forward, and a refused event leaves the record as it was (property)', () => {
    const eventArb = fc.oneof(fc.constant(declare), fc.integer({ min: 0, max: 3 }).map(assess), fc.integer({ min: 0, max: 3 }).map((fen) => settle(fen)));
    const order = ['draft', 'declared', 'tax_assessed', 'tax_settled'];
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 10 }), fc.record({ isBundleValid: fc.boolean(), hasArrived: fc.boolean() }), (events, f) => {
        let state: CentralDeclaration = Object.freeze({ ...draft });
        for (const event of events) {
          const next = applyCentralEvent(state, event, f);
          if (!next.ok) continue;
          expect(order.indexOf(next.data.status)).toBe(order.indexOf(state.status) + 1);
          if (next.data.status === 'tax_settled') {
            expect(f.hasArrived).toBe(true);
            expect(next.data.settlement?.paidFen).toBe(next.data.assessment?.taxableFen);
          }
          state = Object.freeze(next.data);
        }
      }),
    );
  });
});

describe('centralDeclarationEventSchema', () => {
  it('parses stored events and refuses bad ones', () => {
    expect(centralDeclarationEventSchema.parse(JSON.parse(JSON.stringify(settle(5))))).toEqual(settle(5));
    expect(centralDeclarationEventSchema.safeParse({ type: 'settle_tax', paidFen: -1, receiptNo: '', at: '2026-03-02T15:00:00+08:00' }).success).toBe(false);
    expect(centralDeclarationEventSchema.safeParse({ type: 'refund' }).success).toBe(false);
  });
});

const transport: DirectTransport = {
  id: '6d7e8f9a-0000-4000-8000-000000000001',
  portId: 'DONGXING',
  centralDeclarationId: draft.id,
  firmId: FIRM,
  vehiclePlate: '桂P12345',
  sealNo: 'GX2026-000123',
  departedAt: '2026-03-02T10:30:00+08:00',
  arrivedAt: null,
};

describe('checkDeparture', () => {
  const declared = run([declare]);

  it('lets the goods leave once the central declaration is declared', () => {
    expect(checkDeparture(transport, declared)).toEqual({ ok: true, data: transport });
    expect(checkDeparture(transport, draft)).toMatchObject({ ok: false, error: { code: 'conflict', field: 'status' } });
  });

  it('refuses a transport for another declaration, firm or port, or one already arrived', () => {
    expect(checkDeparture({ ...transport, centralDeclarationId: saleId(9) }, declared)).toMatchObject({ ok: false, error: { field: 'centralDeclarationId' } });
    expect(checkDeparture({ ...transport, firmId: OTHER_FIRM }, declared)).toMatchObject({ ok: false, error: { field: 'firmId' } });
    expect(checkDeparture({ ...transport, portId: 'PINGXIANG' }, declared)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(checkDeparture({ ...transport, arrivedAt: '2026-03-02T11:00:00+08:00' }, declared)).toMatchObject({ ok: false, error: { field: 'arrivedAt' } });
  });
});

describe('recordArrival', () => {
  const arrival = { arrivedAt: '2026-03-02T11:10:00+08:00', sealNo: 'GX2026-000123', isSealIntact: true };

  it('records an arrival after the departure with the seal intact', () => {
    const arrived = recordArrival(transport, arrival);
    expect(arrived).toEqual({ ok: true, data: { ...transport, arrivedAt: arrival.arrivedAt } });
    expect(recordArrival(transport, { ...arrival, arrivedAt: transport.departedAt }).ok).toBe(true);
    expect(recordArrival(transport, { ...arrival, sealNo: ' gx2026-000123 ' }).ok).toBe(true);
    if (arrived.ok) expect(directTransportSchema.safeParse(arrived.data).success).toBe(true);
  });

  it('refuses an arrival before the departure, compared as instants across zones', () => {
    expect(recordArrival(transport, { ...arrival, arrivedAt: '2026-03-02T02:29:00Z' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'arrivedAt' } });
    expect(recordArrival(transport, { ...arrival, arrivedAt: '2026-03-02T02:31:00Z' }).ok).toBe(true);
  });

  it('refuses a broken seal or another seal number, and a second arrival', () => {
    expect(recordArrival(transport, { ...arrival, isSealIntact: false })).toMatchObject({ ok: false, error: { field: 'sealNo' } });
    expect(recordArrival(transport, { ...arrival, sealNo: 'GX2026-000124' })).toMatchObject({ ok: false, error: { field: 'sealNo', message: expect.stringContaining('不符') } });
    expect(recordArrival({ ...transport, arrivedAt: arrival.arrivedAt }, arrival)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('processingSaleStatus', () => {
  it('is sold, then received on arrival, then tax settled with the central declaration', () => {
    expect(processingSaleStatus({ transport: null, central: null })).toBe('sold');
    expect(processingSaleStatus({ transport, central: run([declare]) })).toBe('sold');
    expect(processingSaleStatus({ transport: { ...transport, arrivedAt: '2026-03-02T11:10:00+08:00' }, central: run([declare]) })).toBe('received');
    expect(processingSaleStatus({ transport: { ...transport, arrivedAt: '2026-03-02T11:10:00+08:00' }, central: run([declare, assess(0), settle(0)]) })).toBe('tax_settled');
  });
});
