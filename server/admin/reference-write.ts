import { randomUUID } from 'node:crypto';
import {
  checkEffectiveFrom,
  cstDateOf,
  type DutyFreePolicy,
  fail,
  type GoodsList,
  type MarketPoint,
  type NewGoodsListRequest,
  type NewPointRequest,
  type NewPolicyRequest,
  ok,
  type Result,
  type UpdatePointRequest,
} from '../../shared/index';
import type { Db, Queryable } from '../db/db';
import { upsertGoodsLists, upsertMarketPoints, upsertPolicies } from '../reference/reference-store';
import { lockPortCounter } from '../sync/seq';

/**
 * The administrator's writes of policies, goods lists and market points. Reference data
 * is never edited in place where it judges declarations: a policy or goods-list change is
 * a new VERSION (highest + 1) with its own effective date, so a declaration is always
 * checked against the version in force on its trade date (versionInForce). Each write is
 * one transaction that locks the port's counter first and stores the record through
 * reference-store, which gives it the next seq: desks receive it at their next pull.
 */
export interface Written<T> {
  seq: number;
  record: T;
}

export const unknownPort = (portId: string) => fail<never>('not_found', `没有口岸 ${portId} / No port ${portId}`, 'port');

async function seqOf(tx: Queryable, table: 'policies' | 'goods_lists' | 'market_points', key: string, portId: string, id: string): Promise<number> {
  const [row] = await tx.query<{ seq: number }>(`SELECT seq FROM ${table} WHERE port_id = $1 AND ${key} = $2`, [portId, id]);
  if (row === undefined) throw new Error(`${table}: the row just written is missing`);
  return row.seq;
}

async function nextVersion(tx: Queryable, table: 'policies' | 'goods_lists', portId: string): Promise<number> {
  // Read under the port's lock: no other writer of the port can take the same number.
  const [row] = await tx.query<{ version: number }>(`SELECT coalesce(max(version), 0)::int4 + 1 AS version FROM ${table} WHERE port_id = $1`, [portId]);
  return row?.version ?? 1;
}

export function publishPolicy(db: Db, portId: string, request: NewPolicyRequest, now: Date): Promise<Result<Written<DutyFreePolicy>>> {
  const date = checkEffectiveFrom(request.effectiveFrom, cstDateOf(now));
  if (!date.ok) return Promise.resolve(date);
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const record: DutyFreePolicy = {
      id: randomUUID(),
      portId,
      version: await nextVersion(tx, 'policies', portId),
      effectiveFrom: request.effectiveFrom,
      dailyExemptFen: request.dailyExemptFen,
    };
    await upsertPolicies(tx, portId, [record]);
    return ok({ seq: await seqOf(tx, 'policies', 'policy_id', portId, record.id), record });
  });
}

export function publishGoodsList(db: Db, portId: string, request: NewGoodsListRequest, now: Date): Promise<Result<Written<GoodsList>>> {
  const date = checkEffectiveFrom(request.effectiveFrom, cstDateOf(now));
  if (!date.ok) return Promise.resolve(date);
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const record: GoodsList = {
      id: randomUUID(),
      portId,
      version: await nextVersion(tx, 'goods_lists', portId),
      effectiveFrom: request.effectiveFrom,
      items: request.items,
    };
    await upsertGoodsLists(tx, portId, [record]);
    return ok({ seq: await seqOf(tx, 'goods_lists', 'list_id', portId, record.id), record });
  });
}

export function addPoint(db: Db, portId: string, request: NewPointRequest): Promise<Result<Written<MarketPoint>>> {
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const existing = await tx.query('SELECT 1 FROM market_points WHERE port_id = $1 AND point_id = $2', [portId, request.id]);
    if (existing.length > 0) return fail('conflict', `互市点 ${request.id} 已存在 / Market point ${request.id} already exists`, 'id');
    const record: MarketPoint = { id: request.id, portId, name: request.name, nameEn: request.nameEn };
    await upsertMarketPoints(tx, portId, [record]);
    return ok({ seq: await seqOf(tx, 'market_points', 'point_id', portId, record.id), record });
  });
}

/**
 * A point's names change in place: a point is where declarations are made, not a rule
 * they are judged by, so it has no versions. The new names reach desks with a new seq.
 */
export function renamePoint(db: Db, portId: string, pointId: string, request: UpdatePointRequest): Promise<Result<Written<MarketPoint>>> {
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const [row] = await tx.query<{ data: MarketPoint }>('SELECT data FROM market_points WHERE port_id = $1 AND point_id = $2', [portId, pointId]);
    if (row === undefined) return fail('not_found', `没有互市点 ${pointId} / No market point ${pointId}`, 'point');
    const record: MarketPoint = { ...row.data, name: request.name ?? row.data.name, nameEn: request.nameEn ?? row.data.nameEn };
    await upsertMarketPoints(tx, portId, [record]);
    return ok({ seq: await seqOf(tx, 'market_points', 'point_id', portId, record.id), record });
  });
}
