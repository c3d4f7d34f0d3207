import { randomUUID } from 'node:crypto';
import { auditBody, type AuditLink, nextAuditLink } from '../../shared/index';
import type { Queryable } from '../db/db';
import type { Harness } from '../testing/hq-harness';
import { type TableCounts, tableCounts } from '../testing/table-counts';

/**
 * Helpers for the administrator API's tests (plain code, no vitest): one request with
 * its parsed answer, a snapshot of what a refused request must leave alone, and a desk's
 * audit chain written into `mutations` the way HQ stores it.
 */
export interface Answer {
  status: number;
  body: unknown;
  /** The answer's `error.code`, when it is an error. */
  code: string | undefined;
}

export async function call(h: Harness, token: string | undefined, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await h.request(path, {
    method,
    ...(token === undefined ? {} : { token }),
    protocol: false,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const parsed: unknown = text === '' ? null : JSON.parse(text);
  const error = (parsed as { error?: { code?: unknown } } | null)?.error;
  return { status: res.status, body: parsed, code: typeof error?.code === 'string' ? error.code : undefined };
}

/** Row counts, every port's change counter and every revoked token: a refusal changes none of them (but its refusal row). */
export async function hqState(db: Queryable): Promise<{ counts: TableCounts; seqs: unknown; revoked: unknown; data: unknown }> {
  const [counts, seqs, revoked, data] = await Promise.all([
    tableCounts(db),
    db.query('SELECT port_id, last_seq FROM ports ORDER BY port_id'),
    db.query('SELECT count(*)::int8 AS n FROM refresh_tokens WHERE revoked_at IS NOT NULL'),
    db.query(
      `SELECT (SELECT string_agg(data::text || disabled::text || password_hash, ',' ORDER BY officer_id) FROM officers) AS officers,
              (SELECT string_agg(data::text, ',' ORDER BY point_id) FROM market_points) AS points,
              (SELECT string_agg(coalesce(verified_at::text, '-') || broken::text, ',' ORDER BY device_id) FROM audit_chains) AS chains`,
    ),
  ]);
  return { counts, seqs, revoked, data };
}

export interface ChainEntry {
  mutationId: string;
  link: AuditLink;
  body: string;
}

/**
 * Writes `count` entries of a desk's chain into `mutations` (and its audit_chains row),
 * continuing from `head`. The mutations are made-up declaration updates: what is stored
 * is what the chain covers.
 */
export async function storeChain(
  db: Queryable,
  input: { portId: string; deviceId: string; officerId: string; count: number; at: Date; head?: AuditLink | null },
): Promise<ChainEntry[]> {
  const entries: ChainEntry[] = [];
  let head: AuditLink | null = input.head ?? null;
  for (let i = 0; i < input.count; i++) {
    const mutationId = randomUUID();
    const change = { id: mutationId, type: 'declaration.update', deskTime: input.at.toISOString(), portId: input.portId, n: i };
    const link = nextAuditLink(head, change);
    entries.push({ mutationId, link, body: auditBody({ ...change, audit: link }) });
    head = link;
  }
  const rows = entries.map((e) => ({
    mutation_id: e.mutationId,
    audit_n: e.link.n,
    audit_prev: e.link.prev,
    audit_hash: e.link.hash,
    body: e.body,
  }));
  await db.query(
    `INSERT INTO mutations (port_id, mutation_id, device_id, officer_id, result, received_at, audit_n, audit_prev, audit_hash, body, desk_time, mutation_type)
     SELECT $1, x.mutation_id, $2, $3, '{}'::json, $4, x.audit_n, x.audit_prev, x.audit_hash, x.body, $4, 'declaration.update'
     FROM jsonb_to_recordset($5::jsonb) AS x(mutation_id uuid, audit_n int8, audit_prev text, audit_hash text, body text)`,
    [input.portId, input.deviceId, input.officerId, input.at, JSON.stringify(rows)],
  );
  const last = entries[entries.length - 1];
  if (last !== undefined) {
    await db.query(
      `INSERT INTO audit_chains (port_id, device_id, officer_id, head_n, head_hash, entries, broken, last_received_at)
       VALUES ($1, $2, $3, $4, $5, $4, false, $6)
       ON CONFLICT (port_id, device_id) DO UPDATE SET head_n = EXCLUDED.head_n, head_hash = EXCLUDED.head_hash,
         entries = EXCLUDED.entries, last_received_at = EXCLUDED.last_received_at`,
      [input.portId, input.deviceId, input.officerId, last.link.n, last.link.hash, input.at],
    );
  }
  return entries;
}
