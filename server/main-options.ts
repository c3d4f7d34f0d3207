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
 * How many HQ processes serve the port (node:cluster): --workers / HQ_WORKERS, default 1.
 * Several need PostgreSQL: a PGlite data folder can be open in one process only.
 * Returns the count, or why the value is refused.
 */
export function workerCountFrom(flag: string | undefined, env: NodeJS.ProcessEnv, store: StoreOptions): number | string {
  const text = flag ?? env.HQ_WORKERS ?? '1';
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 64) return `--workers: expected 1–64, got ${text}`;
  if (count > 1 && store.kind !== 'postgres') return '--workers above 1 needs PostgreSQL (--database-url): a PGlite data folder is opened by one process only';
  return count;
}
