import type { CentralDeclarationRecord, Change, DirectTransportRecord, ProcessingFirm, ProcessingPolicy, ProcessingSaleRecord } from '../../../shared/index';
import type { DeskDb } from '../db/desk-db';

/**
 * Landing processing's pulled records (firms, policy versions, sales, central
 * declarations, direct transports), stored in the same transaction as the rest of the page
 * (pull-changes.ts storePage). HQ's state replaces the desk's — except a central
 * declaration or transport with a change still in the outbox: the desk keeps showing its
 * own newer state until HQ has answered it (its answer comes back in a later pull).
 */
export interface ProcessingChanges {
  firms: ProcessingFirm[];
  policies: ProcessingPolicy[];
  sales: ProcessingSaleRecord[];
  centrals: CentralDeclarationRecord[];
  transports: DirectTransportRecord[];
}

export function processingChangesOf(changes: readonly Change[]): ProcessingChanges {
  const g: ProcessingChanges = { firms: [], policies: [], sales: [], centrals: [], transports: [] };
  for (const change of changes) {
    if (change.entity === 'processing_firm') g.firms.push(change.data);
    else if (change.entity === 'processing_policy') g.policies.push(change.data);
    else if (change.entity === 'processing_sale') g.sales.push(change.data);
    else if (change.entity === 'central_declaration') g.centrals.push(change.data);
    else if (change.entity === 'direct_transport') g.transports.push(change.data);
  }
  return g;
}

export const processingTables = (db: DeskDb) => [db.firms, db.processingPolicies, db.processingSales, db.centralDeclarations, db.directTransports];

async function pendingRecordIds(db: DeskDb, types: readonly string[]): Promise<Set<string>> {
  const entries = await db.outbox.where('type').anyOf([...types]).toArray();
  return new Set(entries.map((e) => e.recordId));
}

async function store(db: DeskDb, g: ProcessingChanges): Promise<void> {
  const writes: Promise<unknown>[] = [];
  if (g.firms.length > 0) writes.push(db.firms.bulkPut(g.firms));
  if (g.policies.length > 0) writes.push(db.processingPolicies.bulkPut(g.policies));
  if (g.sales.length > 0) writes.push(db.processingSales.bulkPut(g.sales));
  if (g.centrals.length > 0) {
    const pending = await pendingRecordIds(db, ['central_declaration.event']);
    writes.push(db.centralDeclarations.bulkPut(g.centrals.filter((c) => !pending.has(c.id))));
  }
  if (g.transports.length > 0) {
    const pending = await pendingRecordIds(db, ['direct_transport.arrive']);
    writes.push(db.directTransports.bulkPut(g.transports.filter((t) => !pending.has(t.id))));
  }
  await Promise.all(writes);
}

export function storeProcessingChanges(db: DeskDb, g: ProcessingChanges): Promise<unknown>[] {
  const any = g.firms.length + g.policies.length + g.sales.length + g.centrals.length + g.transports.length;
  return any === 0 ? [] : [store(db, g)];
}
