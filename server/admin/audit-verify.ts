import { randomUUID } from 'node:crypto';
import {
  type AuditChainProgress,
  type AuditProblem,
  type AuditVerdict,
  continueAuditChain,
  fail,
  ok,
  type Result,
  type StoredAuditEntry,
  startAuditChain,
} from '../../shared/index';
import { nodeSha256 } from '../audit/node-sha256';
import type { Db, Queryable } from '../db/db';
import type { Logger } from '../log';

/**
 * Re-verifies a desk's whole audit chain from what HQ stored (mutations.audit_n,
 * audit_prev, audit_hash, body), with the same verifier the desk's chain was made for
 * (shared/audit/chain.ts) and node:crypto's SHA-256. A chain can be long, so it is read
 * and checked a page at a time (continueAuditChain), never held whole. Entries are only
 * ever appended, so pages read one after another see a consistent chain: one that grows
 * meanwhile is checked up to where it was when its last page was read.
 *
 * Problems not on record yet are written to audit_breaks (source 'verify'); the chain is
 * marked verified now, and broken if a problem was found. A break once found stays on
 * record: re-verifying never clears it (the breaks list says what was found, and when).
 */
export const VERIFY_PAGE = 2000;
/** Problems kept and answered; a chain broken everywhere is reported by its first ones and the count. */
export const MAX_REPORTED_PROBLEMS = 1000;

const NO_ID = '00000000-0000-0000-0000-000000000000';

interface EntryRow {
  audit_n: number;
  mutation_id: string;
  audit_prev: string;
  audit_hash: string;
  body: string;
}

async function readPage(db: Queryable, portId: string, deviceId: string, after: { n: number; id: string }): Promise<EntryRow[]> {
  // A missing link or body (which HQ never stores) reads as '' and fails its check.
  return db.query<EntryRow>(
    `SELECT audit_n, mutation_id::text AS mutation_id, coalesce(audit_prev, '') AS audit_prev,
       coalesce(audit_hash, '') AS audit_hash, coalesce(body, '') AS body
     FROM mutations
     WHERE port_id = $1 AND device_id = $2 AND audit_n IS NOT NULL AND (audit_n, mutation_id) > ($3::int8, $4::uuid)
     ORDER BY audit_n, mutation_id LIMIT ${VERIFY_PAGE}`,
    [portId, deviceId, after.n, after.id],
  );
}

export async function verifyStoredChain(db: Db, logger: Logger, portId: string, deviceId: string, now: Date): Promise<Result<AuditVerdict>> {
  let progress: AuditChainProgress = startAuditChain();
  let problemCount = 0;
  let after = { n: 0, id: NO_ID };
  for (;;) {
    const rows = await readPage(db, portId, deviceId, after);
    const entries = rows.map((r): StoredAuditEntry => ({ n: r.audit_n, prev: r.audit_prev, hash: r.audit_hash, body: r.body }));
    const before = progress.problems.length;
    progress = continueAuditChain(progress, entries, nodeSha256);
    problemCount += progress.problems.length - before;
    if (progress.problems.length > MAX_REPORTED_PROBLEMS) progress = { ...progress, problems: progress.problems.slice(0, MAX_REPORTED_PROBLEMS) };
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < VERIFY_PAGE) break;
    after = { n: last.audit_n, id: last.mutation_id };
  }

  const recorded = await db.transaction(async (tx) => {
    const chain = await tx.query<{ broken: boolean }>(
      'SELECT broken FROM audit_chains WHERE port_id = $1 AND device_id = $2 FOR UPDATE',
      [portId, deviceId],
    );
    if (chain.length === 0 && progress.checked === 0) return null;
    const newBreaks = await recordBreaks(tx, portId, deviceId, progress.problems, now);
    const isBroken = problemCount > 0;
    const [updated] = await tx.query<{ broken: boolean }>(
      'UPDATE audit_chains SET verified_at = $3, broken = broken OR $4 WHERE port_id = $1 AND device_id = $2 RETURNING broken',
      [portId, deviceId, now, isBroken],
    );
    return { newBreaks, broken: updated?.broken ?? isBroken };
  });
  if (recorded === null) return fail('not_found', `HQ 没有此柜台的审计记录 / HQ holds no audit trail of desk ${deviceId}`, 'device');

  logger.log(problemCount > 0 ? 'warn' : 'info', 'audit.verified', {
    portId,
    deviceId,
    checked: progress.checked,
    headN: progress.head.n,
    problems: problemCount,
    newBreaks: recorded.newBreaks,
  });
  return ok({
    deviceId,
    checked: progress.checked,
    head: progress.head,
    problems: progress.problems,
    problemCount,
    newBreaks: recorded.newBreaks,
    broken: recorded.broken,
    verifiedAt: now.toISOString(),
  });
}

/** Writes the problems not already on record for this desk (same number, same kind); returns how many. */
async function recordBreaks(tx: Queryable, portId: string, deviceId: string, problems: readonly AuditProblem[], now: Date): Promise<number> {
  if (problems.length === 0) return 0;
  const known = await tx.query<{ n: number; kind: string }>('SELECT n, kind FROM audit_breaks WHERE port_id = $1 AND device_id = $2', [
    portId,
    deviceId,
  ]);
  const seen = new Set(known.map((b) => `${b.n}:${b.kind}`));
  const fresh = problems.filter((p) => {
    const key = `${p.n}:${p.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (fresh.length === 0) return 0;
  await tx.query(
    `INSERT INTO audit_breaks (port_id, break_id, device_id, n, kind, message, source, detected_at)
     SELECT $1, x.break_id, $2, x.n, x.kind, x.message, 'verify', $3
     FROM jsonb_to_recordset($4::jsonb) AS x(break_id uuid, n int8, kind text, message text)`,
    [portId, deviceId, now, JSON.stringify(fresh.map((p) => ({ break_id: randomUUID(), n: p.n, kind: p.kind, message: p.message })))],
  );
  return fresh.length;
}
