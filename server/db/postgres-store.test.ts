import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { type Db, openStore } from './db';

const postgres = STORE_VARIANTS.find((variant) => variant.name === 'postgres');

// BORDERDESK_SKIP_PG=1 leaves PostgreSQL out (test-stores.ts).
describe.skipIf(postgres === undefined)('PostgreSQL connections', () => {
  let store: TestStore;
  let db: Db;

  beforeAll(async () => {
    if (postgres === undefined) return;
    store = await postgres.create();
    db = await openStore(store.options);
  });
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  // A generic plan, kept per connection, was made while a table was small and scanned it
  // whole ever after (postgres-store.ts, PLAN_CACHE_MODE).
  it('plans every prepared statement for its own run, in pool queries and in transactions alike', async () => {
    const setting = "SELECT current_setting('plan_cache_mode') AS mode, $1::int AS n";
    for (let n = 0; n < 12; n++) {
      expect(await db.query(setting, [n])).toEqual([{ mode: 'force_custom_plan', n }]);
      expect(await db.transaction((tx) => tx.query(setting, [n]))).toEqual([{ mode: 'force_custom_plan', n }]);
    }
  });
});
