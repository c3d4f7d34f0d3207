import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GoodsItem, GoodsList } from '../model/goods-list';
import type { ProcessingPolicy, ProcessingSale } from '../model/processing';
import {
  assessCentralDeclaration,
  checkProcessingSale,
  describeSaleProblem,
  type SourceDeclaration,
  saleLineValueFen,
  validateProcessingSale,
} from './processing-sale';

const item = (hsCode: string, list: GoodsItem['list']): GoodsItem => ({ hsCode, name: hsCode, nameEn: hsCode, list, weightCapKg: null, unit: 'kg' });
const goodsList: GoodsList = {
  id: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  portId: 'DONGXING',
  version: 1,
  effectiveFrom: '2020-01-01',
  items: [item('0801', 'allowed'), item('0803', 'allowed'), item('2208', 'non_exempt')],
};
const policy: ProcessingPolicy = { id: '7e8f9a0b-0000-4000-8000-000000000001', portId: 'DONGXING', version: 3, effectiveFrom: '2020-01-01', isSaleTaxable: false };

const ALICE = '4b5c6d7e-0000-4000-8000-0000000000a1';
const BAO = '4b5c6d7e-0000-4000-8000-0000000000a2';
const declaration: SourceDeclaration = {
  id: '4b5c6d7e-0000-4000-8000-0000000000d1',
  portId: 'DONGXING',
  residentId: ALICE,
  lines: [
    { hsCode: '08011100', name: '腰果', quantity: 100, unit: 'kg', valueFen: 500_000 },
    { hsCode: '22084000', name: '白酒', quantity: 10, unit: 'pcs', valueFen: 100_000 },
  ],
  exemptFen: 500_000,
};
const baoDeclaration: SourceDeclaration = {
  id: '4b5c6d7e-0000-4000-8000-0000000000d2',
  portId: 'DONGXING',
  residentId: BAO,
  lines: [{ hsCode: '0803', name: '香蕉', quantity: 2000, unit: 'kg', valueFen: 1_000_000 }],
  exemptFen: 800_000,
  hqExemptFen: 600_000,
};

let nextId = 0;
const sale = (lines: ProcessingSale['lines'], over: Partial<ProcessingSale> = {}): ProcessingSale => ({
  id: `4b5c6d7e-0000-4000-8000-${String(++nextId).padStart(12, '0')}`,
  portId: 'DONGXING',
  residentId: ALICE,
  firmId: '3a4b5c6d-0000-4000-8000-000000000001',
  declarationId: declaration.id,
  soldAt: '2026-03-02T10:00:00+08:00',
  lines,
  ...over,
});

