import { type DutyFreePolicy, type GoodsList, type MutationResult, type Resident, versionInForce } from '../../shared/index';
import type { Queryable } from '../db/db';
import { type PreparsedMutation, type PushContext, usageKey } from './push-plan';

/**
 * Loads what a push is checked against. Rows are HQ's own writes, checked by schema on
 * the way in, so they are typed here without parsing them again. The number of queries does not grow with the
 * batch: each asks for every key of the batch at once (keys travel as one JSON array).
 */

export async function loadStoredResults(tx: Queryable, portId: string, ids: readonly string[]): Promise<Map<string, MutationResult>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ mutation_id: string; result: MutationResult }>(
    `SELECT m.mutation_id::text AS mutation_id, m.result FROM mutations m
     WHERE m.port_id = $1 AND m.mutation_id IN (SELECT value::uuid FROM jsonb_array_elements_text($2::jsonb))`,
    [portId, JSON.stringify(ids)],
  );
  return new Map(rows.map((row) => [row.mutation_id, row.result]));
}

interface Wanted {
  declarationIds: string[];
  residentIds: string[];
  tradeDates: string[];
  usageKeys: { resident_id: string; trade_date: string }[];
}

function wantedBy(mutations: readonly PreparsedMutation[]): Wanted {
  const declarationIds = new Set<string>();
  const residentIds = new Set<string>();
  const tradeDates = new Set<string>();
  const usage = new Map<string, { resident_id: string; trade_date: string }>();
  for (const { parsed } of mutations) {
    if (!parsed.ok) continue;
    const { record } = parsed.data;
    declarationIds.add(record.id.toLowerCase());
    residentIds.add(record.residentId.toLowerCase());
    tradeDates.add(record.tradeDate);
    usage.set(usageKey(record.residentId, record.tradeDate), { resident_id: record.residentId.toLowerCase(), trade_date: record.tradeDate });
  }
  return {
    declarationIds: [...declarationIds],
    residentIds: [...residentIds],
    tradeDates: [...tradeDates],
    usageKeys: [...usage.values()],
  };
}

async function loadGoodsLists(tx: Queryable, portId: string, dates: readonly string[]): Promise<Map<string, GoodsList>> {
  // Versions first (small rows), then only the lists in force on the batch's dates.
  const versions = await tx.query<{ list_id: string; version: number; effective_from: string }>(
    'SELECT list_id::text AS list_id, version, effective_from FROM goods_lists WHERE port_id = $1',
    [portId],
  );
  const metas = versions.map((v) => ({ id: v.list_id, version: v.version, effectiveFrom: v.effective_from }));
  const byDate = new Map<string, string>();
  for (const date of dates) {
    const inForce = versionInForce(metas, date);
    if (inForce !== null) byDate.set(date, inForce.id);
  }
  const needed = [...new Set(byDate.values())];
  if (needed.length === 0) return new Map();
  const rows = await tx.query<{ data: GoodsList }>(
    `SELECT data FROM goods_lists WHERE port_id = $1 AND list_id IN (SELECT value::uuid FROM jsonb_array_elements_text($2::jsonb))`,
    [portId, JSON.stringify(needed)],
  );
  const lists = new Map(rows.map((row) => [row.data.id.toLowerCase(), row.data]));
  const result = new Map<string, GoodsList>();
  for (const [date, id] of byDate) {
    const list = lists.get(id);
    if (list !== undefined) result.set(date, list);
  }
  return result;
}

export async function loadPushContext(
  tx: Queryable,
  portId: string,
  mutations: readonly PreparsedMutation[],
  storedResults: Map<string, MutationResult>,
): Promise<PushContext> {
  const wanted = wantedBy(mutations.filter((m) => m.id === null || !storedResults.has(m.id)));
  const p = [portId];
  const [declarations, residents, points, policies, usage, goodsLists] = [
    await tx.query<{ declaration_id: string; mutation_id: string }>(
      `SELECT declaration_id::text AS declaration_id, mutation_id::text AS mutation_id FROM declarations
       WHERE port_id = $1 AND declaration_id IN (SELECT value::uuid FROM jsonb_array_elements_text($2::jsonb))`,
      [...p, JSON.stringify(wanted.declarationIds)],
    ),
    await tx.query<{ data: Resident }>(
      `SELECT data FROM residents
       WHERE port_id = $1 AND resident_id IN (SELECT value::uuid FROM jsonb_array_elements_text($2::jsonb))`,
      [...p, JSON.stringify(wanted.residentIds)],
    ),
    await tx.query<{ point_id: string }>('SELECT point_id FROM market_points WHERE port_id = $1', p),
    await tx.query<{ data: DutyFreePolicy }>('SELECT data FROM policies WHERE port_id = $1', p),
    await tx.query<{ resident_id: string; trade_date: string; used: number }>(
      `SELECT d.resident_id::text AS resident_id, d.trade_date::text AS trade_date, sum(d.hq_exempt_fen)::int8 AS used
       FROM declarations d
       JOIN (SELECT DISTINCT resident_id, trade_date FROM jsonb_to_recordset($2::jsonb) AS k(resident_id uuid, trade_date date)) k
         ON k.resident_id = d.resident_id AND k.trade_date = d.trade_date
       WHERE d.port_id = $1
       GROUP BY d.resident_id, d.trade_date`,
      [...p, JSON.stringify(wanted.usageKeys)],
    ),
    await loadGoodsLists(tx, portId, wanted.tradeDates),
  ];
  const policyVersions = policies.map((row) => row.data);
  const residentsById = new Map(residents.map((row) => [row.data.id.toLowerCase(), row.data]));
  return {
    storedResults,
    existingDeclarations: new Map(declarations.map((row) => [row.declaration_id, row.mutation_id])),
    residents: residentsById,
    pointIds: new Set(points.map((row) => row.point_id)),
    goodsListOn: (date) => goodsLists.get(date) ?? null,
    policyOn: (date) => versionInForce(policyVersions, date),
    usedFen: new Map(usage.map((row) => [usageKey(row.resident_id, row.trade_date), row.used])),
  };
}
