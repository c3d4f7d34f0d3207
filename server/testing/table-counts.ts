import type { Queryable } from '../db/db';

/**
 * Row counts of every table of HQ's schema, in one round trip. Tests take one before and
 * one after a request to prove that a refused request changed nothing. The list of
 * tables is read once per store: tests do not change the schema under way.
 */
export type TableCounts = Record<string, number>;

/** The one query that counts every table's rows (the table list read once). */
async function countingQuery(db: Queryable): Promise<string> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return `SELECT ${tables.map(({ name }) => `(SELECT count(*) FROM ${quoted(name)})::int8 AS ${quoted(name)}`).join(', ')}`;
}

const queries = new WeakMap<Queryable, Promise<string>>();

export async function tableCounts(db: Queryable): Promise<TableCounts> {
  let sql = queries.get(db);
  if (sql === undefined) {
    sql = countingQuery(db);
    queries.set(db, sql);
  }
  const [row] = await db.query<TableCounts>(await sql);
  if (row === undefined) throw new Error('no counts');
  return { ...row };
}

/** What changed between two counts: table → difference (only tables that changed). */
export function countChanges(before: TableCounts, after: TableCounts): Record<string, number> {
  const changes: Record<string, number> = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const delta = (after[name] ?? 0) - (before[name] ?? 0);
    if (delta !== 0) changes[name] = delta;
  }
  return changes;
}
