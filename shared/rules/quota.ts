import type { Fen } from '../money';
import type { GoodsLine } from '../model/declaration';
import type { DutyFreePolicy, GoodsList } from '../model/goods-list';
import { checkGoodsLines, findGoodsItem, type LineProblem } from './goods-check';

/** 免税额度 left for a resident on a day, given what they already used that day. */
export function quotaLeft(policy: DutyFreePolicy, usedTodayFen: Fen): Fen {
  return Math.max(0, policy.dailyExemptFen - usedTodayFen);
}

export interface Assessment {
  totalFen: Fen;
  /** Value of lines that may count against the duty-free amount. */
  eligibleFen: Fen;
  /** Part that is duty-free: eligible value, up to what is left today. */
  exemptFen: Fen;
  /** Everything else: non-exempt goods plus eligible value above the amount left. */
  taxableFen: Fen;
  leftBeforeFen: Fen;
  leftAfterFen: Fen;
  problems: LineProblem[];
}

/**
 * The quota rule, the same at the desk (what the officer sees before saving) and at HQ
 * (across every point of the port). Lines that are not on the allowed list are reported
 * as problems and never counted as duty-free.
 */
export function assessDeclaration(input: {
  lines: readonly Pick<GoodsLine, 'hsCode' | 'valueFen'>[];
  goodsList: GoodsList;
  policy: DutyFreePolicy;
  usedTodayFen: Fen;
}): Assessment {
  const { lines, goodsList, policy, usedTodayFen } = input;
  let totalFen = 0;
  let eligibleFen = 0;
  for (const line of lines) {
    totalFen += line.valueFen;
    if (findGoodsItem(goodsList, line.hsCode)?.list === 'allowed') eligibleFen += line.valueFen;
  }
  const leftBeforeFen = quotaLeft(policy, usedTodayFen);
  const exemptFen = Math.min(eligibleFen, leftBeforeFen);
  return {
    totalFen,
    eligibleFen,
    exemptFen,
    taxableFen: totalFen - exemptFen,
    leftBeforeFen,
    leftAfterFen: leftBeforeFen - exemptFen,
    problems: checkGoodsLines(goodsList, lines),
  };
}

/**
 * A line's value from quantity and unit price, rounded half up to the fen. The product is
 * first cut to 15 significant digits so that binary noise does not turn a decimal half
 * down (1.005 kg × 100 fen is 100.49999999999999 in floating point, but 100.5 to the officer).
 */
export function lineValueFen(quantity: number, unitPriceFen: Fen): Fen {
  return Math.round(Number((quantity * unitPriceFen).toPrecision(15)));
}
