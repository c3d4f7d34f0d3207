import { fail, type Officer, ok, type PortLabel, type Result, type Session } from '../../../shared/index';
import Dexie from 'dexie';
import { type AccountsDb, deskDeviceId, forgetDeviceId } from '../db/accounts-db';
import { deskDbName } from '../db/desk-db';
import type { SecretStore } from '../platform/desk-platform';
import type { TokenHolder } from '../sync/hq-client';
import { loginToHq } from '../sync/hq-client';
import type { FetchFn } from '../sync/http';
import { createTokenHolder } from '../sync/token-holder';
import {
  createPasswordKeys,
  openSecret,
  type SealedSecret,
  sealSecret,
  type UnlockedKeys,
  unlockWithPassword,
} from './password-crypto';

export interface AccountDeps {
  accounts: AccountsDb;
  secrets: SecretStore;
  hqBaseUrl: string;
  fetch?: FetchFn;
}

/** A signed-in (or offline-unlocked) officer. Tokens live only in this object's memory. */
export interface DeskSession {
  username: string;
  officer: Officer;
  portId: string;
  /** The port's name, when HQ gave it (at this or an earlier online sign-in). */
  port: PortLabel | null;
  deviceId: string;
  tokens: TokenHolder;
  /** True when HQ checked the password just now; false when unlocked offline. */
  verifiedByHq: boolean;
}

export function refreshSecretKey(username: string): string {
  return `refresh.${username}`;
}

function sealedShape(value: unknown): value is SealedSecret {
  return (
    typeof value === 'object' &&
    value !== null &&
    'iv' in value &&
    'ciphertext' in value &&
    typeof value.iv === 'string' &&
    typeof value.ciphertext === 'string'
  );
}

async function storeRefreshToken(deps: AccountDeps, username: string, key: CryptoKey, token: string): Promise<void> {
  const sealed = await sealSecret(key, token);
  const saved = await deps.secrets.save(refreshSecretKey(username), JSON.stringify(sealed));
  if (!saved.ok) console.warn('refresh token not kept: the desk will ask for the password online next time', saved.error);
}

async function loadRefreshToken(deps: AccountDeps, username: string, key: CryptoKey): Promise<string | null> {
  const loaded = await deps.secrets.load(refreshSecretKey(username));
  if (!loaded.ok || loaded.data === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(loaded.data);
  } catch {
    return null;
  }
  return sealedShape(parsed) ? openSecret(key, parsed) : null;
}

function sessionFrom(
  deps: AccountDeps,
  username: string,
  officer: Officer,
  port: PortLabel | null,
  deviceId: string,
  keys: UnlockedKeys,
  refreshToken: string | null,
  accessToken: string | null,
): DeskSession {
  const tokens =
    refreshToken === null
      ? deadTokens()
      : createTokenHolder({
          baseUrl: deps.hqBaseUrl,
          deviceId,
          refreshToken,
          accessToken,
          ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
          onRotate: (session: Session) => storeRefreshToken(deps, username, keys.tokenKey, session.refreshToken),
        });
  return { username, officer, portId: officer.portId, port, deviceId, tokens, verifiedByHq: accessToken !== null };
}

/** No refresh token on this desk: syncing needs an online sign-in first. */
function deadTokens(): TokenHolder {
  return {
    accessToken: () => null,
    refresh: async () => ({
      ok: false,
      error: { code: 'unauthorized', message: '请联网重新登录 / Sign in again online', status: 401 },
    }),
  };
}

/**
 * Signs in against HQ. When HQ cannot be reached (no network, HQ down) and this officer
 * has signed in here before, the password is checked against the local verifier instead.
 */
export async function signIn(deps: AccountDeps, username: string, password: string): Promise<Result<DeskSession>> {
  const deviceId = await deskDeviceId(deps.accounts, username);
  const answer = await loginToHq(deps.hqBaseUrl, { username, password, deviceId }, deps.fetch);
  if (!answer.ok) {
    if (answer.error.code === 'access_revoked') {
      // HQ no longer lets this officer in: what this desk kept for them goes, offline unlock included.
      const known = await deps.accounts.accounts.get(username);
      if (known !== undefined) await forgetDesk(deps, { username, portId: known.portId });
      return fail('access_revoked', answer.error.message);
    }
    const unreachable = answer.error.status === 0 || answer.error.status >= 500;
    if (unreachable && (await deps.accounts.accounts.get(username)) !== undefined) {
      return unlockOffline(deps, username, password);
    }
    if (unreachable) {
      return fail('offline', '无法连接 HQ；本机首次登录需要联网 / HQ unreachable: the first sign-in on this desk needs the network');
    }
    const { code, message } = answer.error;
    return fail(code, code === 'invalid_credentials' ? '用户名或密码错误 / Wrong username or password' : message);
  }
  const session = answer.data;
  const keys = await createPasswordKeys(password);
  await deps.accounts.accounts.put({
    username,
    officer: session.officer,
    portId: session.officer.portId,
    ...(session.port === undefined ? {} : { port: session.port }),
    verifier: keys.verifier,
    lastSignInAt: new Date().toISOString(),
  });
  await deps.accounts.meta.put({ key: 'lastUsername', value: username });
  await storeRefreshToken(deps, username, keys.tokenKey, session.refreshToken);
  return ok(sessionFrom(deps, username, session.officer, session.port ?? null, deviceId, keys, session.refreshToken, session.accessToken));
}

/** Offline unlock with the local verifier; the sealed refresh token comes back with it. */
export async function unlockOffline(deps: AccountDeps, username: string, password: string): Promise<Result<DeskSession>> {
  const known = await deps.accounts.accounts.get(username);
  if (known === undefined) return fail('invalid_credentials', '本机没有该账号，请联网登录 / Unknown on this desk: sign in online');
  const keys = await unlockWithPassword(password, known.verifier);
  if (keys === null) return fail('invalid_credentials', '密码错误 / Wrong password');
  const deviceId = await deskDeviceId(deps.accounts, username);
  const refreshToken = await loadRefreshToken(deps, username, keys.tokenKey);
  return ok(sessionFrom(deps, username, known.officer, known.port ?? null, deviceId, keys, refreshToken, null));
}

/** For the lock screen: the session stays, only the password is checked. */
export async function verifyLocalPassword(accounts: AccountsDb, username: string, password: string): Promise<boolean> {
  const known = await accounts.accounts.get(username);
  return known !== undefined && (await unlockWithPassword(password, known.verifier)) !== null;
}

/**
 * Removes what this desk holds for an officer at a port whose access HQ revoked: the
 * port's database, the offline-unlock verifier and the sealed refresh token. Offline
 * unlock stops working; the next desk for this officer starts afresh.
 */
export async function forgetDesk(
  deps: Pick<AccountDeps, 'accounts' | 'secrets'>,
  who: { username: string; portId: string },
): Promise<void> {
  await Dexie.delete(deskDbName(who.portId, who.username));
  await deps.accounts.accounts.delete(who.username);
  await forgetDeviceId(deps.accounts, who.username);
  await deps.secrets.remove(refreshSecretKey(who.username));
  if ((await lastUsername(deps.accounts)) === who.username) await deps.accounts.meta.delete('lastUsername');
}

export async function lastUsername(accounts: AccountsDb): Promise<string | null> {
  return (await accounts.meta.get('lastUsername'))?.value ?? null;
}

