import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { StoreOptions } from '../db/db';

/**
 * The two stores every server test runs against. PostgreSQL gets a throwaway database
 * per test file. When PostgreSQL is down its variant FAILS (a skipped variant would hide
 * a broken store); set BORDERDESK_SKIP_PG=1 to leave it out on purpose.
 */
export interface TestStore {
  options: StoreOptions;
  /** Drops what the store made (the throwaway database). */
  dispose(): Promise<void>;
}

export interface StoreVariant {
  name: 'pglite' | 'postgres';
  create(): Promise<TestStore>;
}

export const ADMIN_URL = process.env.BORDERDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`PostgreSQL unreachable at ${ADMIN_URL} (${reason}); start it or set BORDERDESK_SKIP_PG=1`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const pgliteVariant: StoreVariant = {
  name: 'pglite',
  create: async () => ({ options: { kind: 'pglite' }, dispose: async () => {} }),
};

const postgresVariant: StoreVariant = {
  name: 'postgres',
  async create() {
    const name = `bd_t_${randomBytes(6).toString('hex')}`;
    await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      options: { kind: 'postgres', url: url.toString(), maxConnections: 4 },
      dispose: () => withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
    };
  },
};

export const STORE_VARIANTS: StoreVariant[] =
  process.env.BORDERDESK_SKIP_PG === '1' ? [pgliteVariant] : [pgliteVariant, postgresVariant];
