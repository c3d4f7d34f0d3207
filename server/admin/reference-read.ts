import type { AdminOfficer, DutyFreePolicy, GoodsList, MarketPoint, Officer, ReferenceAnswer } from '../../shared/index';
import type { Queryable } from '../db/db';

/**
 * A port's reference data as the console shows it: every version of the policy and the
 * goods list (newest first), the officers with whether they are disabled, the market
 * points. Records are read from `data`, exactly as desks pull them; an officer's
 * password hash sits in its own column and is never selected here.
 */
export async function readReference(db: Queryable, portId: string): Promise<ReferenceAnswer> {
  const [policies, goodsLists, officers, points] = await Promise.all([
    db.query<{ data: DutyFreePolicy }>('SELECT data FROM policies WHERE port_id = $1 ORDER BY version DESC', [portId]),
    db.query<{ data: GoodsList }>('SELECT data FROM goods_lists WHERE port_id = $1 ORDER BY version DESC', [portId]),
    db.query<{ data: Officer; disabled: boolean }>('SELECT data, disabled FROM officers WHERE port_id = $1 ORDER BY username', [portId]),
    db.query<{ data: MarketPoint }>('SELECT data FROM market_points WHERE port_id = $1 ORDER BY point_id', [portId]),
  ]);
  return {
    portId,
    policies: policies.map((r) => r.data),
    goodsLists: goodsLists.map((r) => r.data),
    officers: officers.map((r): AdminOfficer => ({ ...r.data, disabled: r.disabled })),
    points: points.map((r) => r.data),
  };
}