describe('checkProcessingSale', () => {
  it('allows selling up to what was declared, over several sales', () => {
    const first = sale([{ declarationLine: 0, quantity: 60, valueFen: 300_000 }]);
    const second = sale([{ declarationLine: 0, quantity: 40, valueFen: 200_000 }, { declarationLine: 1, quantity: 10, valueFen: 100_000 }]);
    expect(checkProcessingSale(first, declaration, [])).toEqual([]);
    expect(checkProcessingSale(second, declaration, [first])).toEqual([]);
  });

  it('refuses a sale above what is left, with the amounts', () => {
    const first = sale([{ declarationLine: 0, quantity: 60, valueFen: 300_000 }]);
    const second = sale([{ declarationLine: 1, quantity: 1, valueFen: 10_000 }, { declarationLine: 0, quantity: 40.001, valueFen: 200_005 }]);
    const problems = checkProcessingSale(second, declaration, [first]);
    expect(problems).toEqual([
      { code: 'above_declared', line: 1, declarationLine: 0, name: '腰果', unit: 'kg', declaredQuantity: 100, soldBeforeQuantity: 60, requestedQuantity: 40.001, leftQuantity: 40 },
    ]);
    expect(describeSaleProblem(problems[0] ?? { code: 'other_port' })).toEqual({
      zh: '第2行：腰果 申报 100 kg，已售 60 kg，最多还可售 40 kg，不能销售 40.001 kg',
      en: 'Line 2: 腰果: 100 kg declared, 60 kg already sold, at most 40 kg left; cannot sell 40.001 kg',
    });
  });

  it('counts in thousandths, so 0.1 + 0.2 sold of 0.3 declared leaves exactly nothing', () => {
    const small: SourceDeclaration = { ...declaration, lines: [{ hsCode: '0801', name: '腰果', quantity: 0.3, unit: 'kg', valueFen: 300 }] };
    const sold = [sale([{ declarationLine: 0, quantity: 0.1, valueFen: 100 }]), sale([{ declarationLine: 0, quantity: 0.2, valueFen: 200 }])];
    expect(checkProcessingSale(sale([{ declarationLine: 0, quantity: 0.001, valueFen: 1 }]), small, sold)).toMatchObject([{ leftQuantity: 0 }]);
    expect(checkProcessingSale(sale([{ declarationLine: 0, quantity: 0.2, valueFen: 200 }]), small, sold.slice(0, 1))).toEqual([]);
  });

  it('does not count the sale against itself when it is being edited', () => {
    const edited = sale([{ declarationLine: 0, quantity: 100, valueFen: 500_000 }]);
    expect(checkProcessingSale(edited, declaration, [{ ...edited, lines: [{ declarationLine: 0, quantity: 30, valueFen: 1 }] }])).toEqual([]);
  });

  it('ignores sales from other declarations', () => {
    const other = sale([{ declarationLine: 0, quantity: 100, valueFen: 1 }], { declarationId: baoDeclaration.id, residentId: BAO });
    expect(checkProcessingSale(sale([{ declarationLine: 0, quantity: 100, valueFen: 500_000 }]), declaration, [other])).toEqual([]);
  });

  it('refuses goods someone else declared, another port, another declaration and a line that does not exist', () => {
    expect(checkProcessingSale(sale([{ declarationLine: 0, quantity: 1, valueFen: 1 }], { residentId: BAO }), declaration, [])).toEqual([{ code: 'other_resident' }]);
    expect(checkProcessingSale(sale([{ declarationLine: 0, quantity: 1, valueFen: 1 }], { portId: 'PINGXIANG' }), declaration, [])).toEqual([{ code: 'other_port' }]);
    expect(checkProcessingSale(sale([{ declarationLine: 0, quantity: 1, valueFen: 1 }]), baoDeclaration, [])).toEqual([{ code: 'other_declaration' }]);
    expect(checkProcessingSale(sale([{ declarationLine: 5, quantity: 1, valueFen: 1 }]), declaration, [])).toEqual([{ code: 'no_such_line', line: 0, declarationLine: 5 }]);
  });

  it('never lets the total sold go above what was declared (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40_000 }), { minLength: 1, maxLength: 12 }), (attempts) => {
        const accepted: ProcessingSale[] = [];
        for (const grams of attempts) {
          const attempt = sale([{ declarationLine: 0, quantity: grams / 1000, valueFen: 1 }]);
          const soldBefore = accepted.reduce((sum, s) => sum + Math.round((s.lines[0]?.quantity ?? 0) * 1000), 0);
          const problems = checkProcessingSale(attempt, declaration, accepted);
          expect(problems.length === 0).toBe(soldBefore + grams <= 100_000);
          if (problems.length === 0) accepted.push(attempt);
        }
      }),
    );
  });
});

describe('validateProcessingSale', () => {
  it('refuses a sale above what was declared with a message naming the quantity field', () => {
    const result = validateProcessingSale(sale([{ declarationLine: 0, quantity: 101, valueFen: 1 }]), declaration, []);
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.0.quantity' } });
    expect(result.ok ? '' : result.error.message).toContain('最多还可售 100 kg，不能销售 101 kg / Line 1');
  });

  it('refuses another port as forbidden and passes a good sale through', () => {
    expect(validateProcessingSale(sale([{ declarationLine: 0, quantity: 1, valueFen: 1 }], { portId: 'PINGXIANG' }), declaration, [])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const good = sale([{ declarationLine: 0, quantity: 1, valueFen: 5_000 }]);
    expect(validateProcessingSale(good, declaration, [])).toEqual({ ok: true, data: good });
  });
});

describe('saleLineValueFen', () => {
  it('is the declared value pro rata', () => {
    expect(saleLineValueFen({ quantity: 100, valueFen: 500_000 }, 0, 40)).toBe(200_000);
    expect(saleLineValueFen({ quantity: 3, valueFen: 100 }, 0, 1)).toBe(33);
    expect(saleLineValueFen({ quantity: 3, valueFen: 100 }, 1, 1)).toBe(33);
    expect(saleLineValueFen({ quantity: 3, valueFen: 100 }, 2, 1)).toBe(34);
  });

  it('adds up to the declared value exactly when the line is sold in any pieces (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 20 }), (valueFen, pieces) => {
        const totalGrams = pieces.reduce((a, b) => a + b, 0);
        const declared = { quantity: totalGrams / 1000, valueFen };
        let soldGrams = 0;
        let sum = 0;
        for (const grams of pieces) {
          sum += saleLineValueFen(declared, soldGrams / 1000, grams / 1000);
          soldGrams += grams;
        }
        expect(sum).toBe(valueFen);
      }),
    );
  });
});

