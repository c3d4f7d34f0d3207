import { type Change, DEFAULT_PULL_LIMIT, type PullResponse, type TwoStepPolicy, type TwoStepRecord } from '../../../shared/index';
import { type DeskConflict, type DeskDb, type DeskDeclaration, META, type OutboxEntry } from '../db/desk-db';
import { withChanges } from '../declarations/edit-declaration';
import { gatePolicyChangesOf, withPendingEvents } from '../declarations/declaration-event';
import { inspectionChangesOf, inspectionTables, storeInspectionChanges } from '../inspections/pull-inspections';
import { processingChangesOf, processingTables, storeProcessingChanges } from '../processing/pull-processing';
import { groupChangesOf, groupTables, storeGroupChanges } from '../groups/pull-groups';
import { withPendingTwoStep } from '../twostep/pending-two-step';
import type { HqClient } from './hq-client';
import type { HttpResult } from './http';
import type { OnProgress } from './progress';

/** Page size the desk asks for (HQ serves 1 to MAX_PULL_LIMIT; 5,000 measured no faster). */
export const PULL_PAGE_SIZE = DEFAULT_PULL_LIMIT;

export interface PullSummary {
  changes: number;
  pages: number;
  cursor: number;
}

export async function readPullCursor(db: DeskDb): Promise<number> {
  const value = (await db.meta.get(META.pullCursor))?.value;
  return typeof value === 'number' ? value : 0;
}

/**
 * Pulls the port's changes after the stored cursor, page by page. Each page is stored
 * with its cursor in one transaction, so an interrupted pull resumes where it stopped.
 * The next page is requested while the current one is written: the network and parsing
 * overlap with IndexedDB instead of waiting for it.
 */
export async function pullChanges(
  db: DeskDb,
  client: HqClient,
  onProgress?: OnProgress,
  limit = PULL_PAGE_SIZE,
): Promise<HttpResult<PullSummary>> {
  const summary: PullSummary = { changes: 0, pages: 0, cursor: await readPullCursor(db) };
  onProgress?.({ phase: 'pull', done: 0, total: null });
  let next = client.pull(summary.cursor, limit);
  for (;;) {
    const answer = await next;
    if (!answer.ok) return answer;
    const page = answer.data;
    // A page that does not move the cursor forward would loop for ever: stop after it.
    const more = page.hasMore && page.cursor > summary.cursor;
    if (more) next = client.pull(page.cursor, limit);
    await storePage(db, page);
    summary.changes += page.changes.length;
    summary.pages++;
    summary.cursor = page.cursor;
    onProgress?.({ phase: 'pull', done: summary.changes, total: more ? null : summary.changes });
    if (!more) break;
  }
  return { ok: true, data: summary };
}

interface Grouped {
  declarations: DeskDeclaration[];
  residents: Extract<Change, { entity: 'resident' }>['data'][];
  marketPoints: Extract<Change, { entity: 'market_point' }>['data'][];
  goodsLists: Extract<Change, { entity: 'goods_list' }>['data'][];
  policies: Extract<Change, { entity: 'policy' }>['data'][];
  officers: Extract<Change, { entity: 'officer' }>['data'][];
  conflicts: DeskConflict[];
  twoStepEntries: TwoStepRecord[];
  twoStepPolicies: TwoStepPolicy[];
}

function group(changes: Change[]): Grouped {
  const grouped: Grouped = { declarations: [], residents: [], marketPoints: [], goodsLists: [], policies: [], officers: [], conflicts: [], twoStepEntries: [], twoStepPolicies: [] };
  for (const change of changes) {
    switch (change.entity) {
      case 'declaration':
        // Flagged records carry their index key (only they: the others are stored as pulled).
        grouped.declarations.push(change.data.flags.length > 0 ? { ...change.data, flaggedOn: change.data.tradeDate } : change.data);
        break;
      case 'resident':
        grouped.residents.push(change.data);
        break;
      case 'market_point':
        grouped.marketPoints.push(change.data);
        break;
      case 'goods_list':
        grouped.goodsLists.push(change.data);
        break;
      case 'policy':
        grouped.policies.push(change.data);
        break;
      case 'officer':
        grouped.officers.push(change.data);
        break;
      case 'conflict':
        grouped.conflicts.push(change.data);
        break;
      case 'two_step_entry':
        grouped.twoStepEntries.push(change.data);
        break;
      case 'two_step_policy':
        grouped.twoStepPolicies.push(change.data);
        break;
    }
  }
  return grouped;
}

