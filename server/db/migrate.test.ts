import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { type Db, openStore } from './db';
import { loadMigrations, migrate } from './migrate';

/** Tables that are not per-port data: global settings, the login directory, the migration log. */
const GLOBAL_TABLES = ['hq_settings', 'officer_logins', 'ports', 'schema_migrations'];

describe.each(STORE_VARIANTS)('store and migrations ($name)', (variant) => {
  let store: TestStore;
  let db: Db;

  beforeAll(async () => {
    store = await variant.create();
    db = await openStore(store.options);
  });
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it('applies every migration once, in order, and records it', async () => {
    const all = loadMigrations().map((m) => m.version);
    expect(await migrate(db)).toEqual(all);
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(all);
  });

  it('refuses to run over a database whose applied migration was edited', async () => {
    const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/must not be edited/);
  });

  it('tells a database made by a pre-release build (0001 before json records) from an edited migration', async () => {
    const [recorded] = await db.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = 1');
    await db.query("UPDATE schema_migrations SET checksum = '6661360af59f801b3830a7de5952f1a46f20448c9b27755a6441990522de2990' WHERE version = 1");
    try {
      await expect(migrate(db)).rejects.toThrow(/pre-release build of HQ \(migration 1 init changed before the first release\)/);
    } finally {
      await db.query('UPDATE schema_migrations SET checksum = $1 WHERE version = 1', [recorded?.checksum]);
    }
    expect(await migrate(db)).toEqual([]);
  });

  it('applies a new migration file after the shipped ones', async () => {
    const next = { version: loadMigrations().length + 1, name: 'test_addition', sql: 'CREATE TABLE test_addition (port_id text PRIMARY KEY)' };
    expect(await migrate(db, [...loadMigrations(), next])).toEqual([next.version]);
    await db.exec('DROP TABLE test_addition');
  });

  it('puts port_id first in the primary key of every per-port table, and indexes every feed by (port_id, seq)', async () => {
    const keys = await db.query<{ table_name: string; column_name: string; ordinal_position: number }>(
      `SELECT tc.table_name, kcu.column_name, kcu.ordinal_position
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu
         ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
       WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public' AND kcu.ordinal_position = 1`,
    );
    const perPort = keys.filter((k) => !GLOBAL_TABLES.includes(k.table_name));
    expect(perPort.length).toBeGreaterThanOrEqual(9);
    for (const key of perPort) expect(key, key.table_name).toMatchObject({ column_name: 'port_id' });

    const withSeq = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'seq'",
    );
    const feedIndexes = await db.query<{ tablename: string; indexdef: string }>(
      "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '%(port_id, seq)%'",
    );
    // declarations, residents, market_points, goods_lists, policies, officers, conflicts,
    // two_step_entries, two_step_policies, sites, consignments, inspection_orders, inspections, gate_policies,
    // mutual_aid_groups, group_declarations, processing_firms, processing_policies, processing_sales,
    // central_declarations, direct_transports
    expect(withSeq.length).toBe(21);
    expect(new Set(feedIndexes.map((i) => i.tablename))).toEqual(new Set(withSeq.map((t) => t.table_name)));
  });

  it('returns int8 as numbers and dates as YYYY-MM-DD text from both stores', async () => {
    const [row] = await db.query<{ n: number; d: string }>("SELECT 9007199254740::int8 AS n, '2026-03-01'::date AS d");
    expect(row).toEqual({ n: 9007199254740, d: '2026-03-01' });
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.exec('CREATE TEMP TABLE t (v int)');
    await db.transaction((tx) => tx.query('INSERT INTO t VALUES (1)'));
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (2)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    // A temp table is per connection: read it back inside a transaction on the same session.
    const values = await db.transaction((tx) => tx.query<{ v: number }>('SELECT v FROM t ORDER BY v'));
    expect(values.map((r) => r.v)).toEqual([1]);
  });
});
