import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProcessingSale } from '../model/processing';
import { assessSaleAtHq, compareAssessments, exemptUsedBefore, exemptUsedByDeclaration, leftToSell, pricedSaleLines } from './processing-hq';
import type { SourceDeclaration } from './processing-sale';

const RESIDENT = '4b5c6d7e-0000-4000-8000-0000000000a1';
const FIRM = '4b5c6d7e-0000-4000-8000-0000000000f1';
const declaration: SourceDeclaration = {
  id: '4b5c6d7e-0000-4000-8000-0000000000d1',
  portId: 'DONGXING',
  residentId: RESIDENT,
  lines: [
    { hsCode: '0801', name: '腰果', quantity: 100, unit: 'kg', valueFen: 500_000 },
    { hsCode: '0803', name: '香蕉', quantity: 0.3, unit: 'kg', valueFen: 100 },
  ],
  exemptFen: 500_100,
};
const now = new Date('2026-12-07T04:00:00Z');
let n = 0;
function sale(lines: { declarationLine: number; quantity: number }[], earlier: ProcessingSale[] = []): ProcessingSale {
  n++;
  const id = `4b5c6d7e-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return { id, portId: 'DONGXING', residentId: RESIDENT, firmId: FIRM, declarationId: declaration.id, soldAt: now.toISOString(), lines: pricedSaleLines(id, lines, declaration, earlier) };
}

describe('pricedSaleLines and leftToSell', () => {
  it('prices each line pro rata after what was sold before, and sums to the declared value when the line is sold in pieces', () => {
    const first = sale([{ declarationLine: 0, quantity: 33.333 }]);
    const second = sale([{ declarationLine: 0, quantity: 66.667 }], [first]);
    expect(first.lines[0]?.valueFen).toBe(166_665);
    expect((first.lines[0]?.valueFen ?? 0) + (second.lines[0]?.valueFen ?? 0)).toBe(500_000);
    expect(leftToSell(declaration, [first])).toEqual([66.667, 0.3]);
    expect(leftToSell(declaration, [first, second])).toEqual([0, 0.3]);
  });

  it('counts 0.1 + 0.2 kg as 0.3 kg (thousandths), and never shows less than nothing left', () => {
    const a = sale([{ declarationLine: 1, quantity: 0.1 }]);
    const b = sale([{ declarationLine: 1, quantity: 0.2 }], [a]);
    expect(leftToSell(declaration, [a, b])[1]).toBe(0);
    expect(leftToSell(declaration, [a, b, sale([{ declarationLine: 1, quantity: 5 }])])[1]).toBe(0);
  });

  it('prices a line the declaration does not have at 0 (the sale is refused for it anyway)', () => {
    expect(pricedSaleLines('x', [{ declarationLine: 7, quantity: 1 }], declaration, [])).toEqual([{ declarationLine: 7, quantity: 1, valueFen: 0 }]);
  });

  it('property: however a line is cut into sales, the values add up to the declared value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 12 }), (cuts) => {
        const total = cuts.reduce((s, c) => s + c, 0);
        const d: SourceDeclaration = { ...declaration, lines: [{ hsCode: '0801', name: '腰果', quantity: total / 1000, unit: 'kg', valueFen: 987_654 }] };
        const sales: ProcessingSale[] = [];
        for (const cut of cuts) {
          const id = crypto.randomUUID();
          sales.push({ id, portId: 'DONGXING', residentId: RESIDENT, firmId: FIRM, declarationId: d.id, soldAt: now.toISOString(), lines: pricedSaleLines(id, [{ declarationLine: 0, quantity: cut / 1000 }], d, sales) });
        }
        expect(sales.reduce((s, x) => s + (x.lines[0]?.valueFen ?? 0), 0)).toBe(987_654);
      }),
    );
  });
});

describe('assessSaleAtHq', () => {
  it('applies a sale within what is left, with no flag', () => {
    const first = sale([{ declarationLine: 0, quantity: 40 }]);
    expect(assessSaleAtHq({ sale: first, declaration, heldSales: [], countedSaleIds: new Set(), now })).toEqual({ ok: true, data: { flags: [] } });
  });

  it('refuses a sale above what was declared by the desk’s own count, with the shared message and HQ’s figures', () => {
    const mine = sale([{ declarationLine: 0, quantity: 60 }]);
    const again = sale([{ declarationLine: 0, quantity: 50 }], [mine]);
    const answer = assessSaleAtHq({ sale: again, declaration, heldSales: [mine], countedSaleIds: new Set([mine.id]), now });
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.0.quantity' } });
    expect(answer.ok ? '' : answer.error.message).toContain('已售 60 kg，最多还可售 40 kg，不能销售 50 kg');
  });

  it('keeps and flags a sale above what was declared only because of a sale the desk had not seen', () => {
    const elsewhere = sale([{ declarationLine: 0, quantity: 60 }]);
    const here = sale([{ declarationLine: 0, quantity: 50 }]);
    const answer = assessSaleAtHq({ sale: here, declaration, heldSales: [elsewhere], countedSaleIds: new Set(), now });
    expect(answer).toMatchObject({ ok: true, data: { flags: [{ code: 'oversold_elsewhere', at: now.toISOString() }] } });
    const [flag] = answer.ok ? answer.data.flags : [];
    expect(flag?.message).toContain('另一柜台已售出部分商品');
    expect(flag?.messageEn).toContain('at most 40 kg left; cannot sell 50 kg');
  });

  it('refuses a value that is not the declared value pro rata, naming the line', () => {
    const wrong = { ...sale([{ declarationLine: 0, quantity: 10 }]) };
    wrong.lines = [{ declarationLine: 0, quantity: 10, valueFen: 1 }];
    expect(assessSaleAtHq({ sale: wrong, declaration, heldSales: [], countedSaleIds: new Set(), now })).toMatchObject({ ok: false, error: { field: 'lines.0.valueFen' } });
  });

  it('refuses a sale of another resident’s declaration', () => {
    const theirs = { ...sale([{ declarationLine: 0, quantity: 1 }]), residentId: '4b5c6d7e-0000-4000-8000-0000000000a9' };
    expect(assessSaleAtHq({ sale: theirs, declaration, heldSales: [], countedSaleIds: new Set(), now })).toMatchObject({ ok: false, error: { field: 'declarationId' } });
  });
});

describe('compareAssessments', () => {
  const hq = { salesFen: 60_000, exemptFen: 0, taxableFen: 60_000, policyVersion: 2 };
  it('raises nothing when desk and HQ agree', () => {
    expect(compareAssessments({ ...hq }, hq, now)).toEqual([]);
  });
  it('flags a difference, naming both, HQ’s kept', () => {
    const [flag] = compareAssessments({ ...hq, exemptFen: 60_000, taxableFen: 0, policyVersion: 1 }, hq, now);
    expect(flag).toMatchObject({ code: 'assessment_differs' });
    expect(flag?.messageEn).toBe("HQ assessed sales / exempt / taxable as ¥600.00 / ¥0.00 / ¥600.00 (v2), the desk ¥600.00 / ¥600.00 / ¥0.00 (v1): HQ's is kept");
  });
});

describe('exempt use across central declarations', () => {
  const other = '4b5c6d7e-0000-4000-8000-0000000000d2';
  it('lays each resident’s exempt part over their lines in order and counts it per declaration', () => {
    const a = { ...sale([{ declarationLine: 0, quantity: 20 }]) };
    const b = { ...sale([{ declarationLine: 0, quantity: 10 }]), declarationId: other };
    expect(exemptUsedByDeclaration([{ residentId: RESIDENT, exemptFen: 120_000 }], [a, b])).toEqual({ [declaration.id]: 100_000, [other]: 20_000 });
    expect(exemptUsedByDeclaration([{ residentId: RESIDENT, exemptFen: 0 }], [a])).toEqual({});
  });

  it('counts against a bundle only what earlier bundles used of the declarations it sells from', () => {
    const bundle = [sale([{ declarationLine: 0, quantity: 10 }])];
    const earlier = [{ exemptByDeclaration: { [declaration.id]: 60_000, [other]: 5_000 } }, { exemptByDeclaration: { [declaration.id]: 1_000 } }, {}];
    expect(exemptUsedBefore(bundle, earlier)).toEqual({ [RESIDENT]: 61_000 });
    expect(exemptUsedBefore(bundle, [])).toEqual({});
  });
});
