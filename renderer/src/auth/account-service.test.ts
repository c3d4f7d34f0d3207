import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/index';
import { AccountsDb } from '../db/accounts-db';
import type { SecretStore } from '../platform/desk-platform';
import * as demo from '../testing/demo-data';
import { FakeHq } from '../testing/fake-hq';
import { type AccountDeps, refreshSecretKey, signIn, unlockOffline, verifyLocalPassword } from './account-service';

let deps: AccountDeps;
let hq: FakeHq;
let secrets: Map<string, string>;

beforeEach(() => {
  hq = new FakeHq({ goodsList: demo.goodsList, policy: demo.policy, officer: demo.officer });
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
});

describe('signIn', () => {
  it('signs in online and keeps only a verifier and a sealed refresh token', async () => {
    const result = await signIn(deps, 'dx.officer1', 'borderdesk');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.verifiedByHq).toBe(true);
    expect(result.data.portId).toBe('DONGXING');
    expect(result.data.port).toEqual({ name: '东兴口岸', nameEn: 'Dongxing Port' });
    const account = await deps.accounts.accounts.get('dx.officer1');
    expect(account?.verifier.iterations).toBeGreaterThanOrEqual(210_000);
    const blob = secrets.get(refreshSecretKey('dx.officer1')) ?? '';
    expect(blob).toContain('ciphertext');
    expect(blob).not.toContain('refresh-');
    expect(JSON.stringify(account)).not.toContain('borderdesk"');
  });

  it('passes on HQ refusing the password', async () => {
    const result = await signIn(deps, 'dx.officer1', 'wrong');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(await deps.accounts.accounts.count()).toBe(0);
  });

  it('unlocks offline with the local verifier once the officer is known, and gets the refresh token back', async () => {
    expect((await signIn(deps, 'dx.officer1', 'borderdesk')).ok).toBe(true);
    hq.offline = true;
    const wrong = await signIn(deps, 'dx.officer1', 'nope');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    const right = await signIn(deps, 'dx.officer1', 'borderdesk');
    if (!right.ok) throw new Error(right.error.message);
    expect(right.data.verifiedByHq).toBe(false);
    expect(right.data.port).toEqual({ name: '东兴口岸', nameEn: 'Dongxing Port' });
    expect(right.data.tokens.accessToken()).toBeNull();
    // Back online: the unsealed refresh token gets an access token, and the rotated one is stored sealed.
    hq.offline = false;
    const before = secrets.get(refreshSecretKey('dx.officer1'));
    expect((await right.data.tokens.refresh()).ok).toBe(true);
    expect(right.data.tokens.accessToken()).not.toBeNull();
    expect(secrets.get(refreshSecretKey('dx.officer1'))).not.toBe(before);
    const again = await unlockOffline(deps, 'dx.officer1', 'borderdesk');
    if (!again.ok) throw new Error(again.error.message);
    expect((await again.data.tokens.refresh()).ok).toBe(true);
  });

  it('needs the network for an officer never seen on this desk', async () => {
    hq.offline = true;
    const result = await signIn(deps, 'dx.officer1', 'borderdesk');
    expect(result).toMatchObject({ ok: false, error: { code: 'offline' } });
  });

  it('checks the password for the lock screen', async () => {
    await signIn(deps, 'dx.officer1', 'borderdesk');
    expect(await verifyLocalPassword(deps.accounts, 'dx.officer1', 'borderdesk')).toBe(true);
    expect(await verifyLocalPassword(deps.accounts, 'dx.officer1', 'x')).toBe(false);
  });
});
