import type { Db } from '../db/db';

/** What HQ holds for a port on one trade date (for HQ staff, and tests counting records). */
export interface DayReport {
  portId: string;
  date: string;
  declarations: number;
  residents: number;
  /** HQ's amounts: exempt and taxable as HQ assessed them. */
  totalFen: number;
  exemptFen: number;
  taxableFen: number;
  flagged: number;
}

export async function dayReport(db: Db, portId: string, date: string): Promise<DayReport> {
  const rows = await db.query<Omit<DayReport, 'portId' | 'date'>>(
    `SELECT count(*)::int8 AS declarations,
            count(DISTINCT resident_id)::int8 AS residents,
            coalesce(sum(hq_exempt_fen + hq_taxable_fen), 0)::int8 AS "totalFen",
            coalesce(sum(hq_exempt_fen), 0)::int8 AS "exemptFen",
            coalesce(sum(hq_taxable_fen), 0)::int8 AS "taxableFen",
            count(*) FILTER (WHERE flags <> '[]'::jsonb)::int8 AS flagged
     FROM declarations WHERE port_id = $1 AND trade_date = $2`,
    [portId, date],
  );
  const totals = rows[0] ?? { declarations: 0, residents: 0, totalFen: 0, exemptFen: 0, taxableFen: 0, flagged: 0 };
  return { portId, date, ...totals };
}
