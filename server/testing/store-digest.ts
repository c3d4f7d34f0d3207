import type { Queryable } from '../db/db';

/**
 * A digest of every table of HQ's schema, in one round trip: a refused request must
 * leave each one as it was — not only the row counts (a PATCH changes none) but every
 * row. Each table's digest is its row count and the sum of its rows' `xmin` (the
 * transaction that wrote each row version): any committed insert, update or delete
 * changes it, even an update that writes the same values, and reading never does.
 * (Hashing every row's text took ~35 ms a digest; this, a few.) Tables named in
 * `except` are left out (a refusal writes its own row to refused_requests).
 */
export type StoreDigest = Record<string, string>;

const queries = new WeakMap<Queryable, Promise<{ tables: string[]; sql: string }>>();
const portQueries = new WeakMap<Queryable, Promise<{ tables: string[]; sql: string }>>();

async function digestingQuery(db: Queryable, isPortOnly = false): Promise<{ tables: string[]; sql: string }> {
  const rows = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const tables = rows.map((row) => row.name);
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const sql = `SELECT ${tables
    .map((name) => `(SELECT count(*) || ':' || coalesce(sum(xmin::text::int8), 0) FROM ${quoted(name)} t${isPortOnly ? " WHERE to_jsonb(t)->>'port_id' = $1" : ''}) AS ${quoted(name)}`)
    .join(', ')}`;
  return { tables, sql };
}

/** `port`: only the rows of that port (a table without port_id then counts as empty). */
export async function storeDigest(db: Queryable, except: readonly string[] = [], port?: string): Promise<StoreDigest> {
  const cache = port === undefined ? queries : portQueries;
  let query = cache.get(db);
  if (query === undefined) {
    query = digestingQuery(db, port !== undefined);
    cache.set(db, query);
  }
  const { sql } = await query;
  const [row] = await db.query<StoreDigest>(sql, port === undefined ? [] : [port]);
  if (row === undefined) throw new Error('no digest');
  const digest: StoreDigest = {};
  for (const [table, value] of Object.entries(row)) if (!except.includes(table)) digest[table] = value;
  return digest;
}

/** The tables whose rows differ between two digests. */
export function changedTables(before: StoreDigest, after: StoreDigest): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((table) => before[table] !== after[table]).sort();
}
