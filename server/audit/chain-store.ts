import { randomUUID } from 'node:crypto';
import { AUDIT_GENESIS, auditHashOfText, MAX_PUSH_MUTATIONS } from '../../shared/index';
import type { Queryable } from '../db/db';
import { keyList } from '../db/json-param';
import type { Logger } from '../log';
import { type ArrivingLink, type ChainLink, checkArrivals, headAfterBreaks, type KnownLinks, walkHead } from './chain-arrival';
import { nodeSha256 } from './node-sha256';

/**
 * A push's links checked against what HQ holds of the desk's chain, and the verdict
 * stored: the chain's row in audit_chains (the unbroken run from link 1, entries, broken)
 * and a row in audit_breaks for each break. Called inside the push's transaction, after
 * the port's lock and BEFORE the push's own mutation rows are written, so "stored"
 * means earlier pushes. A fixed number of queries whatever the batch's size:
 *
 *   the chain's row with the stored links numbered n-1, n, n+1 of each arriving n (and
 *   the head's next), in one statement; when the walk reaches past those, one range of later links
 *   (reordered deliveries); then one upsert, and one insert when something broke.
 *
 * A break changes nothing else: the mutations are applied or rejected as they would be.
 */
export interface ChainScope {
  portId: string;
  deviceId: string;
  officerId: string;
}

/** How far past the head one push reads stored links (a later push reads on). */
const WALK_WINDOW = MAX_PUSH_MUTATIONS * 3;

interface StoredLinkRow {
  n: number;
  prev: string;
  hash: string;
  /** Only for links past the head, whose hash the walk must trust. */
  body: string | null;
}

/** Whole numbers as the fewest ranges of consecutive ones. */
export function rangesOf(numbers: readonly number[]): { lo: number; hi: number }[] {
  const sorted = [...numbers].sort((a, b) => a - b);
  const ranges: { lo: number; hi: number }[] = [];
  for (const n of sorted) {
    const last = ranges.at(-1);
    if (last !== undefined && n <= last.hi + 1) last.hi = Math.max(last.hi, n);
    else ranges.push({ lo: n, hi: n });
  }
  return ranges;
}

function storedLink(row: StoredLinkRow, head: number): ChainLink {
  const n = Number(row.n);
  // A link at or below the head was checked when it arrived and is not walked again.
  const isHashValid = n <= head || (row.body !== null && auditHashOfText(n, row.prev, row.body, nodeSha256) === row.hash);
  return { n, prev: row.prev, hash: row.hash, isHashValid };
}

export async function checkChainOnArrival(
  tx: Queryable,
  logger: Logger,
  scope: ChainScope,
  arriving: readonly ArrivingLink[],
  now: Date,
): Promise<void> {
  if (arriving.length === 0) return;
  const { portId, deviceId, officerId } = scope;
  const lookedUp = new Set<number>();
  for (const { n } of arriving) {
    if (n > 1) lookedUp.add(n - 1);
    lookedUp.add(n);
    lookedUp.add(n + 1);
  }
  // The numbers to look at, as ranges (a batch's links are mostly consecutive): each
  // range is one correlated probe of the (port, device, n) index, whatever the planner
  // knows of the table; a long list of numbers was planned as a scan on PostgreSQL.
  // The chain's row comes in the same statement (one round trip under the port's lock),
  // and with it the head's next link, which the walk needs too. OFFSET 0 keeps each
  // range a probe of its own: flattened into a join, PostgreSQL scanned every link of
  // the desk.
  const ranges = rangesOf([...lookedUp]);
  const [read] = await tx.query<{ head_n: number | null; head_hash: string | null; links: StoredLinkRow[] | null; next: StoredLinkRow[] | null }>(
    `SELECT c.head_n, c.head_hash,
       (SELECT json_agg(json_build_object('n', m.audit_n, 'prev', m.audit_prev, 'hash', m.audit_hash,
          'body', CASE WHEN m.audit_n > coalesce(c.head_n, 0) THEN m.body END))
        FROM unnest(string_to_array($3::text, ',')::int8[], string_to_array($4::text, ',')::int8[]) AS r(lo, hi)
        CROSS JOIN LATERAL (
          SELECT audit_n, audit_prev, audit_hash, body FROM mutations
          WHERE port_id = $1 AND device_id = $2 AND audit_n BETWEEN r.lo AND r.hi OFFSET 0
        ) AS m) AS links,
       (SELECT json_agg(json_build_object('n', audit_n, 'prev', audit_prev, 'hash', audit_hash, 'body', body))
        FROM mutations WHERE port_id = $1 AND device_id = $2 AND audit_n = coalesce(c.head_n, 0) + 1) AS next
     FROM (SELECT 1) AS one LEFT JOIN audit_chains c ON c.port_id = $1 AND c.device_id = $2`,
    [portId, deviceId, keyList(ranges.map((r) => r.lo)), keyList(ranges.map((r) => r.hi))],
  );
  const startHead = { n: Number(read?.head_n ?? 0), hash: read?.head_hash ?? AUDIT_GENESIS };
  // The head's next link, unless a range asked holds it already (each stored link once).
  const stored = [...(read?.links ?? []), ...(lookedUp.has(startHead.n + 1) ? [] : (read?.next ?? []))];
  lookedUp.add(startHead.n + 1);
  const { breaks, known } = checkArrivals(
    stored.map((row) => storedLink(row, startHead.n)),
    arriving,
  );

  let walked = walkHead(headAfterBreaks(startHead, breaks, known), known, (n) => lookedUp.has(n));
  if (walked.needsMore) {
    // Links delivered before the ones they follow: they were waiting, stored past the head.
    const from = walked.head.n;
    const later = await tx.query<StoredLinkRow>(
      `SELECT audit_n AS n, audit_prev AS prev, audit_hash AS hash, body FROM mutations
       WHERE port_id = $1 AND device_id = $2 AND audit_n > $3 AND audit_n <= $4`,
      [portId, deviceId, from, from + WALK_WINDOW],
    );
    const further: KnownLinks = new Map(known);
    for (const row of later) {
      const link = storedLink(row, startHead.n);
      if (lookedUp.has(link.n)) continue;
      further.set(link.n, [...(further.get(link.n) ?? []), link]);
    }
    walked = walkHead(walked.head, further, (n) => n <= from + WALK_WINDOW);
  }

  await tx.query(
    `INSERT INTO audit_chains (port_id, device_id, officer_id, head_n, head_hash, entries, broken, last_received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (port_id, device_id) DO UPDATE SET officer_id = excluded.officer_id, head_n = excluded.head_n,
       head_hash = excluded.head_hash, entries = audit_chains.entries + excluded.entries,
       broken = audit_chains.broken OR excluded.broken, last_received_at = excluded.last_received_at`,
    [portId, deviceId, officerId, walked.head.n, walked.head.hash, arriving.length, breaks.length > 0, now],
  );
  if (breaks.length === 0) return;
  const rows = breaks.map((b) => ({ break_id: randomUUID(), n: b.n, kind: b.kind, message: b.message }));
  await tx.query(
    `INSERT INTO audit_breaks (port_id, break_id, device_id, n, kind, message, source, detected_at)
     SELECT $1, b.break_id, $2, b.n, b.kind, b.message, 'push', $4
     FROM json_to_recordset($3::json) AS b(break_id uuid, n int8, kind text, message text)`,
    [portId, deviceId, JSON.stringify(rows), now],
  );
  for (const b of breaks) {
    logger.log('warn', 'audit.break', { portId, deviceId, officerId, n: b.n, kind: b.kind, mutationId: b.mutationId });
  }
}
