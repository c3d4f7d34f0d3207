import {
  type Assessment,
  assessDeclaration,
  checkGoodsLines,
  describeLineProblem,
  type DutyFreePolicy,
  findGoodsItem,
  type GoodsItem,
  type GoodsLine,
  type GoodsList,
  lineValueFen,
  parseYuan,
} from '../../../shared/index';

/** A goods line as typed: text, until it is complete. */
export interface LineInput {
  key: string;
  hsCode: string;
  quantity: string;
  unitPrice: string;
}

/** Origin assumed for mutual-market goods at this border until the form asks for it. */
export const DEFAULT_ORIGIN = 'VN';

export function emptyLine(): LineInput {
  return { key: crypto.randomUUID(), hsCode: '', quantity: '', unitPrice: '' };
}

export function isBlankLine(line: LineInput): boolean {
  return line.hsCode.trim() === '' && line.quantity.trim() === '' && line.unitPrice.trim() === '';
}

function parseQuantity(text: string): number | null {
  const cleaned = text.replace(/[,\s，]/g, '');
  if (!/^\d{1,7}(\.\d{1,3})?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return value > 0 ? value : null;
}

/** A typed line as a goods line, or null while quantity or price is missing or not a number. */
export function toGoodsLine(line: LineInput, list: GoodsList | null): GoodsLine | null {
  const hsCode = line.hsCode.trim();
  const quantity = parseQuantity(line.quantity);
  const unitPriceFen = parseYuan(line.unitPrice);
  if (!/^\d{2,10}$/.test(hsCode) || quantity === null || unitPriceFen === null) return null;
  const item: GoodsItem | null = list === null ? null : findGoodsItem(list, hsCode);
  const unit = item?.unit ?? 'kg';
  const kg = unit === 'kg' ? quantity : 0;
  return {
    hsCode,
    name: item?.name ?? hsCode,
    originCountry: DEFAULT_ORIGIN,
    quantity,
    unit,
    grossKg: kg,
    netKg: kg,
    unitPriceFen,
    valueFen: lineValueFen(quantity, unitPriceFen),
  };
}

export interface EntryCheck {
  /** Over the complete lines; null without a list and policy in force. */
  assessment: Assessment | null;
  /** Goods-list problems, numbered as the officer sees the lines. */
  problems: { line: number; zh: string; en: string }[];
  /** Form positions of lines that are started but not complete. */
  incomplete: number[];
  complete: GoodsLine[];
}

/** What the officer must see before saving: totals, the amount left, and what is wrong. */
export function checkEntry(
  lines: readonly LineInput[],
  list: GoodsList | null,
  policy: DutyFreePolicy | null,
  usedTodayFen: number,
): EntryCheck {
  const complete: GoodsLine[] = [];
  const incomplete: number[] = [];
  const coded: { formIndex: number; hsCode: string }[] = [];
  lines.forEach((line, formIndex) => {
    if (isBlankLine(line)) return;
    const hsCode = line.hsCode.trim();
    if (/^\d{2,10}$/.test(hsCode)) coded.push({ formIndex, hsCode });
    const goods = toGoodsLine(line, list);
    if (goods === null) incomplete.push(formIndex);
    else complete.push(goods);
  });
  if (list === null || policy === null) return { assessment: null, problems: [], incomplete, complete };
  const problems = checkGoodsLines(list, coded).map((problem) => {
    const formIndex = coded[problem.line]?.formIndex ?? problem.line;
    return { line: formIndex, ...describeLineProblem({ ...problem, line: formIndex }) };
  });
  const assessment = assessDeclaration({ lines: complete, goodsList: list, policy, usedTodayFen });
  return { assessment, problems, incomplete, complete };
}

/** Typeahead for the HS code field: code prefix first, then names, at most `limit`. */
export function suggestGoods(list: GoodsList | null, query: string, limit = 8): GoodsItem[] {
  if (list === null) return [];
  const q = query.trim().toLowerCase();
  if (q === '') return list.items.slice(0, limit);
  const byCode = list.items.filter((item) => item.hsCode.startsWith(q) || q.startsWith(item.hsCode));
  const byName = list.items.filter(
    (item) => !byCode.includes(item) && (item.name.includes(q) || item.nameEn.toLowerCase().includes(q)),
  );
  return [...byCode.sort((a, b) => a.hsCode.localeCompare(b.hsCode)), ...byName].slice(0, limit);
}
