import type { Fen } from '../money';
import type { GoodsLine } from '../model/declaration';
import type { GoodsList } from '../model/goods-list';
import type { CentralAssessment, ProcessingPolicy, ProcessingSale } from '../model/processing';
import { fail, ok, type Result } from '../result';
import { findGoodsItem } from './goods-check';

/**
 * A resident sells goods they declared to a processing firm (落地加工). Never more of a
 * goods line than they declared, less what they already sold. Quantities are compared
 * in thousandths (grams for kg goods), so 0.1 + 0.2 kg sold of 0.3 kg leaves nothing.
 */

/** The parts of a declaration a sale reads. HQ's exempt amount, once known, is the one that counts. */
export interface SourceDeclaration {
  id: string;
  portId: string;
  residentId: string;
  lines: readonly Pick<GoodsLine, 'hsCode' | 'name' | 'quantity' | 'unit' | 'valueFen'>[];
  exemptFen: Fen;
  hqExemptFen?: Fen | null;
}

const milli = (quantity: number) => Math.round(quantity * 1000);

export type SaleProblem =
  | { code: 'other_resident' | 'other_declaration' | 'other_port' }
  | { code: 'no_such_line'; line: number; declarationLine: number }
  | {
      code: 'above_declared';
      line: number;
      declarationLine: number;
      name: string;
      unit: string;
      declaredQuantity: number;
      soldBeforeQuantity: number;
      requestedQuantity: number;
      leftQuantity: number;
    };

/** How much of each declared line is already sold, in thousandths, by the sales other than `exceptSaleId`. */
function soldMilli(declarationId: string, sales: readonly ProcessingSale[], exceptSaleId: string): Map<number, number> {
  const sold = new Map<number, number>();
  for (const sale of sales) {
    if (sale.declarationId !== declarationId || sale.id === exceptSaleId) continue;
    for (const line of sale.lines) sold.set(line.declarationLine, (sold.get(line.declarationLine) ?? 0) + milli(line.quantity));
  }
  return sold;
}

/**
 * Everything wrong with `sale` against its declaration and the resident's other sales
 * from it (`earlierSales` may include `sale` itself, e.g. when it is being edited).
 */
export function checkProcessingSale(sale: ProcessingSale, declaration: SourceDeclaration, earlierSales: readonly ProcessingSale[]): SaleProblem[] {
  if (sale.declarationId !== declaration.id) return [{ code: 'other_declaration' }];
  if (sale.residentId !== declaration.residentId) return [{ code: 'other_resident' }];
  if (sale.portId !== declaration.portId) return [{ code: 'other_port' }];
  const sold = soldMilli(declaration.id, earlierSales, sale.id);
  const problems: SaleProblem[] = [];
  sale.lines.forEach((line, index) => {
    const declared = declaration.lines[line.declarationLine];
    if (declared === undefined) {
      problems.push({ code: 'no_such_line', line: index, declarationLine: line.declarationLine });
      return;
    }
    const before = sold.get(line.declarationLine) ?? 0;
    const left = Math.max(0, milli(declared.quantity) - before);
    if (milli(line.quantity) <= left) return;
    problems.push({
      code: 'above_declared',
      line: index,
      declarationLine: line.declarationLine,
      name: declared.name,
      unit: declared.unit,
      declaredQuantity: declared.quantity,
      soldBeforeQuantity: before / 1000,
      requestedQuantity: line.quantity,
      leftQuantity: left / 1000,
    });
  });
  return problems;
}

export function describeSaleProblem(problem: SaleProblem): { zh: string; en: string } {
  switch (problem.code) {
    case 'other_declaration':
      return { zh: '销售记录与所引申报单不符', en: 'the sale names another declaration' };
    case 'other_resident':
      return { zh: '只能销售本人申报的商品', en: 'a resident may sell only goods they declared themselves' };
    case 'other_port':
      return { zh: '销售与申报不在同一口岸', en: 'the sale and the declaration are at different ports' };
    case 'no_such_line':
      return { zh: `第${problem.line + 1}行：申报单没有第${problem.declarationLine + 1}项商品`, en: `Line ${problem.line + 1}: the declaration has no goods line ${problem.declarationLine + 1}` };
    case 'above_declared': {
      const { name, unit, declaredQuantity, soldBeforeQuantity, requestedQuantity, leftQuantity } = problem;
      return {
        zh: `第${problem.line + 1}行：${name} 申报 ${declaredQuantity} ${unit}，已售 ${soldBeforeQuantity} ${unit}，最多还可售 ${leftQuantity} ${unit}，不能销售 ${requestedQuantity} ${unit}`,
        en: `Line ${problem.line + 1}: ${name}: ${declaredQuantity} ${unit} declared, ${soldBeforeQuantity} ${unit} already sold, at most ${leftQuantity} ${unit} left; cannot sell ${requestedQuantity} ${unit}`,
      };
    }
  }
}

