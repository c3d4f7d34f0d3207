import pg from 'pg';
import type { Db, Queryable, Row } from './db';

/**
 * node-postgres returns int8 as strings and `date` as a local-time Date; we want what
 * PGlite gives: numbers (seqs and fen stay far below 2^53) and YYYY-MM-DD text.
 */
const INT8 = 20;
const DATE = 1082;
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
} as const;

/**
 * Statements with parameters run as named prepared statements: PostgreSQL parses and
 * plans each text once per connection instead of once per call (a push runs a dozen
 * long statements under its port's lock; parse and plan were a measurable part of
 * PostgreSQL's CPU per push). Names are handed out per distinct text, at most
 * PREPARED_MAX of them; texts beyond run unnamed, as before.
 */
const PREPARED_MAX = 500;
const preparedNames = new Map<string, string>();
function preparedName(sql: string): string | undefined {
  let name = preparedNames.get(sql);
  if (name === undefined && preparedNames.size < PREPARED_MAX) {
    name = `bd${preparedNames.size}`;
    preparedNames.set(sql, name);
  }
  return name;
}

/**
 * Every execution of a prepared statement is planned for its own parameters and the
 * tables as they are now. PostgreSQL's default may switch a statement to one generic
 * plan per connection after five runs, planned for tables as they were then: with
 * autovacuum off (and PGlite, which never runs it), a plan made while `mutations` was
 * small scanned the whole table on every push later, 0.6 s at 100,000 rows and growing,
 * on some connections and not others (bench:hq, 2026-12-08). Parsing is still saved.
 */
const PLAN_CACHE_MODE = 'force_custom_plan';

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await client.query<T>({ text: sql, name: params.length === 0 ? undefined : preparedName(sql), values: [...params], types: typeParsers });
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      // No parameters: node-postgres uses the simple protocol, which runs several statements.
      await client.query(sql);
    },
  };
}

export async function openPostgres(url: string, maxConnections = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, types: typeParsers, options: `-c plan_cache_mode=${PLAN_CACHE_MODE}` });
  // An idle client that loses its connection must not crash HQ; the next query reconnects.
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  const root = wrap(pool);
  return {
    kind: 'postgres',
    query: root.query,
    exec: root.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await fn(wrap(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
