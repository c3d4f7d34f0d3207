import { type Fen, formatFen } from '../money';
import type { CentralAssessment, ProcessingSale, ProcessingSaleLine } from '../model/processing';
import type { ProcessingFlag } from '../model/processing-record';
import { fail, ok, type Result } from '../result';
import { checkProcessingSale, describeSaleProblem, type SourceDeclaration, saleLineValueFen, validateProcessingSale } from './processing-sale';

/**
 * Landing-processing decisions made the same way by the desk and by HQ: what a line sold
 * is worth, and HQ's verdict on a sale the desk made offline (DESIGN.md promise 4).
 */

/** How much of each declared line `sales` sold (their own quantities, in order). */
function soldBefore(declarationId: string, sales: readonly ProcessingSale[], exceptSaleId: string): Map<number, number> {
  const sold = new Map<number, number>();
  for (const sale of sales) {
    if (sale.declarationId !== declarationId || sale.id === exceptSaleId) continue;
    for (const line of sale.lines) sold.set(line.declarationLine, Math.round(((sold.get(line.declarationLine) ?? 0) + line.quantity) * 1000) / 1000);
  }
  return sold;
}

/**
 * The sale's lines with their value for tax (saleLineValueFen after what `earlierSales`
 * of the same declaration sold): the value the desk writes, and HQ expects, for each line.
 * A line naming no declared line is worth 0 (the sale is refused for it anyway).
 */
export function pricedSaleLines(
  saleId: string,
  lines: readonly Pick<ProcessingSaleLine, 'declarationLine' | 'quantity'>[],
  declaration: SourceDeclaration,
  earlierSales: readonly ProcessingSale[],
): ProcessingSaleLine[] {
  const sold = soldBefore(declaration.id, earlierSales, saleId);
  return lines.map((line) => {
    const declared = declaration.lines[line.declarationLine];
    const valueFen: Fen = declared === undefined ? 0 : saleLineValueFen(declared, sold.get(line.declarationLine) ?? 0, line.quantity);
    return { declarationLine: line.declarationLine, quantity: line.quantity, valueFen };
  });
}

/** What is left to sell of each declared line after `sales` (never below 0), by line index. */
export function leftToSell(declaration: SourceDeclaration, sales: readonly ProcessingSale[]): number[] {
  const sold = soldBefore(declaration.id, sales, '');
  return declaration.lines.map((line, index) => Math.max(0, Math.round((line.quantity - (sold.get(index) ?? 0)) * 1000) / 1000));
}

/**
 * HQ's verdict on a sale. `heldSales` are every other sale of the declaration HQ holds;
 * `countedSaleIds` (lower case) those the desk counted when it decided. A sale above what was declared
 * even by the desk's own count is refused with the shared message (HQ's figures); one
 * whose values are not the declared values pro rata is refused naming the line; one
 * above only because of sales the desk could not see (another desk's, offline) is kept
 * and FLAGGED `oversold_elsewhere` with the reason.
 */
export function assessSaleAtHq(input: {
  sale: ProcessingSale;
  declaration: SourceDeclaration;
  heldSales: readonly ProcessingSale[];
  countedSaleIds: ReadonlySet<string>;
  now: Date;
}): Result<{ flags: ProcessingFlag[] }> {
  const { sale, declaration, heldSales, countedSaleIds, now } = input;
  const counted = heldSales.filter((s) => countedSaleIds.has(s.id.toLowerCase()));
  if (!validateProcessingSale(sale, declaration, counted).ok) {
    const refused = validateProcessingSale(sale, declaration, heldSales);
    return refused.ok ? ok({ flags: [] }) : refused;
  }
  const expected = pricedSaleLines(sale.id, sale.lines, declaration, counted);
  for (const [index, line] of sale.lines.entries()) {
    const want = expected[index]?.valueFen ?? 0;
    if (line.valueFen !== want) {
      return fail('validation', `第${index + 1}行：金额应为申报金额按数量折算（${want} 分），不是 ${line.valueFen} 分 / Line ${index + 1}: the value must be the declared value pro rata (${want} fen), not ${line.valueFen} fen`, `lines.${index}.valueFen`);
    }
  }
  const problems = checkProcessingSale(sale, declaration, heldSales);
  if (problems.length === 0) return ok({ flags: [] });
  const texts = problems.map(describeSaleProblem);
  const at = now.toISOString();
  return ok({
    flags: [
      {
        code: 'oversold_elsewhere',
        message: `另一柜台已售出部分商品（本柜台当时未见）：${texts.map((t) => t.zh).join('；')}`,
        messageEn: `Another desk sold some of these goods meanwhile (not seen here): ${texts.map((t) => t.en).join('; ')}`,
        at,
      },
    ],
  });
}

