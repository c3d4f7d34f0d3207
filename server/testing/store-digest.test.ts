import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openStore } from '../db/db';
import { changedTables, storeDigest } from './store-digest';
import { STORE_VARIANTS, type TestStore } from './test-stores';

describe.each(STORE_VARIANTS)('storeDigest ($name)', (variant) => {
  let store: TestStore;
  let db: Db;

  beforeAll(async () => {
    store = await variant.create();
    db = await openStore(store.options);
    await db.exec(`CREATE TABLE a (id int PRIMARY KEY, port_id text, v text);
      CREATE TABLE b (id int PRIMARY KEY, v text);
      INSERT INTO a VALUES (1, 'DONGXING', 'x'), (2, 'PINGXIANG', 'y');
      INSERT INTO b VALUES (1, 'z')`);
  });
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  async function changedBy(write: (db: Db) => Promise<unknown>, except: string[] = [], port?: string): Promise<string[]> {
    const before = await storeDigest(db, except, port);
    await write(db);
    return changedTables(before, await storeDigest(db, except, port));
  }

  it('sees every committed write, even one that writes the same values, and only in its table', async () => {
    expect(await changedBy((d) => d.query("UPDATE a SET v = 'x2' WHERE id = 1"))).toEqual(['a']);
    expect(await changedBy((d) => d.query('UPDATE b SET v = v'))).toEqual(['b']);
    expect(await changedBy((d) => d.query("INSERT INTO b VALUES (2, 'w')"))).toEqual(['b']);
    expect(await changedBy((d) => d.query('DELETE FROM b WHERE id = 2'))).toEqual(['b']);
    // Deleted and inserted again as it was, in one transaction.
    const sameRowAgain = (d: Db) =>
      d.transaction(async (tx) => {
        await tx.query('DELETE FROM b WHERE id = 1');
        await tx.query("INSERT INTO b VALUES (1, 'z')");
      });
    expect(await changedBy(sameRowAgain)).toEqual(['b']);
  });

  it('sees no change from reads or from a rolled-back write, and leaves out what it is told to', async () => {
    expect(await changedBy((d) => d.query('SELECT * FROM a, b'))).toEqual([]);
    const rolledBack = (d: Db) =>
      d
        .transaction(async (tx) => {
          await tx.query("UPDATE a SET v = 'gone'");
          throw new Error('roll back');
        })
        .catch(() => undefined);
    expect(await changedBy(rolledBack)).toEqual([]);
    expect(await changedBy((d) => d.query("UPDATE b SET v = 'q'"), ['b'])).toEqual([]);
  });

  it("with a port, sees only that port's rows", async () => {
    expect(await changedBy((d) => d.query("UPDATE a SET v = 'y2' WHERE port_id = 'PINGXIANG'"), [], 'DONGXING')).toEqual([]);
    expect(await changedBy((d) => d.query("UPDATE a SET v = 'x3' WHERE port_id = 'DONGXING'"), [], 'DONGXING')).toEqual(['a']);
  });
});
