import type { WeighedLine } from '../../../shared/index';
import { type DeskDb, refusesRecord } from '../db/desk-db';

/**
 * The lines a resident already declared on a trade date in this desk's records (every
 * point of the port it has pulled), for the goods lists' weight caps (限量). Declarations
 * HQ refused do not count. HQ re-checks with the whole port's day.
 */
export async function usedTodayLines(db: DeskDb, residentId: string, tradeDate: string): Promise<WeighedLine[]> {
  const records = await db.declarations.where('[residentId+tradeDate]').equals([residentId, tradeDate]).toArray();
  if (records.length === 0) return [];
  const refused = new Set(
    (await db.rejections.where('recordId').anyOf(records.map((r) => r.id)).toArray()).filter(refusesRecord).map((r) => r.recordId),
  );
  return records.filter((r) => !refused.has(r.id)).flatMap((r) => r.lines);
}
