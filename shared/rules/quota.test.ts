import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DutyFreePolicy, GoodsItem, GoodsList } from '../model/goods-list';
import { assessDeclaration, lineValueFen, quotaLeft } from './quota';

const item = (hsCode: string, list: GoodsItem['list']): GoodsItem => ({ hsCode, name: hsCode, nameEn: hsCode, list, weightCapKg: null, unit: 'kg' });
const goodsList: GoodsList = {
  id: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  portId: 'DONGXING',
  version: 1,
  effectiveFrom: '2020-01-01',
  items: [item('0801', 'allowed'), item('0803', 'allowed'), item('4403', 'negative'), item('2208', 'non_exempt'), item('2402', 'non_exempt')],
};
const policy: DutyFreePolicy = {
  id: '6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f',
  portId: 'DONGXING',
  version: 1,
  effectiveFrom: '2020-01-01',
  dailyExemptFen: 800_000, // RMB 8,000
};
const nuts = (valueFen: number) => ({ hsCode: '08011100', valueFen });
const spirits = (valueFen: number) => ({ hsCode: '22084000', valueFen });
const logs = (valueFen: number) => ({ hsCode: '44031000', valueFen });
const unknown = (valueFen: number) => ({ hsCode: '9403', valueFen });

const assess = (lines: { hsCode: string; valueFen: number }[], usedTodayFen = 0, p: DutyFreePolicy = policy) =>
  assessDeclaration({ lines, goodsList, policy: p, usedTodayFen });

describe('quotaLeft', () => {
  it('is the daily amount minus what was used, never below zero', () => {
    expect(quotaLeft(policy, 0)).toBe(800_000);
    expect(quotaLeft(policy, 700_000)).toBe(100_000);
    expect(quotaLeft(policy, 800_000)).toBe(0);
    expect(quotaLeft(policy, 1_200_000)).toBe(0);
    expect(quotaLeft({ ...policy, dailyExemptFen: 0 }, 0)).toBe(0);
  });
});

