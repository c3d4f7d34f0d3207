import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resident } from '../../shared/index';
import { type Db, openStore, type Queryable } from '../db/db';
import { migrate } from '../db/migrate';
import { upsertResidents } from '../reference/reference-store';
import { seedDemoData } from '../seed/seed';
import { demoResidents } from '../seed/demo-data';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { loadResidents, ResidentCache } from './resident-cache';

/**
 * The cache trusts its entries without a per-id check only while the port's highest
 * resident seq is the one it saw when it last confirmed them: any resident written
 * since (every write takes a fresh seq) makes it check again, and a changed resident
 * is read in its new state.
 */
describe.each(STORE_VARIANTS)('resident cache ($name)', (variant) => {
  let store: TestStore;
  let db: Db;
  let a: Resident;
  let b: Resident;
  const statements: string[] = [];

  /** The store, noting each statement's first words. */
  const noting = (tx: Queryable): Queryable => ({
    query(sql, params) {
      statements.push(sql.replace(/\s+/g, ' ').trim().slice(0, 40));
      return tx.query(sql, params);
    },
    exec: (sql) => tx.exec(sql),
  });

  const load = (cache: ResidentCache, ids: string[]) =>
    db.transaction((tx) => loadResidents(noting(tx), 'DONGXING', ids.map((id) => id.toLowerCase()), cache));

  beforeAll(async () => {
    store = await variant.create();
    db = await openStore(store.options);
    await migrate(db);
    await seedDemoData(db);
    const residents = demoResidents('DONGXING');
    [a, b] = [residents[0] as Resident, residents[1] as Resident];
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it('skips the per-id check while no resident changed, and reads a changed one again', async () => {
    const cache = new ResidentCache();
    const first = await load(cache, [a.id, b.id]);
    expect(first.get(a.id.toLowerCase())?.name).toBe(a.name);
    expect(statements.length).toBe(3); // highest seq, seqs by id, records

    statements.length = 0;
    const second = await load(cache, [a.id, b.id]);
    expect(second.get(b.id.toLowerCase())).toEqual(first.get(b.id.toLowerCase()));
    expect(statements.length).toBe(1); // highest seq only

    // b changes: the highest seq moves, both are checked by id, only b is read again.
    await db.transaction((tx) => upsertResidents(tx, 'DONGXING', [{ ...b, name: `${b.name}（改）` }]));
    statements.length = 0;
    const third = await load(cache, [a.id, b.id]);
    expect(third.get(b.id.toLowerCase())?.name).toBe(`${b.name}（改）`);
    expect(third.get(a.id.toLowerCase())?.name).toBe(a.name);
    expect(statements.length).toBe(3);

    statements.length = 0;
    expect((await load(cache, [b.id])).get(b.id.toLowerCase())?.name).toBe(`${b.name}（改）`);
    expect(statements.length).toBe(1);
  });

  it('leaves out an id HQ does not hold, every time', async () => {
    const cache = new ResidentCache();
    const unknown = '00000000-0000-4000-8000-000000000001';
    expect((await load(cache, [a.id, unknown])).has(unknown)).toBe(false);
    expect((await load(cache, [unknown])).size).toBe(0);
  });
});
