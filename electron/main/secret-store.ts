import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fail, ok, type Result } from '../../shared/result';
import { isMissingFile } from './config';

/** What the store needs from Electron's safeStorage (async API; the sync one is deprecated in 45, gone in 46). */
export interface SecretCipher {
  isAvailable(): Promise<boolean>;
  encrypt(plainText: string): Promise<Buffer>;
  decrypt(encrypted: Buffer): Promise<{ plainText: string; shouldReEncrypt: boolean }>;
}

export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

export function safeStorageCipher(safeStorage: SafeStorageLike): SecretCipher {
  return {
    isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    decrypt: async (encrypted) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted);
      return { plainText: result, shouldReEncrypt };
    },
  };
}

export interface SecretStore {
  isAvailable(): Promise<boolean>;
  save(key: string, value: string): Promise<Result<null>>;
  load(key: string): Promise<Result<string | null>>;
  remove(key: string): Promise<Result<null>>;
}

export const SECRETS_FILE_NAME = 'secrets.json';
const FILE_VERSION = 1;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const UNAVAILABLE_MESSAGE =
  '此电脑无法加密保存凭据（操作系统密钥环不可用），未保存。Secure storage (OS keyring) is unavailable on this machine; the secret was not stored in clear.';

/**
 * Secrets (HQ refresh tokens) in one JSON file in userData:
 * `{ "version": 1, "secrets": { "<key>": "<base64 of safeStorage ciphertext>" } }`.
 * Nothing is ever written in clear: without OS encryption every call is refused.
 * Operations run one at a time so two saves cannot lose each other's keys.
 */
export function createSecretStore(filePath: string, cipher: SecretCipher): SecretStore {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  const requireCipher = async (): Promise<Result<null>> =>
    (await cipher.isAvailable()) ? ok(null) : fail('internal', UNAVAILABLE_MESSAGE);

  return {
    isAvailable: () => cipher.isAvailable(),

    save: (key, value) =>
      serial(async () => {
        const ready = await requireCipher();
        if (!ready.ok) return ready;
        const secrets = await readSecrets(filePath);
        secrets.set(key, (await cipher.encrypt(value)).toString('base64'));
        await writeSecrets(filePath, secrets);
        return ok(null);
      }),

    load: (key) =>
      serial(async (): Promise<Result<string | null>> => {
        const ready = await requireCipher();
        if (!ready.ok) return ready;
        const secrets = await readSecrets(filePath);
        const stored = secrets.get(key);
        if (stored === undefined) return ok(null);
        let decrypted: { plainText: string; shouldReEncrypt: boolean };
        try {
          decrypted = await cipher.decrypt(Buffer.from(stored, 'base64'));
        } catch {
          return fail('internal', `The stored secret "${key}" could not be decrypted; sign in again.`);
        }
        if (decrypted.shouldReEncrypt) {
          secrets.set(key, (await cipher.encrypt(decrypted.plainText)).toString('base64'));
          await writeSecrets(filePath, secrets);
        }
        return ok(decrypted.plainText);
      }),

    remove: (key) =>
      serial(async () => {
        const secrets = await readSecrets(filePath);
        if (secrets.delete(key)) await writeSecrets(filePath, secrets);
        return ok(null);
      }),
  };
}

/**
 * A Map, not a plain object: keys come from the renderer and `__proto__` is a legal
 * key name. An unreadable or foreign file counts as empty (the officer signs in again);
 * an I/O error other than "missing" propagates and becomes `internal` at the IPC edge.
 */
async function readSecrets(filePath: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return new Map();
    throw error;
  }
  const secrets = new Map<string, string>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    console.warn(`[secrets] ${filePath} is not JSON; treating it as empty`);
    return secrets;
  }
  if (typeof parsed !== 'object' || parsed === null || !('secrets' in parsed)) return secrets;
  const entries = parsed.secrets;
  if (typeof entries !== 'object' || entries === null) return secrets;
  for (const [key, value] of Object.entries(entries)) {
    if (typeof value === 'string' && BASE64.test(value)) secrets.set(key, value);
  }
  return secrets;
}

async function writeSecrets(filePath: string, secrets: Map<string, string>): Promise<void> {
  await mkdir(dirname(filePath), { recursive: true });
  const body = JSON.stringify({ version: FILE_VERSION, secrets: Object.fromEntries(secrets) }, null, 2);
  const temporary = `${filePath}.${process.pid}.tmp`;
  await writeFile(temporary, body, { mode: 0o600 });
  await rename(temporary, filePath);
}
