import Dexie from 'dexie';
import { findGoodsItem, type GoodsList } from '../../../shared/index';
import { type DeskDb, type DeskDeclaration, refusesRecord } from '../db/desk-db';

/**
 * A resident's recent goods (最近商品): the lines they declared lately, offered first in
 * the declaration form so that a repeat declaration is a pick and a quantity. Most
 * residents carry the same few goods across the border day after day.
 */
export interface RecentGoods {
  hsCode: string;
  /** The name as the goods list in force gives it (the declared one when the list has no entry). */
  name: string;
  nameEn: string;
  unit: string;
  /** The unit price of the latest declaration with these goods, to prefill the line. */
  unitPriceFen: number;
  /** Quantity last declared, shown as a hint; the officer types today's. */
  lastQuantity: number;
  lastTradeDate: string;
}

/** How many picks the form offers: one keystroke each (Alt+1…Alt+9). */
export const RECENT_GOODS_LIMIT = 9;
/** How many of the resident's latest declarations are read to find them. */
const DECLARATIONS_READ = 60;

/**
 * Newest first, each HS code once with its latest price; goods the list in force forbids
 * or no longer lists are left out (picking them could only end in a refusal).
 */
export function recentGoodsOf(
  declarations: readonly DeskDeclaration[],
  list: GoodsList | null,
  limit = RECENT_GOODS_LIMIT,
): RecentGoods[] {
  const newestFirst = [...declarations].sort((a, b) =>
    a.tradeDate === b.tradeDate ? b.declaredAt.localeCompare(a.declaredAt) : b.tradeDate.localeCompare(a.tradeDate),
  );
  const seen = new Set<string>();
  const picks: RecentGoods[] = [];
  for (const declaration of newestFirst) {
    for (const line of declaration.lines) {
      if (seen.has(line.hsCode)) continue;
      seen.add(line.hsCode);
      const item = list === null ? null : findGoodsItem(list, line.hsCode);
      if (list !== null && (item === null || item.list === 'negative')) continue;
      picks.push({
        hsCode: line.hsCode,
        name: item?.name ?? line.name,
        nameEn: item?.nameEn || (item?.name ?? line.name),
        unit: item?.unit ?? line.unit,
        unitPriceFen: line.unitPriceFen,
        lastQuantity: line.quantity,
        lastTradeDate: declaration.tradeDate,
      });
      if (picks.length === limit) return picks;
    }
  }
  return picks;
}

/** The resident's recent goods from this desk's records (their own and those pulled from the port), refused ones left out. */
export async function recentGoods(db: DeskDb, residentId: string, list: GoodsList | null): Promise<RecentGoods[]> {
  const records = await db.declarations
    .where('[residentId+tradeDate]')
    .between([residentId, Dexie.minKey], [residentId, Dexie.maxKey])
    .reverse()
    .limit(DECLARATIONS_READ)
    .toArray();
  if (records.length === 0) return [];
  const refused = new Set(
    (await db.rejections.where('recordId').anyOf(records.map((r) => r.id)).toArray()).filter(refusesRecord).map((r) => r.recordId),
  );
  return recentGoodsOf(
    records.filter((r) => !refused.has(r.id)),
    list,
  );
}

/** Fen as the price field takes it: "30", "12.5" → "12.50". */
export function priceText(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`;
}
