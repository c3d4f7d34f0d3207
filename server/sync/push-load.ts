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
  const usageKeys = new Map<string, { resident_id: string; trade_date: string }>();
  for (const { parsed } of mutations) {
    if (!parsed.ok) continue;
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
  // One probe of the day index per (resident, date) pair of the batch: the LATERAL
  // subquery is correlated, so it is an index lookup whatever the planner knows.
  const usage = await tx.query<{ resident_id: string; trade_date: string; used: number }>(
    `SELECT k.resident_id::text AS resident_id, k.trade_date, u.used
     FROM jsonb_to_recordset($2::jsonb) AS k(resident_id uuid, trade_date date)
     CROSS JOIN LATERAL (
       SELECT sum(d.hq_exempt_fen)::int8 AS used FROM declarations d
       WHERE d.port_id = $1 AND d.trade_date = k.trade_date AND d.resident_id = k.resident_id
     ) AS u
     WHERE u.used IS NOT NULL`,
    [portId, JSON.stringify(wanted.usageKeys)],
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