/**
 * HQ's tax assessment of a central declaration against the desk's: HQ's is the one kept
 * (its records count); when the two differ, a flag `assessment_differs` names both.
 */
export function compareAssessments(desk: CentralAssessment, hq: CentralAssessment, now: Date): ProcessingFlag[] {
  if (desk.salesFen === hq.salesFen && desk.exemptFen === hq.exemptFen && desk.taxableFen === hq.taxableFen && desk.policyVersion === hq.policyVersion) return [];
  const show = (a: CentralAssessment) => `${formatFen(a.salesFen)} / ${formatFen(a.exemptFen)} / ${formatFen(a.taxableFen)} (v${a.policyVersion})`;
  return [
    {
      code: 'assessment_differs',
      message: `HQ 核定的销售/免税/应税金额为 ${show(hq)}，柜台为 ${show(desk)}，以 HQ 为准`,
      messageEn: `HQ assessed sales / exempt / taxable as ${show(hq)}, the desk ${show(desk)}: HQ's is kept`,
      at: now.toISOString(),
    },
  ];
}

/**
 * How much of each declaration's exempt amount an assessment used: each resident's exempt
 * part laid over the lines they sold, in the order of the sales, up to each line's value,
 * and counted against the declaration the line came from. Kept with the central
 * declaration, so that a later one selling from the same declaration does not exempt it twice.
 */
export function exemptUsedByDeclaration(residents: readonly { residentId: string; exemptFen: Fen }[], sales: readonly ProcessingSale[]): Record<string, Fen> {
  const left = new Map(residents.map((r) => [r.residentId, r.exemptFen]));
  const used: Record<string, Fen> = {};
  for (const sale of sales) {
    for (const line of sale.lines) {
      const rest = left.get(sale.residentId) ?? 0;
      const take = Math.min(rest, line.valueFen);
      if (take <= 0) continue;
      left.set(sale.residentId, rest - take);
      used[sale.declarationId] = (used[sale.declarationId] ?? 0) + take;
    }
  }
  return used;
}

/**
 * The exempt portion each resident of a bundle already used in earlier central
 * declarations (their `exemptByDeclaration`), counting only the declarations this
 * bundle sells from: what assessCentralDeclaration takes as `exemptUsedBeforeFen`.
 */
export function exemptUsedBefore(bundleSales: readonly ProcessingSale[], earlier: readonly { exemptByDeclaration?: Readonly<Record<string, Fen>> | undefined }[]): Record<string, Fen> {
  const declarationsOf = new Map<string, Set<string>>();
  for (const sale of bundleSales) declarationsOf.set(sale.residentId, (declarationsOf.get(sale.residentId) ?? new Set<string>()).add(sale.declarationId));
  const used: Record<string, Fen> = {};
  for (const [residentId, declarations] of declarationsOf) {
    let sum = 0;
    for (const c of earlier) for (const d of declarations) sum += c.exemptByDeclaration?.[d] ?? 0;
    if (sum > 0) used[residentId] = sum;
  }
  return used;
}
