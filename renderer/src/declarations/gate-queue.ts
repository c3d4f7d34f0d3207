import type { DeskDb, DeskDeclaration } from '../db/desk-db';

/**
 * The gate's queue (卡口待放行): declarations that may be released now — reviewed and not
 * chosen for inspection, or inspected — read through the `status` index (Dexie v5), not
 * by scanning the day's records. Oldest first: the gate serves them in the order they came.
 */
export async function gateQueue(db: DeskDb): Promise<DeskDeclaration[]> {
  const ready = await db.declarations.where('status').anyOf(['reviewed', 'inspected']).toArray();
  return ready
    .filter((d) => d.status === 'inspected' || d.isChosenForInspection !== true)
    .sort((a, b) => (a.declaredAt < b.declaredAt ? -1 : a.declaredAt > b.declaredAt ? 1 : 0));
}
