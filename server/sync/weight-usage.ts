import { type DeclarationDraft, type GoodsList, hasWeightCaps, type WeighedLine } from '../../shared/index';
import type { Queryable } from '../db/db';
import { keyList } from '../db/json-param';
import { type PushContext, usageKey } from './push-outcome';

/**
 * The port-wide weighed lines of each resident and trade date a push's creates name, for
 * the goods lists' weight caps (限量) that assessAtHq re-checks. Read like the duty-free
 * usage (push-load.ts): one correlated probe of the day index per (resident, date) pair,
 * and only for the dates whose list in force caps anything. A list without caps (the
 * usual case) costs no query and no work per declaration: the map is then null.
 */
export async function loadUsedLines(
  tx: Queryable,
  portId: string,
  keys: readonly { resident_id: string; trade_date: string }[],
  goodsListOn: (date: string) => GoodsList | null,
): Promise<Map<string, WeighedLine[]> | null> {
  const capped = keys.filter((k) => {
    const list = goodsListOn(k.trade_date);
    return list !== null && hasWeightCaps(list);
  });
  if (capped.length === 0) return null;
  const rows = await tx.query<{ resident_id: string; trade_date: string; lines: WeighedLine[] }>(
    `SELECT k.resident_id::text AS resident_id, k.trade_date::text AS trade_date, d.lines
     FROM unnest(string_to_array($2::text, ',')::uuid[], string_to_array($3::text, ',')::date[]) AS k(resident_id, trade_date)
     CROSS JOIN LATERAL (
       SELECT d.data->'lines' AS lines FROM declarations d
       WHERE d.port_id = $1 AND d.trade_date = k.trade_date AND d.resident_id = k.resident_id
     ) AS d`,
    [portId, keyList(capped.map((k) => k.resident_id)), keyList(capped.map((k) => k.trade_date))],
  );
  const used = new Map<string, WeighedLine[]>(capped.map((k) => [usageKey(k.resident_id, k.trade_date), []]));
  for (const row of rows) used.get(usageKey(row.resident_id, row.trade_date))?.push(...row.lines);
  return used;
}

/** The port's lines of the draft's resident that day, or undefined when its list has no caps. */
export function usedLinesOf(context: Pick<PushContext, 'usedLines'>, draft: DeclarationDraft): readonly WeighedLine[] | undefined {
  return context.usedLines?.get(usageKey(draft.residentId, draft.tradeDate));
}

/** An applied create's lines count towards the caps of the batch's later declarations. */
export function countUsedLines(context: Pick<PushContext, 'usedLines'>, draft: DeclarationDraft): void {
  context.usedLines?.get(usageKey(draft.residentId, draft.tradeDate))?.push(...draft.lines);
}
