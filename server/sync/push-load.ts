import type { MutationResult, Resident } from '../../shared/index';
import type { Queryable } from '../db/db';
import { type PreparsedMutation, type PushContext, usageKey } from './push-plan';
import { type GoodsListCache, loadReferenceSnapshot } from './reference-snapshot';

/**
 * Loads what a push is checked against, in a number of queries that does not grow with
 * the batch: each asks for every key of the batch at once. Rows are HQ's own writes,
 * checked by schema on the way in, so they are typed here without parsing them again.
 *
 * Keys travel as one JSON array and are compared with `= ANY(ARRAY(…))`: the planner
 * then probes the primary key (or the day index) once per key even without statistics.
 * PGlite runs no autovacuum, and a join against the key list was planned as a scan of
 * the port's whole table, which grew slower with every push.
 */
const uuidList = (param: string) => `ARRAY(SELECT value::uuid FROM jsonb_array_elements_text(${param}::jsonb))`;

export async function loadStoredResults(tx: Queryable, portId: string, ids: readonly string[]): Promise<Map<string, MutationResult>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ mutation_id: string; result: MutationResult }>(
    `SELECT mutation_id::text AS mutation_id, result FROM mutations
     WHERE port_id = $1 AND mutation_id = ANY(${uuidList('$2')})`,
    [portId, JSON.stringify(ids)],
  );
  return new Map(rows.map((row) => [row.mutation_id, row.result]));
}

function wantedBy(mutations: readonly PreparsedMutation[]) {
  const declarationIds = new Set<string>();
  const residentIds = new Set<string>();
  const tradeDates = new Set<string>();
  for (const { parsed } of mutations) {
    if (!parsed.ok) continue;
    const { record } = parsed.data;
    declarationIds.add(record.id.toLowerCase());
    residentIds.add(record.residentId.toLowerCase());
    tradeDates.add(record.tradeDate);
  }
  return { declarationIds: [...declarationIds], residentIds: [...residentIds], tradeDates: [...tradeDates] };
}

export async function loadPushContext(
  tx: Queryable,
  portId: string,
  mutations: readonly PreparsedMutation[],
  storedResults: Map<string, MutationResult>,
  goodsLists: GoodsListCache,
): Promise<PushContext> {
  const wanted = wantedBy(mutations.filter((m) => m.id === null || !storedResults.has(m.id)));
  const declarations = await tx.query<{ declaration_id: string; mutation_id: string }>(
    `SELECT declaration_id::text AS declaration_id, mutation_id::text AS mutation_id FROM declarations
     WHERE port_id = $1 AND declaration_id = ANY(${uuidList('$2')})`,
    [portId, JSON.stringify(wanted.declarationIds)],
  );
  const residents = await tx.query<{ data: Resident }>(
    `SELECT data FROM residents WHERE port_id = $1 AND resident_id = ANY(${uuidList('$2')})`,
    [portId, JSON.stringify(wanted.residentIds)],
  );
  // Every (date, resident) pair of the batch's dates × residents: a few more pairs than
  // the batch needs when it spans days, all from probes of the day index.
  const usage = await tx.query<{ resident_id: string; trade_date: string; used: number }>(
    `SELECT resident_id::text AS resident_id, trade_date, sum(hq_exempt_fen)::int8 AS used
     FROM declarations
     WHERE port_id = $1
       AND trade_date = ANY(ARRAY(SELECT value::date FROM jsonb_array_elements_text($2::jsonb)))
       AND resident_id = ANY(${uuidList('$3')})
     GROUP BY resident_id, trade_date`,
    [portId, JSON.stringify(wanted.tradeDates), JSON.stringify(wanted.residentIds)],
  );
  const reference = await loadReferenceSnapshot(tx, portId, wanted.tradeDates, goodsLists);
  return {
    storedResults,
    existingDeclarations: new Map(declarations.map((row) => [row.declaration_id, row.mutation_id])),
    residents: new Map(residents.map((row) => [row.data.id.toLowerCase(), row.data])),
    pointIds: reference.pointIds,
    goodsListOn: reference.goodsListOn,
    policyOn: reference.policyOn,
    usedFen: new Map(usage.map((row) => [usageKey(row.resident_id, row.trade_date), row.used])),
  };
}
