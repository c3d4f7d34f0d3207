import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
/** Any constant; it only has to be the same for every HQ process migrating one database. */
const MIGRATION_LOCK = 8_787_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const checksumOf = (migration: Migration) => createHash('sha256').update(migration.sql).digest('hex');

/**
 * Checksums migrations had in pre-release builds, before they were edited in place
 * (allowed once, before anything shipped). A database that recorded one was made by such
 * a build: it is refused with that reason, not mistaken for an edited shipped migration.
 * 0001_init until 2026-11-22: declarations.data and mutations.result were jsonb.
 */
const PRE_RELEASE_CHECKSUMS = new Map<number, readonly string[]>([
  [1, ['6661360af59f801b3830a7de5952f1a46f20448c9b27755a6441990522de2990']],
]);

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    const match = FILE_NAME.exec(file);
    if (match === null) continue;
    migrations.push({ version: Number(match[1]), name: match[2] ?? file, sql: readFileSync(`${dir}/${file}`, 'utf8') });
  }
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migrations must be numbered 0001, 0002, … without gaps; found ${migration.version} at ${index + 1}`);
    }
  });
  return migrations;
}

/**
 * Applies, in order, the migrations this database has not seen. Forward only: a shipped
 * file is never edited, a change is a new file — and HQ refuses to start on a database
 * whose applied migrations no longer match their files (checksums), rather than run
 * new code over a schema it does not describe. Each migration runs in its own
 * transaction under an advisory lock, so two HQ processes starting together do not both
 * apply it. Returns the versions applied now.
 */
export async function migrate(db: Db, migrations: Migration[] = loadMigrations()): Promise<number[]> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const columns = await tx.query(
      "SELECT 1 FROM information_schema.columns WHERE table_name = 'schema_migrations' AND column_name = 'checksum'",
    );
    if (columns.length === 0) {
      throw new Error('this database was made by an unreleased build of HQ (no migration checksums): start from an empty one');
    }
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const checksum = checksumOf(migration);
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const seen = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      const recorded = seen[0]?.checksum;
      if (recorded !== undefined && recorded !== checksum && PRE_RELEASE_CHECKSUMS.get(migration.version)?.includes(recorded)) {
        throw new Error(
          `this database was made by a pre-release build of HQ (migration ${migration.version} ${migration.name} changed before the first release): start from an empty database or data folder`,
        );
      }
      if (recorded !== undefined && recorded !== checksum) {
        throw new Error(
          `migration ${migration.version} (${migration.name}) differs from the one applied to this database: shipped migrations must not be edited (add a new one), or this database was made by an unreleased build`,
        );
      }
      if (recorded !== undefined) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        checksum,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}
