import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../shared/result';
import { createSecretStore, type SafeStorageLike, safeStorageCipher, UNAVAILABLE_MESSAGE } from './secret-store';

/** Stands in for Electron's safeStorage: reversible, but the output never contains the input. */
function fakeSafeStorage(available = true) {
  const state = { available, rotated: false };
  const seal = (text: string) => Buffer.from(`sealed:${Buffer.from(text, 'utf8').toString('hex')}`);
  const api = {
    isAsyncEncryptionAvailable: vi.fn(async () => state.available),
    encryptStringAsync: vi.fn(async (plainText: string) => {
      if (!state.available) throw new Error('encryption unavailable');
      return seal(plainText);
    }),
    decryptStringAsync: vi.fn(async (encrypted: Buffer) => {
      const text = encrypted.toString('utf8');
      if (!text.startsWith('sealed:')) throw new Error('bad ciphertext');
      return { result: Buffer.from(text.slice(7), 'hex').toString('utf8'), shouldReEncrypt: state.rotated };
    }),
  } satisfies SafeStorageLike;
  return Object.assign(state, api);
}

let dir = '';
let file = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bd-secrets-'));
  file = join(dir, 'userData', 'secrets.json');
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('secret store over safeStorage', () => {
  it('round-trips a secret and never writes it in clear', async () => {
    const storage = fakeSafeStorage();
    const store = createSecretStore(file, safeStorageCipher(storage));
    const token = 'refresh-token-边民-1234567890';
    expect(await store.save('hq.refresh.dx.officer1', token)).toEqual(ok(null));
    expect(await store.load('hq.refresh.dx.officer1')).toEqual(ok(token));

    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain(token);
    expect(onDisk).not.toContain('refresh-token');
    const parsed: unknown = JSON.parse(onDisk);
    expect(parsed).toMatchObject({ version: 1, secrets: { 'hq.refresh.dx.officer1': expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) } });
    expect(storage.encryptStringAsync).toHaveBeenCalledWith(token);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('a new store on the same file (an app restart) still reads the secret', async () => {
    await createSecretStore(file, safeStorageCipher(fakeSafeStorage())).save('k', 'v');
    expect(await createSecretStore(file, safeStorageCipher(fakeSafeStorage())).load('k')).toEqual(ok('v'));
  });

  it('returns null for an unknown key and forgets a removed one', async () => {
    const store = createSecretStore(file, safeStorageCipher(fakeSafeStorage()));
    expect(await store.load('missing')).toEqual(ok(null));
    await store.save('a', '1');
    await store.save('b', '2');
    expect(await store.remove('a')).toEqual(ok(null));
    expect(await store.load('a')).toEqual(ok(null));
    expect(await store.load('b')).toEqual(ok('2'));
  });

  it('refuses to store anything when encryption is unavailable', async () => {
    const storage = fakeSafeStorage(false);
    const store = createSecretStore(file, safeStorageCipher(storage));
    expect(await store.save('k', 'plain-secret')).toEqual(fail('internal', UNAVAILABLE_MESSAGE));
    expect(await store.load('k')).toEqual(fail('internal', UNAVAILABLE_MESSAGE));
    await expect(stat(file)).rejects.toThrow();
    expect(storage.encryptStringAsync).not.toHaveBeenCalled();
  });

  it('keeps both secrets when saves race', async () => {
    const store = createSecretStore(file, safeStorageCipher(fakeSafeStorage()));
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save(`key-${i}`, `value-${i}`)));
    for (let i = 0; i < 20; i += 1) expect(await store.load(`key-${i}`)).toEqual(ok(`value-${i}`));
  });

  it('treats __proto__ as an ordinary key', async () => {
    const store = createSecretStore(file, safeStorageCipher(fakeSafeStorage()));
    await store.save('__proto__', 'p');
    await store.save('constructor', 'c');
    expect(await createSecretStore(file, safeStorageCipher(fakeSafeStorage())).load('__proto__')).toEqual(ok('p'));
    expect(await store.load('constructor')).toEqual(ok('c'));
    expect(await store.load('toString')).toEqual(ok(null));
  });

  it('re-encrypts when safeStorage says the key rotated', async () => {
    const storage = fakeSafeStorage();
    const store = createSecretStore(file, safeStorageCipher(storage));
    await store.save('k', 'v');
    storage.rotated = true;
    expect(await store.load('k')).toEqual(ok('v'));
    expect(storage.encryptStringAsync).toHaveBeenCalledTimes(2);
  });

  it('answers an undecryptable entry with internal, and a corrupt file as empty', async () => {
    const store = createSecretStore(file, safeStorageCipher(fakeSafeStorage()));
    await store.save('k', 'v');
    await writeFile(file, JSON.stringify({ version: 1, secrets: { k: Buffer.from('garbage').toString('base64') } }));
    const broken = await store.load('k');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error.code).toBe('internal');
    await writeFile(file, '{not json');
    expect(await store.load('k')).toEqual(ok(null));
    expect(await store.save('k', 'again')).toEqual(ok(null));
    expect(await store.load('k')).toEqual(ok('again'));
  });
});
