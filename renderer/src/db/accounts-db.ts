import Dexie, { type Table } from 'dexie';
import type { Officer } from '../../../shared/index';
import type { PasswordVerifier } from '../auth/password-crypto';

/** An officer who has signed in online on this desk at least once. */
export interface KnownAccount {
  username: string;
  officer: Officer;
  portId: string;
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

/** This desk's id: made once, kept for good (HQ ties sessions and mutations to it). */
export async function deskDeviceId(db: AccountsDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await db.meta.get('deviceId');
    if (existing !== undefined) return existing.value;
    const value = `desk-${crypto.randomUUID()}`;
    await db.meta.put({ key: 'deviceId', value });
    return value;
  });
}
