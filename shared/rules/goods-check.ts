import type { GoodsItem, GoodsList } from '../model/goods-list';

/** On a tie (one prefix on two lists) the stricter list wins, so a list error never lets forbidden goods through. */
const STRICTNESS: Record<GoodsItem['list'], number> = { allowed: 0, non_exempt: 1, negative: 2 };

/** The goods-list entry for an HS code: the longest prefix that matches. */
export function findGoodsItem(list: GoodsList, hsCode: string): GoodsItem | null {
  let best: GoodsItem | null = null;
  for (const item of list.items) {
    if (!hsCode.startsWith(item.hsCode)) continue;
    if (
      best === null ||
      item.hsCode.length > best.hsCode.length ||
      (item.hsCode.length === best.hsCode.length && STRICTNESS[item.list] > STRICTNESS[best.list])
    ) {
      best = item;
    }
  }
  return best;
}

export type LineProblem =
  | { line: number; code: 'goods_forbidden'; hsCode: string; name: string; /** For the English half of the message. */ nameEn?: string }
  | { line: number; code: 'goods_not_listed'; hsCode: string };

/**
 * Checks each line's HS code against the goods list in force. A negative-list match
 * wins over an allowed prefix only when it is at least as specific (longest prefix).
 */
export function checkGoodsLines(list: GoodsList, lines: readonly { hsCode: string }[]): LineProblem[] {
  const problems: LineProblem[] = [];
  lines.forEach((line, index) => {
    const item = findGoodsItem(list, line.hsCode);
    if (item === null) problems.push({ line: index, code: 'goods_not_listed', hsCode: line.hsCode });
    else if (item.list === 'negative') {
      problems.push({ line: index, code: 'goods_forbidden', hsCode: line.hsCode, name: item.name, nameEn: item.nameEn });
    }
  });
  return problems;
}

export function describeLineProblem(problem: LineProblem): { zh: string; en: string } {
  const n = problem.line + 1;
  if (problem.code === 'goods_forbidden') {
    return {
      zh: `第${n}行：${problem.name}（${problem.hsCode}）在负面清单上，不得以边民互市方式进口`,
      en: `Line ${n}: ${problem.nameEn || problem.name} (${problem.hsCode}) is on the negative list and may not be imported as mutual-market trade`,
    };
  }
  return {
    zh: `第${n}行：商品编码 ${problem.hsCode} 不在准入商品清单内`,
    en: `Line ${n}: HS code ${problem.hsCode} is not on the allowed goods list`,
  };
}