/**
 * HQ's state with the desk's own changes that HQ has not answered yet on top, so an
 * officer never sees an edit vanish, nor a conflict being resolved come back open, just
 * because a pull arrived before the push. Pending changes are few: found by type.
 */
async function keepPendingChanges(db: DeskDb, g: Grouped): Promise<void> {
  if (g.declarations.length > 0) {
    const edits = await db.outbox.where('type').equals('declaration.update').toArray();
    if (edits.length > 0) {
      const byRecord = new Map<string, OutboxEntry[]>();
      for (const entry of edits) byRecord.set(entry.recordId, [...(byRecord.get(entry.recordId) ?? []), entry]);
      g.declarations = g.declarations.map((record) => {
        let shown = record;
        // In outbox order (the index lists equal keys by seq): the last edit of a field wins.
        for (const { mutation } of byRecord.get(record.id) ?? []) {
          if (mutation.type === 'declaration.update') shown = withChanges(shown, mutation.changes);
        }
        return shown;
      });
    }
  }
  if (g.twoStepEntries.length > 0) g.twoStepEntries = await withPendingTwoStep(db, g.twoStepEntries);
  if (g.conflicts.length > 0) {
    const resolving = new Set(
      (await db.outbox.where('type').equals('conflict.resolve').toArray()).flatMap(({ mutation }) =>
        mutation.type === 'conflict.resolve' ? [mutation.conflictId] : [],
      ),
    );
    if (resolving.size > 0) {
      g.conflicts = g.conflicts.map((c) => (c.status === 'open' && resolving.has(c.id) ? { ...c, status: 'resolving' } : c));
    }
  }
}

/** One page and its cursor, all or nothing. Within a page, later changes of a record win. */
export async function storePage(db: DeskDb, page: PullResponse): Promise<void> {
  const g = group(page.changes);
  const inspections = inspectionChangesOf(page.changes);
  const processing = processingChangesOf(page.changes);
  const gatePolicies = gatePolicyChangesOf(page.changes);
  const groups = groupChangesOf(page.changes);
  await db.transaction(
    'rw',
    [db.declarations, db.residents, db.marketPoints, db.goodsLists, db.policies, db.officers, db.conflicts, db.twoStepEntries, db.twoStepPolicies, ...inspectionTables(db), ...processingTables(db), db.gatePolicies, ...groupTables(db), db.outbox, db.audit, db.meta],
    async () => {
      await keepPendingChanges(db, g);
      if (g.declarations.length > 0) g.declarations = await withPendingEvents(db, g.declarations, gatePolicies);
      const writes: Promise<unknown>[] = [];
      if (g.declarations.length > 0) writes.push(db.declarations.bulkPut(g.declarations));
      if (g.residents.length > 0) writes.push(db.residents.bulkPut(g.residents));
      if (g.marketPoints.length > 0) writes.push(db.marketPoints.bulkPut(g.marketPoints));
      if (g.goodsLists.length > 0) writes.push(db.goodsLists.bulkPut(g.goodsLists));
      if (g.policies.length > 0) writes.push(db.policies.bulkPut(g.policies));
      if (g.officers.length > 0) writes.push(db.officers.bulkPut(g.officers));
      if (g.conflicts.length > 0) writes.push(db.conflicts.bulkPut(g.conflicts));
      if (g.twoStepEntries.length > 0) writes.push(db.twoStepEntries.bulkPut(g.twoStepEntries));
      if (g.twoStepPolicies.length > 0) writes.push(db.twoStepPolicies.bulkPut(g.twoStepPolicies));
      writes.push(...storeInspectionChanges(db, inspections));
      writes.push(...storeProcessingChanges(db, processing));
      if (gatePolicies.length > 0) writes.push(db.gatePolicies.bulkPut(gatePolicies));
      writes.push(...storeGroupChanges(db, groups));
      writes.push(db.meta.put({ key: META.pullCursor, value: page.cursor }));
      await Promise.all(writes);
    },
  );
}
