import type { AuditAnswer, AuditEntriesAnswer, AuditEntriesQuery } from '../../shared/index';
import type { Queryable } from '../db/db';

/**
 * What HQ holds of each desk's audit chain (migration 0002): the chain's state as HQ
 * checked it (audit_chains), the breaks it found (audit_breaks), and the entries
 * themselves — every mutation HQ answered is one, with its link and both clocks.
 */
const RECENT_BREAKS = 200;

interface ChainRow {
  device_id: string;
  officer_id: string;
  officer_name: string | null;
  head_n: number;
  entries: number;
  broken: boolean;
  last_received_at: Date;
  verified_at: Date | null;
}

interface BreakRow {
  break_id: string;
  device_id: string;
  n: number;
  kind: string;
  message: string;
  source: string;
  detected_at: Date;
}

export async function readAudit(db: Queryable, portId: string): Promise<AuditAnswer> {
  const chains = await db.query<ChainRow>(
    `SELECT c.device_id, c.officer_id::text AS officer_id, o.data->>'name' AS officer_name, c.head_n, c.entries, c.broken,
       c.last_received_at, c.verified_at
     FROM audit_chains c LEFT JOIN officers o ON o.port_id = c.port_id AND o.officer_id = c.officer_id
     WHERE c.port_id = $1 ORDER BY c.broken DESC, c.last_received_at DESC, c.device_id`,
    [portId],
  );
  const breaks = await db.query<BreakRow>(
    `SELECT break_id::text AS break_id, device_id, n, kind, message, source, detected_at FROM audit_breaks
     WHERE port_id = $1 ORDER BY detected_at DESC, device_id, n LIMIT ${RECENT_BREAKS}`,
    [portId],
  );
  return {
    portId,
    chains: chains.map((c) => ({
      deviceId: c.device_id,
      officerId: c.officer_id,
      officerName: c.officer_name,
      headN: c.head_n,
      entries: c.entries,
      broken: c.broken,
      lastReceivedAt: c.last_received_at.toISOString(),
      verifiedAt: c.verified_at?.toISOString() ?? null,
    })),
    breaks: breaks.map((b) => ({
      breakId: b.break_id,
      deviceId: b.device_id,
      n: b.n,
      kind: b.kind,
      message: b.message,
      source: b.source,
      detectedAt: b.detected_at.toISOString(),
    })),
  };
}

/** Whether HQ knows this desk at this port: a chain row, or at least one stored entry. */
export async function deskKnown(db: Queryable, portId: string, deviceId: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM audit_chains WHERE port_id = $1 AND device_id = $2
     UNION ALL
     (SELECT 1 FROM mutations WHERE port_id = $1 AND device_id = $2 AND audit_n IS NOT NULL LIMIT 1)
     LIMIT 1`,
    [portId, deviceId],
  );
  return rows.length > 0;
}

interface EntryRow {
  audit_n: number;
  mutation_id: string;
  mutation_type: string | null;
  officer_id: string;
  desk_time: Date | null;
  received_at: Date;
  audit_hash: string | null;
  audit_prev: string | null;
}

/**
 * A page of a desk's stored entries in chain order. A page holds whole chain numbers:
 * two entries with one number (a fork) are never split across pages, so `after` alone
 * says where the next page starts.
 */
export async function readEntries(db: Queryable, portId: string, deviceId: string, query: AuditEntriesQuery): Promise<AuditEntriesAnswer> {
  const rows = await db.query<EntryRow>(
    `WITH numbers AS (
       SELECT DISTINCT audit_n FROM mutations
       WHERE port_id = $1 AND device_id = $2 AND audit_n > $3 ORDER BY audit_n LIMIT $4
     )
     SELECT audit_n, mutation_id::text AS mutation_id, mutation_type, officer_id::text AS officer_id, desk_time, received_at, audit_hash, audit_prev
     FROM mutations WHERE port_id = $1 AND device_id = $2 AND audit_n IN (SELECT audit_n FROM numbers)
     ORDER BY audit_n, mutation_id`,
    [portId, deviceId, query.after, query.limit + 1],
  );
  const numbers = [...new Set(rows.map((r) => r.audit_n))];
  const hasMore = numbers.length > query.limit;
  const last = hasMore ? numbers[query.limit - 1] : undefined;
  const page = last === undefined ? rows : rows.filter((r) => r.audit_n <= last);
  return {
    deviceId,
    entries: page.map((r) => ({
      n: r.audit_n,
      mutationId: r.mutation_id,
      type: r.mutation_type,
      officerId: r.officer_id,
      deskTime: r.desk_time?.toISOString() ?? null,
      hqTime: r.received_at.toISOString(),
      hash: r.audit_hash ?? '',
      prev: r.audit_prev ?? '',
    })),
    nextAfter: last ?? null,
  };
}
