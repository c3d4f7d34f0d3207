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
