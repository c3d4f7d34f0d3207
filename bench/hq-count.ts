import type { Db } from '../server/db/db';

/**
 * What HQ holds after bench:hq, counted in SQL against what the desks made: every
 * declaration id once, every mutation id once, each desk's full count, and each desk's
 * audit chain as HQ recorded it.
 */
export interface DeskExpectation {
  deviceId: string;
  declarationIds: readonly string[];
}

export interface HqCount {
  expected: number;
  found: number;
  /** Declarations the desks made that HQ does not hold. */
  lost: number;
  /** Rows beyond one per declaration id, declaration rows no desk made, mutation rows beyond one per id. */
  duplicateDeclarations: number;
  unexpectedDeclarations: number;
  duplicateMutations: number;
  /** Declarations sharing a seq within a port (the feed would hand one of them out twice or skip one). */
  sharedSeqs: number;
  /** Flags HQ raised, by code (a declaration may carry several). */
  flags: Map<string, number>;
  /** Per desk: declarations found / mutations stored, where either differs from expected. */
  shortDesks: string[];
  /** audit_chains as HQ keeps it, per desk; null when HQ stores no chains. */
  chains: { heads: Map<string, { headN: number; entries: number; broken: boolean }>; breaks: number; linkedMutations: number } | null;
}

export async function countAtHq(db: Db, desks: readonly DeskExpectation[]): Promise<HqCount> {
  const owner = new Map<string, string>();
  for (const desk of desks) for (const id of desk.declarationIds) owner.set(id, desk.deviceId);

  const rows = await db.query<{ id: string }>('SELECT declaration_id::text AS id FROM declarations');
  const seen = new Set<string>();
  const foundBy = new Map<string, number>();
  let duplicateDeclarations = 0;
  let unexpectedDeclarations = 0;
  for (const { id } of rows) {
    if (seen.has(id)) duplicateDeclarations++;
    seen.add(id);
    const device = owner.get(id);
    if (device === undefined) unexpectedDeclarations++;
    else foundBy.set(device, (foundBy.get(device) ?? 0) + 1);
  }
  let lost = 0;
  for (const id of owner.keys()) if (!seen.has(id)) lost++;

  const [mutationCounts] = await db.query<{ rows: number; ids: number }>(
    'SELECT count(*)::int8 AS rows, count(DISTINCT (port_id, mutation_id))::int8 AS ids FROM mutations',
  );
  const [seqCounts] = await db.query<{ rows: number; seqs: number }>(
    'SELECT count(*)::int8 AS rows, count(DISTINCT (port_id, seq))::int8 AS seqs FROM declarations',
  );
  const byDevice = new Map(
    (await db.query<{ device_id: string; n: number }>('SELECT device_id, count(*)::int8 AS n FROM mutations GROUP BY device_id')).map((r) => [r.device_id, r.n]),
  );
  const shortDesks: string[] = [];
  for (const desk of desks) {
    const found = foundBy.get(desk.deviceId) ?? 0;
    const stored = byDevice.get(desk.deviceId) ?? 0;
    const want = desk.declarationIds.length;
    if (found !== want || stored !== want) shortDesks.push(`${desk.deviceId}: ${found} declarations, ${stored} mutations (want ${want})`);
  }

  const flags = new Map(
    (
      await db.query<{ code: string; n: number }>(
        "SELECT f->>'code' AS code, count(*)::int8 AS n FROM declarations CROSS JOIN LATERAL jsonb_array_elements(flags) AS f GROUP BY 1 ORDER BY 2 DESC",
      )
    ).map((r) => [r.code, r.n]),
  );
  return {
    expected: owner.size,
    flags,
    found: owner.size - lost,
    lost,
    duplicateDeclarations,
    unexpectedDeclarations,
    duplicateMutations: (mutationCounts?.rows ?? 0) - (mutationCounts?.ids ?? 0),
    sharedSeqs: (seqCounts?.rows ?? 0) - (seqCounts?.seqs ?? 0),
    shortDesks,
    chains: await countChains(db),
  };
}

async function countChains(db: Db): Promise<HqCount['chains']> {
  const [table] = await db.query<{ name: string | null }>("SELECT to_regclass('audit_chains')::text AS name");
  if (table?.name === null || table?.name === undefined) return null;
  const heads = new Map(
    (await db.query<{ device_id: string; head_n: number; entries: number; broken: boolean }>('SELECT device_id, head_n, entries, broken FROM audit_chains')).map(
      (r) => [r.device_id, { headN: r.head_n, entries: r.entries, broken: r.broken }],
    ),
  );
  const [breaks] = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM audit_breaks');
  const [linked] = await db.query<{ n: number }>('SELECT count(audit_n)::int8 AS n FROM mutations');
  return { heads, breaks: breaks?.n ?? 0, linkedMutations: linked?.n ?? 0 };
}
