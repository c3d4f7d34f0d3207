import type { GoodsLine } from '../model/declaration';
import type { GoodsList } from '../model/goods-list';
import { findGoodsItem } from './goods-check';

/**
 * 限量: some goods are capped by weight per resident per day (goodsItem.weightCapKg)
 * rather than by value. Every line whose HS code falls under a capped entry (longest
 * prefix, as for the lists) counts towards that entry's cap, over all of the resident's
 * declarations of the trade date. Weights are summed in whole grams so that 0.1 + 0.2 kg
 * is 300 g, exactly.
 */

export type WeighedLine = Pick<GoodsLine, 'hsCode' | 'quantity' | 'unit' | 'netKg'>;

const KG_UNITS: readonly string[] = ['kg', 'KG', 'Kg', '千克', '公斤'];

/**
 * The weight a line counts for: its net weight, or its quantity when that is in kg and
 * larger, so that a line with the net weight left at 0 cannot slip past the cap.
 */
export function countedGrams(line: WeighedLine): number {
  const quantityGrams = KG_UNITS.includes(line.unit) ? Math.round(line.quantity * 1000) : 0;
  return Math.max(Math.round(line.netKg * 1000), quantityGrams);
}

export interface WeightCapProblem {
  code: 'weight_cap_exceeded';
  /** Index of the line in the declaration being checked. */
  line: number;
  hsCode: string;
  /** The goods-list entry that carries the cap (may be a shorter prefix than the line's code). */
  capHsCode: string;
  name: string;
  nameEn: string;
  capKg: number;
  /** Already counted that day before this line: earlier declarations, then earlier lines of this one. */
  usedBeforeKg: number;
  lineKg: number;
  overByKg: number;
}

export interface WeightCapUsage {
  capHsCode: string;
  name: string;
  capKg: number;
  usedKg: number;
  leftKg: number;
}

const kg = (grams: number) => grams / 1000;

const CAPPED = new WeakMap<GoodsList, boolean>();

/**
 * Whether any entry of the list carries a weight cap, remembered per list object: HQ asks
 * for every declaration of a push, and a list without caps (the usual case) then costs
 * nothing more than a lookup.
 */
export function hasWeightCaps(goodsList: GoodsList): boolean {
  let capped = CAPPED.get(goodsList);
  if (capped === undefined) {
    capped = goodsList.items.some((item) => item.weightCapKg != null);
    CAPPED.set(goodsList, capped);
  }
  return capped;
}

/** How much of each cap the lines use, for the entries that have a cap and are touched at all. */
export function weightCapUsage(goodsList: GoodsList, lines: readonly WeighedLine[]): WeightCapUsage[] {
  const used = new Map<string, { name: string; capGrams: number; grams: number }>();
  for (const line of lines) {
    const item = findGoodsItem(goodsList, line.hsCode);
    if (item?.weightCapKg == null) continue;
    const entry = used.get(item.hsCode) ?? { name: item.name, capGrams: Math.round(item.weightCapKg * 1000), grams: 0 };
    entry.grams += countedGrams(line);
    used.set(item.hsCode, entry);
  }
  return [...used.entries()].map(([capHsCode, entry]) => ({
    capHsCode,
    name: entry.name,
    capKg: kg(entry.capGrams),
    usedKg: kg(entry.grams),
    leftKg: kg(Math.max(0, entry.capGrams - entry.grams)),
  }));
}

/**
 * Each line of `lines` that would take its cap over, given what `usedLines` (the
 * resident's other declarations that trade date) already count. Lines are counted in
 * order, so a second line of the same goods sees the first.
 */
export function checkWeightCaps(input: {
  goodsList: GoodsList;
  usedLines: readonly WeighedLine[];
  lines: readonly WeighedLine[];
}): WeightCapProblem[] {
  const { goodsList, usedLines, lines } = input;
  const usedGrams = new Map<string, number>();
  const count = (capHsCode: string, grams: number) => usedGrams.set(capHsCode, (usedGrams.get(capHsCode) ?? 0) + grams);
  for (const line of usedLines) {
    const item = findGoodsItem(goodsList, line.hsCode);
    if (item?.weightCapKg != null) count(item.hsCode, countedGrams(line));
  }
  const problems: WeightCapProblem[] = [];
  lines.forEach((line, index) => {
    const item = findGoodsItem(goodsList, line.hsCode);
    if (item?.weightCapKg == null) return;
    const capGrams = Math.round(item.weightCapKg * 1000);
    const before = usedGrams.get(item.hsCode) ?? 0;
    const grams = countedGrams(line);
    count(item.hsCode, grams);
    if (before + grams <= capGrams) return;
    problems.push({
      code: 'weight_cap_exceeded',
      line: index,
      hsCode: line.hsCode,
      capHsCode: item.hsCode,
      name: item.name,
      nameEn: item.nameEn,
      capKg: kg(capGrams),
      usedBeforeKg: kg(before),
      lineKg: kg(grams),
      overByKg: kg(before + grams - capGrams),
    });
  });
  return problems;
}

/** The lines a resident already declared on a trade date, this declaration excluded (it may be an edit). */
export function linesOfResidentDay<L extends WeighedLine>(
  declarations: readonly { id: string; residentId: string; tradeDate: string; lines: readonly L[] }[],
  query: { residentId: string; tradeDate: string; excludeId?: string },
): L[] {
  return declarations
    .filter((d) => d.residentId === query.residentId && d.tradeDate === query.tradeDate && d.id !== query.excludeId)
    .flatMap((d) => d.lines);
}

export function describeWeightCapProblem(problem: WeightCapProblem): { zh: string; en: string } {
  const n = problem.line + 1;
  const { name, nameEn, hsCode, capKg, usedBeforeKg, lineKg, overByKg } = problem;
  return {
    zh: `第${n}行：${name}（${hsCode}）每人每日限量 ${capKg} 千克，当日已申报 ${usedBeforeKg} 千克，本行 ${lineKg} 千克，超出 ${overByKg} 千克`,
    en: `Line ${n}: ${nameEn || name} (${hsCode}) is capped at ${capKg} kg per resident per day; ${usedBeforeKg} kg already declared that day, this line ${lineKg} kg, ${overByKg} kg over`,
  };
}
