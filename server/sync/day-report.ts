import { assembleDayStats, type DayReport, type DayStatsParts, type DayTotals, trendFrom } from '../../shared/index';
import type { Db, Queryable } from '../db/db';

export type { DayReport };

const FIRST_DATE = '0001-01-01';

/**
 * What HQ holds for a port on one trade date (HQ staff, the console's 日报 tab, and tests
 * counting records): tickets, residents, HQ's amounts (HQ assessed every record it holds),
 * flagged, by goods and by market point, and tickets per day over the week up to it.
 *
 * Every figure is aggregated in SQL over the `declarations_day` index's range (port, trade
 * date), so a day of 8,000 declarations never travels into JS as rows; the parts are
 * finished by the shared `assembleDayStats`, as the desk finishes its own. The queries run
 * in one REPEATABLE READ transaction, so the parts agree with each other under pushes.
 */
export async function dayReport(db: Db, portId: string, date: string): Promise<DayReport> {
  const from = trendFrom(date);
  const { parts, points } = await db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const totals = await dayTotals(tx, portId, date);
    const goods = await tx.query<DayStatsParts['goods'][number]>(
      `SELECT l.value->>'hsCode' AS "hsCode", l.value->>'name' AS name,
              count(DISTINCT d.declaration_id)::int8 AS tickets,
              coalesce(sum((l.value->>'valueFen')::int8), 0)::int8 AS "valueFen",
              coalesce(sum((l.value->>'netKg')::float8), 0)::float8 AS "netKg"
       FROM declarations d CROSS JOIN LATERAL json_array_elements(d.data->'lines') AS l(value)
       WHERE d.port_id = $1 AND d.trade_date = $2
       GROUP BY 1, 2`,
      [portId, date],
    );
    const byPoint = await tx.query<DayStatsParts['points'][number]>(
      `SELECT data->>'pointId' AS "pointId", count(*)::int8 AS tickets,
              count(DISTINCT resident_id)::int8 AS residents,
              coalesce(sum(hq_exempt_fen + hq_taxable_fen), 0)::int8 AS "totalFen",
              coalesce(sum(hq_exempt_fen), 0)::int8 AS "exemptFen",
              coalesce(sum(hq_taxable_fen), 0)::int8 AS "taxableFen",
              count(*) FILTER (WHERE flags <> '[]'::jsonb)::int8 AS flagged
       FROM declarations WHERE port_id = $1 AND trade_date = $2
       GROUP BY 1`,
      [portId, date],
    );
    const trend = await tx.query<{ date: string; tickets: number }>(
      `SELECT to_char(trade_date, 'YYYY-MM-DD') AS date, count(*)::int8 AS tickets
       FROM declarations WHERE port_id = $1 AND trade_date BETWEEN $2 AND $3
       GROUP BY trade_date`,
      // PostgreSQL has no year 0: a trend reaching before 0001-01-01 starts there.
      [portId, from < FIRST_DATE ? FIRST_DATE : from, date],
    );
    const names = await tx.query<{ id: string; name: string; nameEn: string }>(
      `SELECT point_id AS id, data->>'name' AS name, coalesce(data->>'nameEn', '') AS "nameEn" FROM market_points WHERE port_id = $1`,
      [portId],
    );
    return { parts: { date, totals, goods, points: byPoint, trend, trendFrom: from } satisfies DayStatsParts, points: names };
  });
  return { portId, ...assembleDayStats(parts, points) };
}

async function dayTotals(tx: Queryable, portId: string, date: string): Promise<DayTotals> {
  const rows = await tx.query<DayTotals>(
    `SELECT count(*)::int8 AS declarations,
            count(DISTINCT resident_id)::int8 AS residents,
            coalesce(sum(hq_exempt_fen + hq_taxable_fen), 0)::int8 AS "totalFen",
            coalesce(sum(hq_exempt_fen), 0)::int8 AS "exemptFen",
            coalesce(sum(hq_taxable_fen), 0)::int8 AS "taxableFen",
            count(*) FILTER (WHERE flags <> '[]'::jsonb)::int8 AS flagged,
            count(*)::int8 AS "hqAssessed"
     FROM declarations WHERE port_id = $1 AND trade_date = $2`,
    [portId, date],
  );
  return rows[0] ?? { declarations: 0, residents: 0, totalFen: 0, exemptFen: 0, taxableFen: 0, flagged: 0, hqAssessed: 0 };
}
