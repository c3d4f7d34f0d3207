import Dexie, { type Table } from 'dexie';
import type { Officer, PortLabel } from '../../../shared/index';
import type { PasswordVerifier } from '../auth/password-crypto';

/** An officer who has signed in online on this desk at least once. */
export interface KnownAccount {
  username: string;
  officer: Officer;
  portId: string;
  /** The port's name as HQ gave it at the last online sign-in (absent from older rows). */
  port?: PortLabel;
  /** Local slow-hash verifier for offline unlock. */
  verifier: PasswordVerifier;
  lastSignInAt: string;
}

/** Web mode's secret store: blobs that are already encrypted before they get here. */
export interface SecretRow {
  key: string;
  value: string;
}

export interface AccountsMetaRow {
  key: string;
  value: string;
}

export const ACCOUNTS_DB_NAME = 'borderdesk-accounts';

export class AccountsDb extends Dexie {
  declare accounts: Table<KnownAccount, string>;
  declare secrets: Table<SecretRow, string>;
  declare meta: Table<AccountsMetaRow, string>;

  constructor(name = ACCOUNTS_DB_NAME) {
    super(name);
    // v1 — 2026-11-21: first shipped schema.
    this.version(1).stores({
      accounts: 'username',
      secrets: 'key',
      meta: 'key',
    });
  }
}

let shared: AccountsDb | null = null;

export function accountsDb(): AccountsDb {
  shared ??= new AccountsDb();
  return shared;
}

function deviceIdKey(username: string): string {
  return `deviceId.${username}`;
}

/**
 * This desk's id for one officer: made once, kept for good (HQ ties sessions, mutations
 * and the officer's audit chain to it). One per officer, not one per browser profile:
 * each officer has their own database and so their own audit chain, and HQ keys chains
 * by port and device — two officers sharing a profile under one id would look like a
 * forked chain. The first release kept one id per profile: the first officer to sign in
 * after the update keeps it (their refresh token is tied to it).
 */
export async function deskDeviceId(db: AccountsDb, username: string): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await db.meta.get(deviceIdKey(username));
    if (existing !== undefined) return existing.value;
    const legacy = await db.meta.get('deviceId');
    const value = legacy?.value ?? `desk-${crypto.randomUUID()}`;
    if (legacy !== undefined) await db.meta.delete('deviceId');
    await db.meta.put({ key: deviceIdKey(username), value });
    return value;
  });
}

/**
 * Forgets an officer's device id: a desk whose database was deleted starts a new audit
 * chain, and must not restart the old one's numbering under the same id.
 */
export async function forgetDeviceId(db: AccountsDb, username: string): Promise<void> {
  await db.meta.delete(deviceIdKey(username));
}