/** The sale, or the first thing wrong with it as a `validation` error naming the field. */
export function validateProcessingSale(sale: ProcessingSale, declaration: SourceDeclaration, earlierSales: readonly ProcessingSale[]): Result<ProcessingSale> {
  const [problem] = checkProcessingSale(sale, declaration, earlierSales);
  if (problem === undefined) return ok(sale);
  const text = describeSaleProblem(problem);
  const field = 'line' in problem ? `lines.${problem.line}.${problem.code === 'no_such_line' ? 'declarationLine' : 'quantity'}` : 'declarationId';
  return fail(problem.code === 'other_port' ? 'forbidden' : 'validation', `${text.zh} / ${text.en}`, field);
}

/**
 * The declared value of `quantity` sold out of a declared line after `soldBefore` was
 * sold: the difference of two floored pro-rata shares, so that selling a whole line in
 * any number of pieces adds up to its declared value exactly.
 */
export function saleLineValueFen(declared: Pick<GoodsLine, 'quantity' | 'valueFen'>, soldBefore: number, quantity: number): Fen {
  const total = BigInt(milli(declared.quantity));
  if (total === 0n) return 0;
  const from = BigInt(Math.min(milli(soldBefore), milli(declared.quantity)));
  const to = BigInt(Math.min(milli(soldBefore + quantity), milli(declared.quantity)));
  const value = BigInt(declared.valueFen);
  return Number((value * to) / total - (value * from) / total);
}

export interface ResidentSalesAssessment {
  residentId: string;
  salesFen: Fen;
  /** Value of goods on the allowed list: only these may be exempt. */
  eligibleFen: Fen;
  /** The resident's exempt portion still unused: their declarations' exempt amounts less earlier central declarations'. */
  exemptPortionFen: Fen;
  exemptFen: Fen;
  taxableFen: Fen;
}

export type CentralSalesAssessment = CentralAssessment & { residents: ResidentSalesAssessment[] };

/**
 * The taxable part of a central declaration. Per resident: the sold value of allowed
 * goods up to their exempt portion is exempt, the rest (and all non-exempt goods) is
 * taxable; when the policy taxes processing sales, all of it is taxable.
 */
export function assessCentralDeclaration(input: {
  sales: readonly ProcessingSale[];
  declarations: readonly SourceDeclaration[];
  goodsList: GoodsList;
  policy: ProcessingPolicy;
  /** Exempt portion each resident already used in earlier central declarations. */
  exemptUsedBeforeFen?: Readonly<Record<string, Fen>>;
}): Result<CentralSalesAssessment> {
  const { sales, goodsList, policy } = input;
  const declarations = new Map(input.declarations.map((d) => [d.id, d]));
  const byResident = new Map<string, { salesFen: Fen; eligibleFen: Fen; declarationIds: Set<string> }>();
  for (const [saleIndex, sale] of sales.entries()) {
    const declaration = declarations.get(sale.declarationId);
    if (declaration === undefined || declaration.residentId !== sale.residentId) {
      return fail('not_found', `销售记录引用的申报单不存在 / The sale's declaration is missing`, `sales.${saleIndex}.declarationId`);
    }
    const entry = byResident.get(sale.residentId) ?? { salesFen: 0, eligibleFen: 0, declarationIds: new Set<string>() };
    entry.declarationIds.add(declaration.id);
    for (const [lineIndex, line] of sale.lines.entries()) {
      const declared = declaration.lines[line.declarationLine];
      if (declared === undefined) {
        return fail('not_found', `申报单没有第${line.declarationLine + 1}项商品 / The declaration has no goods line ${line.declarationLine + 1}`, `sales.${saleIndex}.lines.${lineIndex}.declarationLine`);
      }
      entry.salesFen += line.valueFen;
      if (findGoodsItem(goodsList, declared.hsCode)?.list === 'allowed') entry.eligibleFen += line.valueFen;
    }
    byResident.set(sale.residentId, entry);
  }
  const residents: ResidentSalesAssessment[] = [...byResident.entries()].map(([residentId, entry]) => {
    let portion = 0;
    for (const id of entry.declarationIds) {
      const d = declarations.get(id);
      if (d !== undefined) portion += d.hqExemptFen ?? d.exemptFen;
    }
    const exemptPortionFen = Math.max(0, portion - (input.exemptUsedBeforeFen?.[residentId] ?? 0));
    const exemptFen = policy.isSaleTaxable ? 0 : Math.min(entry.eligibleFen, exemptPortionFen);
    return { residentId, salesFen: entry.salesFen, eligibleFen: entry.eligibleFen, exemptPortionFen, exemptFen, taxableFen: entry.salesFen - exemptFen };
  });
  const sum = (pick: (r: ResidentSalesAssessment) => Fen) => residents.reduce((total, r) => total + pick(r), 0);
  return ok({ salesFen: sum((r) => r.salesFen), exemptFen: sum((r) => r.exemptFen), taxableFen: sum((r) => r.taxableFen), policyVersion: policy.version, residents });
}
