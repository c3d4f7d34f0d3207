import { type DutyFreePolicy, type GoodsList, versionInForce } from '../../shared/index';
import type { Queryable } from '../db/db';

/**
 * The port's reference data a push is checked against: market points, policy versions
 * and goods-list versions, read in one query. Goods lists can be large (thousands of
 * items), so their contents are kept in a small cache keyed by the row's seq: a list
 * that changed has a new seq and is read again, one that did not is never re-read.
 */
export interface ReferenceSnapshot {
  pointIds: Set<string>;
  policyOn(date: string): DutyFreePolicy | null;
  goodsListOn(date: string): GoodsList | null;
}

export class GoodsListCache {
  readonly #lists = new Map<string, GoodsList>();

  constructor(private readonly capacity = 32) {}

  get(key: string): GoodsList | undefined {
    return this.#lists.get(key);
  }

  set(key: string, list: GoodsList): void {
    if (this.#lists.size >= this.capacity) {
      const oldest = this.#lists.keys().next().value;
      if (oldest !== undefined) this.#lists.delete(oldest);
    }
    this.#lists.set(key, list);
  }
}

interface ReferenceRow {
  kind: 'point' | 'policy' | 'goods_list';
  key: string;
  version: number | null;
  effective_from: string | null;
  seq: number;
  data: DutyFreePolicy | null;
}

export async function loadReferenceSnapshot(
  tx: Queryable,
  portId: string,
  tradeDates: readonly string[],
  cache: GoodsListCache,
): Promise<ReferenceSnapshot> {
  const rows = await tx.query<ReferenceRow>(
    `SELECT 'point' AS kind, point_id AS key, NULL::int4 AS version, NULL::date AS effective_from, seq, NULL::jsonb AS data
       FROM market_points WHERE port_id = $1
     UNION ALL
     SELECT 'policy', policy_id::text, version, effective_from, seq, data FROM policies WHERE port_id = $1
     UNION ALL
     SELECT 'goods_list', list_id::text, version, effective_from, seq, NULL FROM goods_lists WHERE port_id = $1`,
    [portId],
  );
  const pointIds = new Set<string>();
  const policies: DutyFreePolicy[] = [];
  const listVersions: { id: string; version: number; effectiveFrom: string; seq: number }[] = [];
  for (const row of rows) {
    if (row.kind === 'point') pointIds.add(row.key);
    else if (row.kind === 'policy' && row.data !== null) policies.push(row.data);
    else if (row.kind === 'goods_list' && row.version !== null && row.effective_from !== null) {
      listVersions.push({ id: row.key, version: row.version, effectiveFrom: row.effective_from, seq: row.seq });
    }
  }

  const listOnDate = new Map<string, { id: string; seq: number }>();
  for (const date of tradeDates) {
    const inForce = versionInForce(listVersions, date);
    if (inForce !== null) listOnDate.set(date, inForce);
  }
  const cacheKey = (list: { id: string; seq: number }) => `${portId}:${list.id}:${list.seq}`;
  const missing = [...new Map([...listOnDate.values()].map((l) => [cacheKey(l), l])).values()].filter(
    (l) => cache.get(cacheKey(l)) === undefined,
  );
  if (missing.length > 0) {
    const lists = await tx.query<{ seq: number; data: GoodsList }>(
      `SELECT seq, data FROM goods_lists
       WHERE port_id = $1 AND list_id = ANY(ARRAY(SELECT value::uuid FROM jsonb_array_elements_text($2::jsonb)))`,
      [portId, JSON.stringify(missing.map((l) => l.id))],
    );
    for (const row of lists) cache.set(cacheKey({ id: row.data.id.toLowerCase(), seq: row.seq }), row.data);
  }
  return {
    pointIds,
    policyOn: (date) => versionInForce(policies, date),
    goodsListOn(date) {
      const list = listOnDate.get(date);
      return list === undefined ? null : (cache.get(cacheKey(list)) ?? null);
    },
  };
}
