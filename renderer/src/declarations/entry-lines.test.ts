import { describe, expect, it } from 'vitest';
import * as demo from '../testing/demo-data';
import { checkEntry, emptyLine, type LineInput, suggestGoods, toGoodsLine } from './entry-lines';

function line(hsCode: string, quantity: string, unitPrice: string): LineInput {
  return { ...emptyLine(), hsCode, quantity, unitPrice };
}

describe('toGoodsLine', () => {
  it('turns typed text into a goods line with its value in fen', () => {
    expect(toGoodsLine(line('0801', '12.5', '36.80'), demo.goodsList)).toMatchObject({
      name: '坚果',
      unit: 'kg',
      netKg: 12.5,
      unitPriceFen: 3680,
      valueFen: 46_000,
    });
    expect(toGoodsLine(line('0801', '', '3'), demo.goodsList)).toBeNull();
    expect(toGoodsLine(line('0801', '0', '3'), demo.goodsList)).toBeNull();
  });
});

describe('checkEntry', () => {
  it('shows the amount left and the taxable part across lines', () => {
    const check = checkEntry(
      [line('0801', '100', '50'), line('2208', '2', '100'), emptyLine()],
      demo.goodsList,
      demo.policy,
      500_000,
    );
    // 5,000 yuan of nuts (3,000 left today) + 200 yuan of spirits (never duty-free).
    expect(check.assessment).toMatchObject({ totalFen: 520_000, exemptFen: 300_000, taxableFen: 220_000, leftAfterFen: 0 });
    expect(check.problems).toEqual([]);
    expect(check.incomplete).toEqual([]);
  });

  it('names a negative-list line by its position in the form, before quantity is typed', () => {
    const check = checkEntry([line('0801', '1', '1'), emptyLine(), line('4001', '', '')], demo.goodsList, demo.policy, 0);
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]?.line).toBe(2);
    expect(check.problems[0]?.zh).toContain('第3行');
    expect(check.problems[0]?.zh).toContain('负面清单');
    expect(check.incomplete).toEqual([2]);
  });
});

describe('suggestGoods', () => {
  it('offers codes by prefix and goods by name', () => {
    expect(suggestGoods(demo.goodsList, '08').map((i) => i.hsCode)).toEqual(['0801', '0803']);
    expect(suggestGoods(demo.goodsList, 'coffee').map((i) => i.hsCode)).toEqual(['0901']);
    expect(suggestGoods(demo.goodsList, '香蕉').map((i) => i.hsCode)).toEqual(['0803']);
  });
});
