/**
 * Offline unlock and the encrypted refresh token, with WebCrypto only.
 *
 * One slow hash per unlock: PBKDF2-SHA256 (≥ 210,000 iterations, OWASP 2023) turns the
 * password and a random salt into a master secret. HKDF splits it into two unrelated
 * keys: a verifier (stored, compared on unlock) and an AES-GCM key (never stored) that
 * seals the refresh token. Knowing the verifier does not give the AES key.
 */
export const PBKDF2_ITERATIONS = 210_000;

export interface PasswordVerifier {
  algorithm: 'PBKDF2-SHA256+HKDF';
  iterations: number;
  salt: string;
  verifier: string;
}

export interface SealedSecret {
  iv: string;
  ciphertext: string;
}

export interface UnlockedKeys {
  verifier: PasswordVerifier;
  tokenKey: CryptoKey;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

async function masterKey(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const passwordKey = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, passwordKey, 256);
  return crypto.subtle.importKey('raw', bits, 'HKDF', false, ['deriveBits', 'deriveKey']);
}

function hkdf(info: string) {
  return { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(info) } as const;
}

async function deriveKeys(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<UnlockedKeys> {
  const master = await masterKey(password, salt, iterations);
  const verifierBits = await crypto.subtle.deriveBits(hkdf('borderdesk/verifier/v1'), master, 256);
  const tokenKey = await crypto.subtle.deriveKey(
    hkdf('borderdesk/token-key/v1'),
    master,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  return {
    verifier: {
      algorithm: 'PBKDF2-SHA256+HKDF',
      iterations,
      salt: toBase64(salt),
      verifier: toBase64(new Uint8Array(verifierBits)),
    },
    tokenKey,
  };
}

/** After an online sign-in: a fresh salt, a verifier to store and the key to seal tokens with. */
export function createPasswordKeys(password: string, iterations = PBKDF2_ITERATIONS): Promise<UnlockedKeys> {
  return deriveKeys(password, randomBytes(16), Math.max(iterations, PBKDF2_ITERATIONS));
}

/** Offline unlock: the keys when the password matches the stored verifier, else null. */
export async function unlockWithPassword(password: string, stored: PasswordVerifier): Promise<UnlockedKeys | null> {
  const keys = await deriveKeys(password, fromBase64(stored.salt), stored.iterations);
  return constantTimeEqual(keys.verifier.verifier, stored.verifier) ? keys : null;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export async function sealSecret(key: CryptoKey, plaintext: string): Promise<SealedSecret> {
  const iv = randomBytes(12);
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(plaintext));
  return { iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(ciphertext)) };
}

/** Null when the blob was not sealed with this key or was tampered with (GCM tag check). */
export async function openSecret(key: CryptoKey, sealed: SealedSecret): Promise<string | null> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(sealed.iv) },
      key,
      fromBase64(sealed.ciphertext),
    );
    return decoder.decode(plain);
  } catch {
    return null;
  }
}
