import type { Conflict, Declaration, MutationResult } from '../../shared/index';
import type { Queryable } from '../db/db';
import { keyList, uuidKeys } from '../db/json-param';
import { type HeldDeclaration, type PreparsedMutation, type PushContext, usageKey } from './push-outcome';
import { type GoodsListCache, loadReferenceSnapshot } from './reference-snapshot';
import { loadKindRecords } from './record-kinds';
import { loadResidents, type ResidentCache } from './resident-cache';
import { loadGatePolicies } from './declaration-event';
import { loadGroupMembership } from './group-membership';
import { loadUsedLines } from './weight-usage';
import { mutationIdsOf, replayedResult } from './push-plan';

/**
 * Loads what a push is checked against, in a number of queries that does not grow with
 * the batch: each asks for every key of the batch at once. Rows are HQ's own writes,
 * checked by schema on the way in, so they are typed here without parsing them again.
 *
 * Keys travel as one comma-separated text and are compared with `= ANY(ARRAY(…))` (see
 * uuidKeys): the planner then probes the primary key once per key even without
 * statistics. PGlite runs no autovacuum, and a join against the key list was planned as
 * a scan of the port's whole table, which grew slower with every push. Lookups by
 * (resident, date) are correlated LATERAL probes for the same reason.
 */

export async function loadStoredResults(tx: Queryable, portId: string, ids: readonly string[]): Promise<Map<string, MutationResult>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ mutation_id: string; result: MutationResult }>(
    `SELECT mutation_id::text AS mutation_id, result FROM mutations
     WHERE port_id = $1 AND mutation_id = ANY(${uuidKeys('$2')})`,
    [portId, keyList(ids)],
  );
  return new Map(rows.map((row) => [row.mutation_id, row.result]));
}

/**
 * The answers to a push HQ has stored every mutation of (a desk resending a push whose
 * answer it missed), else null. Read without the port's lock, since a stored answer
 * never changes; so a resend neither waits for the port's writers nor holds them up.
 * The first id is looked up alone: a new push pays one index probe for this.
 */
export async function loadResentAnswers(db: Queryable, portId: string, raw: readonly unknown[]): Promise<MutationResult[] | null> {
  const first = mutationIdsOf(raw.slice(0, 1));
  if (first === null || first.length === 0 || (await loadStoredResults(db, portId, first)).size === 0) return null;
  const ids = mutationIdsOf(raw);
  if (ids === null) return null;
  const stored = await loadStoredResults(db, portId, [...new Set(ids)]);
  const answers: MutationResult[] = [];
  for (const [index, id] of ids.entries()) {
    const result = stored.get(id);
    if (result === undefined) return null;
    answers.push(replayedResult(result, index));
  }
  return answers;
}

function wantedBy(mutations: readonly PreparsedMutation[]) {
  const declarationIds = new Set<string>();
  const residentIds = new Set<string>();
  const tradeDates = new Set<string>();
  const usageKeys = new Map<string, { resident_id: string; trade_date: string }>();
  for (const { parsed } of mutations) {
    if (!parsed.ok || parsed.data.type !== 'declaration.create') continue;
    const { record } = parsed.data;
    declarationIds.add(record.id.toLowerCase());
    residentIds.add(record.residentId.toLowerCase());
    tradeDates.add(record.tradeDate);
    const residentId = record.residentId.toLowerCase();
    usageKeys.set(usageKey(residentId, record.tradeDate), { resident_id: residentId, trade_date: record.tradeDate });
  }
  return {
    declarationIds: [...declarationIds],
    residentIds: [...residentIds],
    tradeDates: [...tradeDates],
    usageKeys: [...usageKeys.values()],
  };
}

/**
 * What the batch's updates and resolutions change: the conflicts they name, then every
 * declaration they edit (an update's record, a conflict's record), with the mutation
 * that created each. Two queries at most, none for a batch of creates.
 */
