import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GoodsItem, GoodsList } from '../model/goods-list';
import { checkWeightCaps, countedGrams, describeWeightCapProblem, linesOfResidentDay, type WeighedLine, weightCapUsage } from './weight-cap';

const item = (hsCode: string, weightCapKg: number | null, list: GoodsItem['list'] = 'allowed'): GoodsItem => ({
  hsCode,
  name: { '0803': '香蕉', '080390': '大蕉', '0306': '甲壳动物', '1006': '大米', '2208': '烈酒' }[hsCode] ?? hsCode,
  nameEn: hsCode === '0803' ? 'bananas' : '',
  list,
  weightCapKg,
  unit: 'kg',
});
const goodsList: GoodsList = {
  id: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  portId: 'DONGXING',
  version: 1,
  effectiveFrom: '2020-01-01',
  items: [item('0803', 100), item('080390', null), item('0306', 20.5), item('1006', null), item('2208', 5, 'non_exempt')],
};
const kgLine = (hsCode: string, kg: number): WeighedLine => ({ hsCode, quantity: kg, unit: 'kg', netKg: kg });

describe('countedGrams', () => {
  it('counts the net weight in whole grams', () => {
    expect(countedGrams({ hsCode: '0306', quantity: 3, unit: 'pcs', netKg: 1.2345 })).toBe(1235);
  });

  it('counts the quantity when it is in kg and the net weight is smaller (left at 0)', () => {
    expect(countedGrams({ hsCode: '0803', quantity: 80, unit: 'kg', netKg: 0 })).toBe(80_000);
    expect(countedGrams({ hsCode: '0803', quantity: 80, unit: '千克', netKg: 81 })).toBe(81_000);
  });
});

describe('checkWeightCaps', () => {
  it('passes lines within the cap, the cap itself included', () => {
    expect(checkWeightCaps({ goodsList, usedLines: [kgLine('08030010', 60)], lines: [kgLine('08030020', 40)] })).toEqual([]);
  });

  it('names the line that takes the day over the cap, with the amounts', () => {
    const problems = checkWeightCaps({ goodsList, usedLines: [kgLine('08030010', 60)], lines: [kgLine('10063000', 500), kgLine('08030020', 40.001)] });
    expect(problems).toEqual([
      { code: 'weight_cap_exceeded', line: 1, hsCode: '08030020', capHsCode: '0803', name: '香蕉', nameEn: 'bananas', capKg: 100, usedBeforeKg: 60, lineKg: 40.001, overByKg: 0.001 },
    ]);
  });

  it('sums earlier lines of the same declaration, exactly in grams (0.1 + 0.2 + 20.2 kg is 20.5 kg)', () => {
    const lines = [kgLine('0306', 0.1), kgLine('030611', 0.2), kgLine('030612', 20.2), kgLine('030613', 0.001)];
    const problems = checkWeightCaps({ goodsList, usedLines: [], lines });
    expect(problems.map((p) => [p.line, p.usedBeforeKg, p.overByKg])).toEqual([[3, 20.5, 0.001]]);
  });

  it('uses the longest prefix: a more specific uncapped entry is not counted under the cap', () => {
    expect(checkWeightCaps({ goodsList, usedLines: [kgLine('08039000', 500)], lines: [kgLine('08030000', 100)] })).toEqual([]);
    expect(checkWeightCaps({ goodsList, usedLines: [], lines: [kgLine('08039000', 500)] })).toEqual([]);
  });

  it('applies caps on non-exempt goods too, and ignores uncapped and unlisted goods', () => {
    const [spirits] = checkWeightCaps({ goodsList, usedLines: [], lines: [kgLine('22084000', 6)] });
    expect(spirits).toMatchObject({ capHsCode: '2208', overByKg: 1 });
    if (spirits !== undefined) expect(describeWeightCapProblem(spirits).en).toContain('烈酒 (22084000)');
    expect(checkWeightCaps({ goodsList, usedLines: [kgLine('9403', 9999)], lines: [kgLine('9403', 9999), kgLine('1006', 9999)] })).toEqual([]);
  });

  it('keeps reporting later lines once the cap is passed', () => {
    const problems = checkWeightCaps({ goodsList, usedLines: [], lines: [kgLine('0803', 150), kgLine('0803', 1)] });
    expect(problems.map((p) => [p.line, p.usedBeforeKg, p.overByKg])).toEqual([
      [0, 0, 50],
      [1, 150, 51],
    ]);
  });

  it('reports a problem exactly when the day total goes above the cap (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60_000 }), { maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 1, maxLength: 6 }), (used, grams) => {
        const problems = checkWeightCaps({ goodsList, usedLines: used.map((g) => kgLine('0803', g / 1000)), lines: grams.map((g) => kgLine('0803', g / 1000)) });
        let total = used.reduce((a, b) => a + b, 0);
        const expected: number[] = [];
        grams.forEach((g, index) => {
          total += g;
          if (total > 100_000) expected.push(index);
        });
        expect(problems.map((p) => p.line)).toEqual(expected);
        for (const p of problems) expect(Math.round((p.usedBeforeKg + p.lineKg - p.capKg) * 1000)).toBe(Math.round(p.overByKg * 1000));
      }),
    );
  });
});

describe('weightCapUsage', () => {
  it('sums each capped entry and says what is left, never below zero', () => {
    expect(weightCapUsage(goodsList, [kgLine('0803', 30), kgLine('080310', 25.5), kgLine('0306', 21), kgLine('1006', 50)])).toEqual([
      { capHsCode: '0803', name: '香蕉', capKg: 100, usedKg: 55.5, leftKg: 44.5 },
      { capHsCode: '0306', name: '甲壳动物', capKg: 20.5, usedKg: 21, leftKg: 0 },
    ]);
  });
});

describe('linesOfResidentDay', () => {
  const declarations = [
    { id: 'd1', residentId: 'r1', tradeDate: '2026-03-02', lines: [kgLine('0803', 10)] },
    { id: 'd2', residentId: 'r1', tradeDate: '2026-03-02', lines: [kgLine('0803', 20), kgLine('0306', 1)] },
    { id: 'd3', residentId: 'r1', tradeDate: '2026-03-01', lines: [kgLine('0803', 40)] },
    { id: 'd4', residentId: 'r2', tradeDate: '2026-03-02', lines: [kgLine('0803', 80)] },
  ];

  it('keeps the resident’s lines of that date only, without the declaration being edited', () => {
    expect(linesOfResidentDay(declarations, { residentId: 'r1', tradeDate: '2026-03-02' }).map((l) => l.netKg)).toEqual([10, 20, 1]);
    expect(linesOfResidentDay(declarations, { residentId: 'r1', tradeDate: '2026-03-02', excludeId: 'd2' }).map((l) => l.netKg)).toEqual([10]);
  });
});

describe('describeWeightCapProblem', () => {
  it('says the cap, the day so far, the line and the excess in both languages', () => {
    const [problem] = checkWeightCaps({ goodsList, usedLines: [kgLine('0803', 60)], lines: [kgLine('08030020', 45)] });
    if (problem === undefined) throw new Error('expected a problem');
    expect(describeWeightCapProblem(problem)).toEqual({
      zh: '第1行：香蕉（08030020）每人每日限量 100 千克，当日已申报 60 千克，本行 45 千克，超出 5 千克',
      en: 'Line 1: bananas (08030020) is capped at 100 kg per resident per day; 60 kg already declared that day, this line 45 kg, 5 kg over',
    });
  });
});
