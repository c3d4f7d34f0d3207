import { describe, expect, it } from 'vitest';
import {
  createPasswordKeys,
  fromBase64,
  openSecret,
  PBKDF2_ITERATIONS,
  sealSecret,
  toBase64,
  unlockWithPassword,
} from './password-crypto';

describe('password keys', () => {
  it('unlocks with the right password only', async () => {
    const created = await createPasswordKeys('borderdesk');
    expect(created.verifier.iterations).toBeGreaterThanOrEqual(210_000);
    expect(await unlockWithPassword('borderdesk', created.verifier)).not.toBeNull();
    expect(await unlockWithPassword('borderdesK', created.verifier)).toBeNull();
  });

  it('uses a fresh salt each time and never fewer than the minimum iterations', async () => {
    const a = await createPasswordKeys('borderdesk', 1);
    const b = await createPasswordKeys('borderdesk', 1);
    expect(a.verifier.iterations).toBe(PBKDF2_ITERATIONS);
    expect(a.verifier.salt).not.toBe(b.verifier.salt);
    expect(a.verifier.verifier).not.toBe(b.verifier.verifier);
  });

  it('seals the refresh token so that only the password opens it', async () => {
    const created = await createPasswordKeys('borderdesk');
    const sealed = await sealSecret(created.tokenKey, 'refresh-token-value');
    expect(JSON.stringify(sealed)).not.toContain('refresh-token-value');
    const unlocked = await unlockWithPassword('borderdesk', created.verifier);
    if (unlocked === null) throw new Error('should unlock');
    expect(await openSecret(unlocked.tokenKey, sealed)).toBe('refresh-token-value');
    const other = await createPasswordKeys('borderdesk');
    expect(await openSecret(other.tokenKey, sealed)).toBeNull();
    const bytes = fromBase64(sealed.ciphertext);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const tampered = { ...sealed, ciphertext: toBase64(bytes) };
    expect(await openSecret(unlocked.tokenKey, tampered)).toBeNull();
  });
});
