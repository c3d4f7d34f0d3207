import type { StoreOptions } from './db/db';

/** Which store HQ uses: --database-url / DATABASE_URL picks PostgreSQL, else PGlite in --data-dir. */
export function storeOptionsFrom(
  flags: { 'data-dir'?: string | undefined; 'database-url'?: string | undefined },
  env: NodeJS.ProcessEnv,
): StoreOptions {
  const url = flags['database-url'] ?? env.DATABASE_URL;
  if (url !== undefined && url !== '') return { kind: 'postgres', url };
  return { kind: 'pglite', dataDir: flags['data-dir'] ?? env.HQ_DATA_DIR ?? '.data/hq' };
}

/**
 * The default on PostgreSQL: one HQ process a core, at most DEFAULT_WORKERS_MAX (each
 * keeps a pool of 10 connections, and PostgreSQL's default allows 100). bench:hq on 2
 * cores: 6,118 mutations/s with two processes against 5,342 with one (2026-12-08).
 */
export const DEFAULT_WORKERS_MAX = 4;

/**
 * How many HQ processes serve the port (node:cluster): --workers / HQ_WORKERS; by
 * default one a core on PostgreSQL (`cores`, at most DEFAULT_WORKERS_MAX) and one on
 * PGlite, whose data folder can be open in one process only (so more is refused there).
 * Returns the count, or why the value is refused.
 */
export function workerCountFrom(flag: string | undefined, env: NodeJS.ProcessEnv, store: StoreOptions, cores: number): number | string {
  const text = flag ?? env.HQ_WORKERS;
  if (text === undefined || text === '') return store.kind === 'postgres' ? Math.max(1, Math.min(cores, DEFAULT_WORKERS_MAX)) : 1;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 64) return `--workers: expected 1–64, got ${text}`;
  if (count > 1 && store.kind !== 'postgres') return '--workers above 1 needs PostgreSQL (--database-url): a PGlite data folder is opened by one process only';
  return count;
}
