import type { Change, GroupDeclarationRecord, MutualAidGroup } from '../../../shared/index';
import type { DeskDb } from '../db/desk-db';

/**
 * Mutual-aid groups (互助组, reference data from HQ) and group declarations in the pull,
 * stored in the same transaction as the rest of the page (pull-changes.ts storePage).
 * HQ's state replaces the desk's.
 */
export interface GroupChanges {
  groups: MutualAidGroup[];
  groupDeclarations: GroupDeclarationRecord[];
}

export function groupChangesOf(changes: readonly Change[]): GroupChanges {
  const grouped: GroupChanges = { groups: [], groupDeclarations: [] };
  for (const change of changes) {
    if (change.entity === 'group') grouped.groups.push(change.data);
    else if (change.entity === 'group_declaration') grouped.groupDeclarations.push(change.data);
  }
  return grouped;
}

export const groupTables = (db: DeskDb) => [db.groups, db.groupDeclarations];

export function storeGroupChanges(db: DeskDb, g: GroupChanges): Promise<unknown>[] {
  const writes: Promise<unknown>[] = [];
  if (g.groups.length > 0) writes.push(db.groups.bulkPut(g.groups));
  if (g.groupDeclarations.length > 0) writes.push(db.groupDeclarations.bulkPut(g.groupDeclarations));
  return writes;
}