describe('assessCentralDeclaration', () => {
  const aliceNuts = sale([{ declarationLine: 0, quantity: 100, valueFen: 500_000 }]);
  const aliceSpirits = sale([{ declarationLine: 1, quantity: 10, valueFen: 100_000 }]);
  const baoBananas = sale([{ declarationLine: 0, quantity: 2000, valueFen: 1_000_000 }], { residentId: BAO, declarationId: baoDeclaration.id });
  const assess = (sales: ProcessingSale[], p: ProcessingPolicy = policy, exemptUsedBeforeFen?: Record<string, number>) => {
    const result = assessCentralDeclaration({ sales, declarations: [declaration, baoDeclaration], goodsList, policy: p, exemptUsedBeforeFen });
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  };

  it('taxes each resident above their exempt portion, and non-exempt goods in full', () => {
    const result = assess([aliceNuts, aliceSpirits, baoBananas]);
    expect(result.residents).toEqual([
      { residentId: ALICE, salesFen: 600_000, eligibleFen: 500_000, exemptPortionFen: 500_000, exemptFen: 500_000, taxableFen: 100_000 },
      // HQ's exempt amount (6,000 yuan) counts, not the desk's 8,000.
      { residentId: BAO, salesFen: 1_000_000, eligibleFen: 1_000_000, exemptPortionFen: 600_000, exemptFen: 600_000, taxableFen: 400_000 },
    ]);
    expect(result).toMatchObject({ salesFen: 1_600_000, exemptFen: 1_100_000, taxableFen: 500_000, policyVersion: 3 });
  });

  it('taxes everything when the policy makes processing sales taxable', () => {
    const result = assess([aliceNuts, baoBananas], { ...policy, isSaleTaxable: true });
    expect(result).toMatchObject({ salesFen: 1_500_000, exemptFen: 0, taxableFen: 1_500_000 });
    expect(result.residents.map((r) => r.exemptFen)).toEqual([0, 0]);
  });

  it('takes away what earlier central declarations already used of the exempt portion', () => {
    const result = assess([aliceNuts], policy, { [ALICE]: 450_000 });
    expect(result.residents[0]).toMatchObject({ exemptPortionFen: 50_000, exemptFen: 50_000, taxableFen: 450_000 });
    expect(assess([aliceNuts], policy, { [ALICE]: 900_000 }).residents[0]).toMatchObject({ exemptPortionFen: 0, taxableFen: 500_000 });
  });

  it('counts a declaration’s exempt amount once however many sales come from it', () => {
    const halves = [sale([{ declarationLine: 0, quantity: 50, valueFen: 250_000 }]), sale([{ declarationLine: 0, quantity: 50, valueFen: 250_000 }])];
    expect(assess(halves).residents[0]).toMatchObject({ exemptPortionFen: 500_000, exemptFen: 500_000, taxableFen: 0 });
  });

  it('refuses sales whose declaration or line is missing', () => {
    const orphan = sale([{ declarationLine: 0, quantity: 1, valueFen: 1 }], { declarationId: '4b5c6d7e-0000-4000-8000-0000000000ff' });
    expect(assessCentralDeclaration({ sales: [aliceNuts, orphan], declarations: [declaration], goodsList, policy })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'sales.1.declarationId' } });
    const noLine = sale([{ declarationLine: 9, quantity: 1, valueFen: 1 }]);
    expect(assessCentralDeclaration({ sales: [noLine], declarations: [declaration], goodsList, policy })).toMatchObject({ ok: false, error: { field: 'sales.0.lines.0.declarationLine' } });
    const stolen = sale([{ declarationLine: 0, quantity: 1, valueFen: 1 }], { residentId: BAO });
    expect(assessCentralDeclaration({ sales: [stolen], declarations: [declaration], goodsList, policy })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('always splits the sales exactly into exempt and taxable, never exempting above a portion (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ who: fc.constantFrom(ALICE, BAO), line: fc.nat(1), valueFen: fc.integer({ min: 0, max: 900_000 }) }), { maxLength: 10 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 900_000 }),
        (picks, isSaleTaxable, usedBefore) => {
          const sales = picks.map(({ who, line, valueFen }) =>
            who === ALICE ? sale([{ declarationLine: line, quantity: 1, valueFen }]) : sale([{ declarationLine: 0, quantity: 1, valueFen }], { residentId: BAO, declarationId: baoDeclaration.id }),
          );
          const result = assess(sales, { ...policy, isSaleTaxable }, { [BAO]: usedBefore });
          expect(result.exemptFen + result.taxableFen).toBe(result.salesFen);
          expect(result.salesFen).toBe(sales.reduce((sum, s) => sum + (s.lines[0]?.valueFen ?? 0), 0));
          for (const r of result.residents) {
            expect(r.exemptFen).toBeLessThanOrEqual(Math.min(r.exemptPortionFen, r.eligibleFen));
            expect(r.taxableFen).toBeGreaterThanOrEqual(r.salesFen - r.eligibleFen);
            if (isSaleTaxable) expect(r.exemptFen).toBe(0);
          }
        },
      ),
    );
  });
});
