import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GoodsItem, GoodsList } from '../model/goods-list';
import { checkGoodsLines, describeLineProblem, findGoodsItem } from './goods-check';

const item = (hsCode: string, list: GoodsItem['list'], name = `goods ${hsCode}`): GoodsItem => ({
  hsCode,
  name,
  nameEn: name,
  list,
  weightCapKg: null,
  unit: 'kg',
});
const listOf = (items: GoodsItem[]): GoodsList => ({
  id: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  portId: 'DONGXING',
  version: 1,
  effectiveFrom: '2020-01-01',
  items,
});

const list = listOf([
  item('44', 'allowed', '木及木制品'), // wood and articles of wood, broadly allowed…
  item('4403', 'negative', '原木'), // …but logs are on the negative list
  item('440320', 'allowed', '针叶木原木样品'), // and a still narrower allowed exception inside 4403
  item('0801', 'allowed', '坚果'),
  item('2208', 'non_exempt', '烈酒'),
  item('4001', 'negative', '天然橡胶'),
]);

describe('findGoodsItem', () => {
  it('takes the longest matching prefix', () => {
    expect(findGoodsItem(list, '4407100000')?.hsCode).toBe('44');
    expect(findGoodsItem(list, '44031000')?.hsCode).toBe('4403');
    expect(findGoodsItem(list, '4403')?.hsCode).toBe('4403');
    expect(findGoodsItem(list, '4403201000')?.hsCode).toBe('440320');
    expect(findGoodsItem(list, '08011100')?.list).toBe('allowed');
  });

  it('does not depend on the order of the list', () => {
    const reversed = listOf([...list.items].reverse());
    for (const code of ['4407100000', '44031000', '4403201000', '08011100', '22084000', '9999']) {
      expect(findGoodsItem(reversed, code)).toEqual(findGoodsItem(list, code));
    }
  });

  it('is null for codes no entry covers, including codes shorter than an entry', () => {
    expect(findGoodsItem(list, '9403')).toBeNull();
    expect(findGoodsItem(list, '08')).toBeNull(); // "08" is not "0801"
    expect(findGoodsItem(list, '4')).toBeNull();
    expect(findGoodsItem(listOf([]), '0801')).toBeNull();
  });

  it('lets the stricter list win when one prefix appears on two lists, whatever the order', () => {
    const both = [item('4403', 'allowed'), item('4403', 'negative')];
    expect(findGoodsItem(listOf(both), '44031000')?.list).toBe('negative');
    expect(findGoodsItem(listOf([...both].reverse()), '44031000')?.list).toBe('negative');
    const exemptOrNot = [item('2208', 'allowed'), item('2208', 'non_exempt')];
    expect(findGoodsItem(listOf(exemptOrNot), '22084000')?.list).toBe('non_exempt');
    expect(findGoodsItem(listOf([...exemptOrNot].reverse()), '22084000')?.list).toBe('non_exempt');
  });
});

describe('checkGoodsLines', () => {
  it('reports negative-list and unlisted lines by their index, in order, and nothing else', () => {
    const problems = checkGoodsLines(list, [
      { hsCode: '08011100' },
      { hsCode: '44031000' },
      { hsCode: '22084000' }, // non-exempt goods may be traded: not a problem
      { hsCode: '9403' },
      { hsCode: '4403201000' },
      { hsCode: '40011000' },
    ]);
    expect(problems).toEqual([
      { line: 1, code: 'goods_forbidden', hsCode: '44031000', name: '原木', nameEn: '原木' },
      { line: 3, code: 'goods_not_listed', hsCode: '9403' },
      { line: 5, code: 'goods_forbidden', hsCode: '40011000', name: '天然橡胶', nameEn: '天然橡胶' },
    ]);
  });

  it('has nothing to say about an empty declaration or a clean one', () => {
    expect(checkGoodsLines(list, [])).toEqual([]);
    expect(checkGoodsLines(list, [{ hsCode: '0801' }, { hsCode: '4420' }])).toEqual([]);
  });

  it('flags a line exactly when its best entry is missing or negative', () => {
    const codeArb = fc.stringMatching(/^(44|4403|440320|0801|2208|4001|9403|12)\d{0,4}$/);
    fc.assert(
      fc.property(fc.array(codeArb.map((hsCode) => ({ hsCode })), { maxLength: 20 }), (lines) => {
        const flagged = new Set(checkGoodsLines(list, lines).map((p) => p.line));
        lines.forEach((line, index) => {
          const found = findGoodsItem(list, line.hsCode);
          expect(flagged.has(index)).toBe(found === null || found.list === 'negative');
        });
      }),
    );
  });
});

describe('describeLineProblem', () => {
  it('names the line (counted from 1), the goods and the HS code in Chinese and English', () => {
    const text = describeLineProblem({ line: 2, code: 'goods_forbidden', hsCode: '44031000', name: '原木' });
    expect(text.zh).toContain('第3行');
    expect(text.zh).toContain('44031000');
    expect(text.zh).toContain('原木');
    expect(text.zh).toContain('负面清单');
    expect(text.en).toContain('Line 3');
    expect(text.en).toContain('44031000');
    expect(text.en).toContain('negative list');
  });

  it('names the goods in English in the English half when the list gives an English name', () => {
    const text = describeLineProblem({ line: 0, code: 'goods_forbidden', hsCode: '9403', name: '木家具', nameEn: 'Wooden furniture' });
    expect(text.zh).toContain('木家具（9403）');
    expect(text.en).toContain('Line 1: Wooden furniture (9403)');
    expect(text.en).not.toContain('木家具');
  });

  it('says an unlisted code is not on the allowed list', () => {
    const text = describeLineProblem({ line: 0, code: 'goods_not_listed', hsCode: '9403' });
    expect(text.zh).toContain('第1行');
    expect(text.zh).toContain('9403');
    expect(text.zh).toContain('不在准入商品清单内');
    expect(text.en).toContain('Line 1');
    expect(text.en).toContain('9403');
    expect(text.en).toContain('not on the allowed goods list');
  });
});
