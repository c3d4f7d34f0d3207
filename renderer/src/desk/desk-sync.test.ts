import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DESK_DB_V1_STORES, DeskDb, deskDbName } from '../db/desk-db';
import type { SyncOutcome } from '../sync/run-sync';
import * as demo from '../testing/demo-data';
import { startDeskSync } from './desk-sync';

const names: string[] = [];

function freshName(): string {
  const name = deskDbName('DONGXING', `t${crypto.randomUUID().slice(0, 8)}`);
  names.push(name);
  return name;
}

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const idle: SyncOutcome = { kind: 'offline', error: { code: 'offline', message: 'offline', status: 0 }, at: new Date().toISOString() };

describe('the desk starts syncing', () => {
  it('only once the database has opened, its upgrade done', async () => {
    const name = freshName();
    const v1 = new Dexie(name);
    v1.version(1).stores(DESK_DB_V1_STORES);
    await v1.open();
    const record = demo.draft(demo.resident(1), 1_000);
    const deskTime = new Date().toISOString();
    await v1.table('outbox').add({ id: record.id, recordId: record.id, mutation: { id: record.id, type: 'declaration.create', deskTime, record }, createdAt: deskTime });
    v1.close();

    const db = new DeskDb(name);
    const seen: { open: boolean; linked: boolean }[] = [];
    const started = await startDeskSync({
      db,
      run: async () => {
        const open = db.isOpen();
        const [entry] = await db.outbox.toArray();
        seen.push({ open, linked: entry?.mutation.audit?.n === 1 });
        return idle;
      },
      isOnline: () => true,
      events: new EventTarget(),
      onOutcome: () => {},
      onNewerVersion: () => {},
    });
    if (!started.ok) throw new Error(started.error.message);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen[0]).toEqual({ open: true, linked: true });
    started.data.stop();
  });
});

describe('when another tab opens a newer version', () => {
  it('closes the database, stops syncing and says so', async () => {
    const name = freshName();
    const db = new DeskDb(name);
    let runs = 0;
    let told = 0;
    let deleted: boolean | null = null;
    const started = await startDeskSync({
      db,
      run: async () => {
        runs++;
        return idle;
      },
      isOnline: () => true,
      events: new EventTarget(),
      onOutcome: () => {},
      onNewerVersion: (change) => {
        told++;
        deleted = change.deleted;
      },
    });
    if (!started.ok) throw new Error(started.error.message);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(runs).toBe(1);

    // A newer desk in another tab: version 3 of the same database. It opens (this desk let go).
    const newer = new Dexie(name);
    newer.version(3).stores({ ...DESK_DB_V1_STORES, later: 'id' });
    await newer.open();
    expect(told).toBe(1);
    expect(deleted).toBe(false);
    expect(db.isOpen()).toBe(false);
    await expect(db.outbox.count()).rejects.toThrow();
    expect(await started.data.scheduler.syncNow()).toBeNull();
    started.data.scheduler.soon();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs).toBe(1);
    newer.close();
  });
});

describe('when another tab deletes the database (access revoked there)', () => {
  it('lets go at once, so the deletion goes through, and says it was deleted', async () => {
    const name = freshName();
    const db = new DeskDb(name);
    const changes: { deleted: boolean }[] = [];
    const started = await startDeskSync({
      db,
      run: async () => idle,
      isOnline: () => false,
      events: new EventTarget(),
      onOutcome: () => {},
      onNewerVersion: (change) => changes.push(change),
    });
    if (!started.ok) throw new Error(started.error.message);
    await Dexie.delete(name);
    expect(changes).toEqual([{ deleted: true }]);
    expect(await Dexie.exists(name)).toBe(false);
    await expect(db.outbox.count()).rejects.toThrow();
  });
});