describe('assessDeclaration', () => {
  it('exempts allowed goods wholly when the day has room', () => {
    expect(assess([nuts(150_000)])).toMatchObject({
      totalFen: 150_000,
      eligibleFen: 150_000,
      exemptFen: 150_000,
      taxableFen: 0,
      leftBeforeFen: 800_000,
      leftAfterFen: 650_000,
      problems: [],
    });
  });

  it('splits a declaration that straddles the limit: used 7,000, new 1,500 → 1,000 exempt, 500 taxable', () => {
    expect(assess([nuts(150_000)], 700_000)).toMatchObject({
      totalFen: 150_000,
      exemptFen: 100_000,
      taxableFen: 50_000,
      leftBeforeFen: 100_000,
      leftAfterFen: 0,
    });
  });

  it('exempts all of exactly 8,000 and taxes the first fen above it', () => {
    expect(assess([nuts(800_000)])).toMatchObject({ exemptFen: 800_000, taxableFen: 0, leftAfterFen: 0 });
    expect(assess([nuts(800_001)])).toMatchObject({ exemptFen: 800_000, taxableFen: 1, leftAfterFen: 0 });
    expect(assess([nuts(400_000), { hsCode: '0803', valueFen: 400_000 }])).toMatchObject({ exemptFen: 800_000, taxableFen: 0 });
  });

  it('taxes everything once the day is used up (or over-used elsewhere)', () => {
    expect(assess([nuts(10_000)], 800_000)).toMatchObject({ exemptFen: 0, taxableFen: 10_000, leftBeforeFen: 0, leftAfterFen: 0 });
    expect(assess([nuts(10_000)], 900_000)).toMatchObject({ exemptFen: 0, taxableFen: 10_000, leftBeforeFen: 0, leftAfterFen: 0 });
  });

  it('never exempts non-exempt goods, and they do not use up the day', () => {
    expect(assess([spirits(300_000)])).toMatchObject({ eligibleFen: 0, exemptFen: 0, taxableFen: 300_000, leftAfterFen: 800_000, problems: [] });
    expect(assess([spirits(300_000), nuts(600_000)])).toMatchObject({
      totalFen: 900_000,
      eligibleFen: 600_000,
      exemptFen: 600_000,
      taxableFen: 300_000,
      leftAfterFen: 200_000,
    });
  });

  it('counts unknown and negative-list lines as taxable and reports them', () => {
    const result = assess([nuts(100_000), unknown(20_000), logs(30_000)]);
    expect(result).toMatchObject({ totalFen: 150_000, eligibleFen: 100_000, exemptFen: 100_000, taxableFen: 50_000 });
    expect(result.problems.map((p) => [p.line, p.code])).toEqual([
      [1, 'goods_not_listed'],
      [2, 'goods_forbidden'],
    ]);
  });

  it('handles zero-value lines and a zero daily amount', () => {
    expect(assess([nuts(0), spirits(0)])).toMatchObject({ totalFen: 0, exemptFen: 0, taxableFen: 0, leftAfterFen: 800_000 });
    expect(assess([nuts(50_000)], 0, { ...policy, dailyExemptFen: 0 })).toMatchObject({ exemptFen: 0, taxableFen: 50_000 });
    expect(assess([])).toMatchObject({ totalFen: 0, exemptFen: 0, taxableFen: 0, problems: [] });
  });

  it('keeps the books balanced for any lines and any usage', () => {
    const lineArb = fc.record({
      hsCode: fc.constantFrom('0801', '08011100', '0803', '4403', '22084000', '2402', '9403', '12'),
      valueFen: fc.integer({ min: 0, max: 2_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 50 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        (lines, usedTodayFen, dailyExemptFen) => {
          const a = assess(lines, usedTodayFen, { ...policy, dailyExemptFen });
          expect(a.totalFen).toBe(lines.reduce((sum, l) => sum + l.valueFen, 0));
          expect(a.exemptFen + a.taxableFen).toBe(a.totalFen);
          expect(a.exemptFen).toBeGreaterThanOrEqual(0);
          expect(a.taxableFen).toBeGreaterThanOrEqual(0);
          expect(a.exemptFen).toBeLessThanOrEqual(a.leftBeforeFen);
          expect(a.exemptFen).toBeLessThanOrEqual(a.eligibleFen);
          expect(a.eligibleFen).toBeLessThanOrEqual(a.totalFen);
          expect(a.leftBeforeFen).toBe(Math.max(0, dailyExemptFen - usedTodayFen));
          expect(a.leftAfterFen).toBeGreaterThanOrEqual(0);
          expect(a.leftAfterFen).toBe(a.leftBeforeFen - a.exemptFen);
          // Exempt is as large as the rules allow: all eligible value, or all that is left.
          expect(a.exemptFen).toBe(Math.min(a.eligibleFen, a.leftBeforeFen));
          expect(Number.isInteger(a.exemptFen) && Number.isInteger(a.taxableFen)).toBe(true);
        },
      ),
    );
  });

  it('gives the same exempt total whether a day is declared at once or line by line', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500_000 }), { maxLength: 20 }), (values) => {
        const atOnce = assess(values.map(nuts)).exemptFen;
        let used = 0;
        let exemptSum = 0;
        for (const value of values) {
          const a = assess([nuts(value)], used);
          exemptSum += a.exemptFen;
          used += a.exemptFen;
        }
        expect(exemptSum).toBe(atOnce);
      }),
    );
  });
});

describe('lineValueFen', () => {
  it('multiplies and rounds half up to the fen', () => {
    expect(lineValueFen(12.5, 4000)).toBe(50_000);
    expect(lineValueFen(2.5, 333)).toBe(833); // 832.5
    expect(lineValueFen(0.333, 300)).toBe(100); // 99.9
    expect(lineValueFen(0.001, 400)).toBe(0); // 0.4
    expect(lineValueFen(3, 0)).toBe(0);
  });

  it('rounds the decimal half the officer sees, not the binary approximation', () => {
    expect(lineValueFen(1.005, 100)).toBe(101); // 1.005 * 100 === 100.49999999999999
    expect(lineValueFen(2.675, 100)).toBe(268); // 2.675 * 100 === 267.49999999999997
    expect(lineValueFen(0.1, 3)).toBe(0); // 0.30000000000000004
  });

  it('equals exact decimal arithmetic for quantities with up to three decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), fc.integer({ min: 0, max: 999_999 }), (milli, priceFen) => {
        const exactMilliFen = BigInt(milli) * BigInt(priceFen);
        const expected = Number((exactMilliFen + 500n) / 1000n); // half up, all values non-negative
        expect(lineValueFen(milli / 1000, priceFen)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('rounds every exact half up (quantity x.xx5 kg at a whole-yuan price)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 4_999 }), (tens, oddYuan) => {
        const milli = tens * 10 + 5;
        const priceFen = (2 * oddYuan + 1) * 100;
        const expected = Number((BigInt(milli) * BigInt(priceFen) + 500n) / 1000n);
        expect(lineValueFen(milli / 1000, priceFen)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