async function loadEditTargets(
  tx: Queryable,
  portId: string,
  mutations: readonly PreparsedMutation[],
): Promise<{ editTargets: Map<string, HeldDeclaration>; conflicts: Map<string, Conflict> }> {
  const recordIds = new Set<string>();
  const conflictIds = new Set<string>();
  for (const { parsed } of mutations) {
    if (!parsed.ok) continue;
    if (parsed.data.type === 'declaration.update' || parsed.data.type === 'declaration.event') recordIds.add(parsed.data.recordId.toLowerCase());
    if (parsed.data.type === 'conflict.resolve') conflictIds.add(parsed.data.conflictId.toLowerCase());
  }
  const conflicts = new Map<string, Conflict>();
  if (conflictIds.size > 0) {
    const rows = await tx.query<{ data: Conflict }>(
      `SELECT data FROM conflicts WHERE port_id = $1 AND conflict_id = ANY(${uuidKeys('$2')})`,
      [portId, keyList([...conflictIds])],
    );
    for (const { data } of rows) {
      conflicts.set(data.id.toLowerCase(), data);
      recordIds.add(data.recordId.toLowerCase());
    }
  }
  const editTargets = new Map<string, HeldDeclaration>();
  if (recordIds.size > 0) {
    const rows = await tx.query<{ declaration_id: string; mutation_id: string; data: Declaration }>(
      `SELECT declaration_id::text AS declaration_id, mutation_id::text AS mutation_id, data FROM declarations
       WHERE port_id = $1 AND declaration_id = ANY(${uuidKeys('$2')})`,
      [portId, keyList([...recordIds])],
    );
    for (const { declaration_id: id, mutation_id: mutationId, data } of rows) {
      // Records stored before protocol 2 carry neither: they are at version 1, never edited.
      editTargets.set(id, { record: { ...data, version: data.version ?? 1, edits: data.edits ?? {} }, mutationId });
    }
  }
  return { editTargets, conflicts };
}

export async function loadPushContext(
  tx: Queryable,
  portId: string,
  mutations: readonly PreparsedMutation[],
  storedResults: Map<string, MutationResult>,
  goodsLists: GoodsListCache,
  residentCache: ResidentCache,
  /** The batch is taken to be new (push.ts): existing declaration ids are not looked for; storing checks it. */
  expectNew = false,
): Promise<Omit<PushContext, 'scope'>> {
  const fresh = mutations.filter((m) => m.id === null || !storedResults.has(m.id));
  const wanted = wantedBy(fresh);
  const declarations = expectNew
    ? []
    : await tx.query<{ declaration_id: string; mutation_id: string }>(
        `SELECT declaration_id::text AS declaration_id, mutation_id::text AS mutation_id FROM declarations
         WHERE port_id = $1 AND declaration_id = ANY(${uuidKeys('$2')})`,
        [portId, keyList(wanted.declarationIds)],
      );
  const residents = await loadResidents(tx, portId, wanted.residentIds, residentCache);
  // One probe of the day index per (resident, date) pair of the batch: the LATERAL
  // subquery is correlated, so it is an index lookup whatever the planner knows. The
  // sums come back as one text in the order of the pairs ('' where nothing was used).
  const [usage] = await tx.query<{ used: string | null }>(
    `SELECT string_agg(coalesce(u.used::text, ''), ',' ORDER BY k.n) AS used
     FROM unnest(string_to_array($2::text, ',')::uuid[], string_to_array($3::text, ',')::date[])
       WITH ORDINALITY AS k(resident_id, trade_date, n)
     CROSS JOIN LATERAL (
       SELECT sum(d.hq_exempt_fen)::int8 AS used FROM declarations d
       WHERE d.port_id = $1 AND d.trade_date = k.trade_date AND d.resident_id = k.resident_id
     ) AS u`,
    [portId, keyList(wanted.usageKeys.map((k) => k.resident_id)), keyList(wanted.usageKeys.map((k) => k.trade_date))],
  );
  const usedFen = new Map<string, number>();
  const sums = usage?.used?.split(',') ?? [];
  wanted.usageKeys.forEach((key, i) => {
    const sum = sums[i];
    if (sum !== undefined && sum !== '') usedFen.set(usageKey(key.resident_id, key.trade_date), Number(sum));
  });
  const reference = await loadReferenceSnapshot(tx, portId, wanted.tradeDates, goodsLists);
  const { editTargets, conflicts } = await loadEditTargets(tx, portId, fresh);
  const kindRecords = await loadKindRecords(tx, portId, fresh, conflicts.values());
  return {
    storedResults,
    existingDeclarations: new Map(declarations.map((row) => [row.declaration_id, row.mutation_id])),
    editTargets,
    conflicts,
    residents,
    pointIds: reference.pointIds,
    goodsListOn: reference.goodsListOn,
    policyOn: reference.policyOn,
    usedFen,
    kindRecords,
    usedLines: await loadUsedLines(tx, portId, wanted.usageKeys, reference.goodsListOn),
    gatePolicies: await loadGatePolicies(tx, portId, fresh),
    groupMembership: await loadGroupMembership(tx, portId, fresh),
  };
}
