import type { Change, Consignment, InspectionOrder, InspectionRecord, Site } from '../../../shared/index';
import type { DeskDb } from '../db/desk-db';

/**
 * Issue 6's pulled records (sites, consignments, inspection orders and records), stored
 * in the same transaction as the rest of the page (pull-changes.ts storePage). HQ's state
 * replaces the desk's: a consignment the desk saved comes back with HQ's flags.
 */
export interface InspectionChanges {
  sites: Site[];
  consignments: Consignment[];
  inspectionOrders: InspectionOrder[];
  inspections: InspectionRecord[];
}

export function inspectionChangesOf(changes: readonly Change[]): InspectionChanges {
  const grouped: InspectionChanges = { sites: [], consignments: [], inspectionOrders: [], inspections: [] };
  for (const change of changes) {
    if (change.entity === 'site') grouped.sites.push(change.data);
    else if (change.entity === 'consignment') grouped.consignments.push(change.data);
    else if (change.entity === 'inspection_order') grouped.inspectionOrders.push(change.data);
    else if (change.entity === 'inspection') grouped.inspections.push(change.data);
  }
  return grouped;
}

export const inspectionTables = (db: DeskDb) => [db.sites, db.consignments, db.inspectionOrders, db.inspections];

export function storeInspectionChanges(db: DeskDb, g: InspectionChanges): Promise<unknown>[] {
  const writes: Promise<unknown>[] = [];
  if (g.sites.length > 0) writes.push(db.sites.bulkPut(g.sites));
  if (g.consignments.length > 0) writes.push(db.consignments.bulkPut(g.consignments));
  if (g.inspectionOrders.length > 0) writes.push(db.inspectionOrders.bulkPut(g.inspectionOrders));
  if (g.inspections.length > 0) writes.push(db.inspections.bulkPut(g.inspections));
  return writes;
}
