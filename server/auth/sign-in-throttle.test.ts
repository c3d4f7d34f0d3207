import { describe, expect, it } from 'vitest';
import { type Attempt, SignInThrottle } from './sign-in-throttle';

const MINUTE = 60_000;

/** One attempt, begun and finished at `now`; 'locked' when refused. */
function attempt(throttle: SignInThrottle, user: string, address: string, now: number, succeeded = false): 'allowed' | number {
  const verdict = throttle.begin(user, address, now);
  if (verdict.kind === 'locked') return verdict.retryAfterMs;
  throttle.finish(verdict.attempt, succeeded, now);
  return 'allowed';
}

describe('sign-in throttle', () => {
  it('locks a user name after 5 failures within 15 minutes, for a minute, then twice as long each time', () => {
    const throttle = new SignInThrottle();
    let now = 1_000_000;
    for (let i = 0; i < 5; i++) expect(attempt(throttle, 'dx.officer1', '10.0.0.1', now)).toBe('allowed');
    expect(attempt(throttle, 'dx.officer1', '10.0.0.1', now)).toBe(MINUTE);
    // The right password does not help while locked: it is not even checked.
    expect(attempt(throttle, 'dx.officer1', '10.0.0.2', now + 1000, true)).toBe(MINUTE - 1000);
    now += MINUTE;
    for (let i = 0; i < 5; i++) expect(attempt(throttle, 'dx.officer1', '10.0.0.3', now)).toBe('allowed');
    expect(attempt(throttle, 'dx.officer1', '10.0.0.3', now)).toBe(2 * MINUTE);
    now += 2 * MINUTE;
    for (let i = 0; i < 5; i++) attempt(throttle, 'dx.officer1', '10.0.0.4', now);
    expect(attempt(throttle, 'dx.officer1', '10.0.0.4', now)).toBe(4 * MINUTE);
  });

  it('caps the lock at an hour', () => {
    const throttle = new SignInThrottle();
    let now = 0;
    let last = 0;
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 5; i++) attempt(throttle, 'u', `10.0.${round}.${i}`, now);
      const retry = attempt(throttle, 'u', '10.9.9.9', now);
      expect(typeof retry).toBe('number');
      last = Number(retry);
      now += last;
    }
    expect(last).toBe(60 * MINUTE);
  });

  it('forgets failures older than the window, and a streak after a quiet day', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 4; i++) attempt(throttle, 'u', 'a', 0);
    // The 5th failure comes after the window: the count started afresh.
    expect(attempt(throttle, 'u', 'a', 15 * MINUTE)).toBe('allowed');
    expect(attempt(throttle, 'u', 'a', 15 * MINUTE)).toBe('allowed');
    for (let i = 0; i < 3; i++) attempt(throttle, 'u', 'a', 15 * MINUTE);
    expect(attempt(throttle, 'u', 'a', 15 * MINUTE)).toBe(MINUTE);
    const later = 15 * MINUTE + 25 * 60 * MINUTE;
    for (let i = 0; i < 5; i++) attempt(throttle, 'u', 'a', later);
    expect(attempt(throttle, 'u', 'a', later)).toBe(MINUTE);
  });

  it('a successful sign-in resets its user name, but not its address', () => {
    const throttle = new SignInThrottle({ maxAddressFailures: 6 });
    for (let i = 0; i < 4; i++) attempt(throttle, 'u', 'a', 0);
    expect(attempt(throttle, 'u', 'a', 0, true)).toBe('allowed');
    for (let i = 0; i < 4; i++) expect(attempt(throttle, 'u', 'b', 0)).toBe('allowed');
    // Address a failed 4 times; 2 more failures (any user name) lock it despite the success.
    attempt(throttle, 'v', 'a', 0);
    attempt(throttle, 'w', 'a', 0);
    expect(attempt(throttle, 'x', 'a', 0)).toBe(MINUTE);
    expect(attempt(throttle, 'x', 'c', 0)).toBe('allowed');
  });

  it('locks an address that sprays many user names (20 failures)', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 20; i++) expect(attempt(throttle, `user${i}`, '192.0.2.7', 0)).toBe('allowed');
    expect(attempt(throttle, 'dx.officer1', '192.0.2.7', 0, true)).toBe(MINUTE);
    expect(attempt(throttle, 'dx.officer1', '192.0.2.8', 0, true)).toBe('allowed');
  });

  it('counts attempts in flight: a parallel burst at one user name gets 5 checks, not 50', () => {
    const throttle = new SignInThrottle();
    const verdicts = Array.from({ length: 50 }, () => throttle.begin('u', 'a', 0));
    const allowed = verdicts.flatMap((v) => (v.kind === 'allowed' ? [v.attempt] : []));
    expect(allowed).toHaveLength(5);
    for (const a of allowed) throttle.finish(a, false, 0);
    expect(throttle.begin('u', 'a', 0)).toMatchObject({ kind: 'locked', retryAfterMs: MINUTE });
  });

  it('lets many desks of one address sign in together when none has failed', () => {
    const throttle = new SignInThrottle();
    const verdicts = Array.from({ length: 60 }, (_, i) => throttle.begin(`officer${i}`, 'yard', 0));
    expect(verdicts.every((v) => v.kind === 'allowed')).toBe(true);
    for (const v of verdicts) if (v.kind === 'allowed') throttle.finish(v.attempt, true, 0);
    expect(throttle.size).toBe(0);
  });

  it('an abandoned attempt (HQ error) counts neither way', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 20; i++) {
      const v = throttle.begin('u', 'a', 0);
      expect(v.kind).toBe('allowed');
      throttle.abandon((v as { attempt: Attempt }).attempt);
    }
    for (let i = 0; i < 5; i++) expect(attempt(throttle, 'u', 'a', 0)).toBe('allowed');
  });

  it('stays within its memory bound under a spray of user names, keeping locks', () => {
    const throttle = new SignInThrottle({ maxEntries: 1000 });
    for (let i = 0; i < 5; i++) attempt(throttle, 'victim', `10.1.0.${i}`, 0);
    for (let i = 0; i < 5000; i++) attempt(throttle, `spray${i}`, `10.2.${i >> 8}.${i & 255}`, 1);
    expect(throttle.size).toBeLessThanOrEqual(1001);
    expect(attempt(throttle, 'victim', '10.3.0.1', 2)).toBe(MINUTE - 2);
  });
});
