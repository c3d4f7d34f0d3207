import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/index';
import { AccountsDb, deskDeviceId } from '../db/accounts-db';
import { deskDbName, openDeskDb } from '../db/desk-db';
import { saveDeclaration } from '../declarations/save-declaration';
import type { SecretStore } from '../platform/desk-platform';
import { createHqClient } from '../sync/hq-client';
import { runSync } from '../sync/run-sync';
import { createSyncScheduler } from '../sync/sync-scheduler';
import * as demo from '../testing/demo-data';
import { FakeHq } from '../testing/fake-hq';
import { type AccountDeps, forgetDesk, refreshSecretKey, signIn, unlockOffline } from './account-service';

let deps: AccountDeps;
let hq: FakeHq;
let secrets: Map<string, string>;
const r = demo.resident(1);

beforeEach(() => {
  hq = new FakeHq({ residents: [r], goodsList: demo.goodsList, policy: demo.policy, officer: demo.officer });
  secrets = new Map();
  const store: SecretStore = {
    save: async (key, value) => {
      secrets.set(key, value);
      return ok(null);
    },
    load: async (key) => ok(secrets.get(key) ?? null),
    remove: async (key) => {
      secrets.delete(key);
      return ok(null);
    },
  };
  deps = { accounts: new AccountsDb(`accounts-${crypto.randomUUID()}`), secrets: store, hqBaseUrl: 'http://hq.test', fetch: hq.fetch };
});

afterEach(async () => {
  await deps.accounts.delete();
  await Dexie.delete(deskDbName(demo.PORT, demo.officer.username));
});

/** Signs in, saves a declaration and syncs it: a desk with data for the port. */
async function workingDesk() {
  const signedIn = await signIn(deps, demo.officer.username, 'borderdesk');
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  const session = signedIn.data;
  const db = openDeskDb(session.portId, session.username);
  await db.open();
  const client = createHqClient({ baseUrl: 'http://hq.test', deviceId: session.deviceId, tokens: session.tokens, fetch: hq.fetch });
  await saveDeclaration(db, demo.draft(r, 1_000, { deviceId: session.deviceId }));
  expect((await runSync(db, client)).kind).toBe('ok');
  await saveDeclaration(db, demo.draft(r, 2_000, { deviceId: session.deviceId }));
  return { session, db, client };
}

describe('access revoked', () => {
  it('is how sync ends when HQ answers 403 access_revoked, on push, pull or refresh, and syncing stops', async () => {
    const { db, client, session } = await workingDesk();
    hq.revoked.add(demo.officer.id);
    const outcome = await runSync(db, client);
    expect(outcome).toMatchObject({ kind: 'accessRevoked', error: { code: 'access_revoked', status: 403 } });

    // Through a refresh (the access token expired meanwhile): the same answer.
    hq.expireAccessTokens();
    expect(await runSync(db, client)).toMatchObject({ kind: 'accessRevoked' });
    expect(session.tokens.accessToken()).toBeNull();

    let runs = 0;
    const scheduler = createSyncScheduler({
      run: async () => {
        runs++;
        return runSync(db, client);
      },
      isOnline: () => true,
      events: new EventTarget(),
      intervalMs: 5,
    });
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs).toBe(1);
    expect(scheduler.isRunning).toBe(false);
    expect(await scheduler.syncNow()).toBeNull();
    db.close();
  });

  it("removes the port's database, the account and its tokens: offline unlock no longer works", async () => {
    const { db, session } = await workingDesk();
    const oldDeviceId = session.deviceId;
    db.close();
    expect(await Dexie.exists(deskDbName(demo.PORT, demo.officer.username))).toBe(true);

    await forgetDesk(deps, { username: session.username, portId: session.portId });
    expect(await Dexie.exists(deskDbName(demo.PORT, demo.officer.username))).toBe(false);
    expect(await deps.accounts.accounts.get(demo.officer.username)).toBeUndefined();
    expect(secrets.has(refreshSecretKey(demo.officer.username))).toBe(false);
    expect(await unlockOffline(deps, demo.officer.username, 'borderdesk')).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    hq.offline = true;
    expect(await signIn(deps, demo.officer.username, 'borderdesk')).toMatchObject({ ok: false, error: { code: 'offline' } });
    // A later desk for this officer starts a new audit chain under a new device id.
    expect(await deskDeviceId(deps.accounts, demo.officer.username)).not.toBe(oldDeviceId);
  });

  it('also forgets the officer when HQ refuses the sign-in itself as revoked', async () => {
    const { db } = await workingDesk();
    db.close();
    hq.revoked.add(demo.officer.id);
    const refused = await signIn(deps, demo.officer.username, 'borderdesk');
    expect(refused).toMatchObject({ ok: false, error: { code: 'access_revoked' } });
    expect(await Dexie.exists(deskDbName(demo.PORT, demo.officer.username))).toBe(false);
    expect(await deps.accounts.accounts.count()).toBe(0);
  });
});

describe('deskDeviceId', () => {
  it('is one per officer, kept for good; the first officer after the update keeps the old per-profile id', async () => {
    await deps.accounts.meta.put({ key: 'deviceId', value: 'desk-legacy-0001' });
    expect(await deskDeviceId(deps.accounts, 'dx.officer1')).toBe('desk-legacy-0001');
    const second = await deskDeviceId(deps.accounts, 'dx.officer2');
    expect(second).not.toBe('desk-legacy-0001');
    expect(await deskDeviceId(deps.accounts, 'dx.officer1')).toBe('desk-legacy-0001');
    expect(await deskDeviceId(deps.accounts, 'dx.officer2')).toBe(second);
  });
});
