import type { Officer } from '../../../shared/index';
import type { DeskConflict, DeskDb, DeskDeclaration } from '../db/desk-db';

/** How many flagged declarations the queue lists (newest trade dates first). */
export const FLAGGED_SHOWN = 200;

export interface ConflictRow {
  conflict: DeskConflict;
  /** The declaration in conflict, when this desk holds it. */
  record: DeskDeclaration | null;
}

export interface ReviewQueue {
  /** Open conflicts and those being resolved, oldest first. */
  conflicts: ConflictRow[];
  flagged: DeskDeclaration[];
  /** The port's officers by id, to name who made each side. */
  officers: Map<string, Officer>;
}

/** The review queue (复核队列): what a supervisor looks at, read in one transaction. */
export async function reviewQueue(db: DeskDb): Promise<ReviewQueue> {
  return db.transaction('r', db.conflicts, db.declarations, db.officers, async () => {
    const [conflicts, flagged, officers] = await Promise.all([
      db.conflicts.where('status').anyOf('open', 'resolving').toArray(),
      // Sparse index: only records HQ flagged carry `flaggedOn`.
      db.declarations.orderBy('flaggedOn').reverse().limit(FLAGGED_SHOWN).toArray(),
      db.officers.toArray(),
    ]);
    conflicts.sort((a, b) => a.detectedAt.localeCompare(b.detectedAt) || a.id.localeCompare(b.id));
    const records = await db.declarations.bulkGet(conflicts.map((c) => c.recordId));
    return {
      conflicts: conflicts.map((conflict, index) => ({ conflict, record: records[index] ?? null })),
      flagged,
      officers: new Map(officers.map((o) => [o.id, o])),
    };
  });
}

/** Conflicts waiting for a supervisor (the header's badge). */
export function openConflictCount(db: DeskDb): Promise<number> {
  return db.conflicts.where('status').equals('open').count();
}
