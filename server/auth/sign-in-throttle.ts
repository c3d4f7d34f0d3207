/**
 * Sign-in throttle: slows and then locks out repeated failed sign-ins, per user name and
 * per client address, so that a password cannot be guessed at HTTP speed.
 *
 * - Every `maxFailures`-th failure within `windowMs` locks the key for a while; each
 *   lock of a streak lasts twice the one before (1 min, 2, 4 … up to `maxLockMs`).
 *   While locked, sign-in is refused (429) WITHOUT checking the password, so a locked
 *   account cannot be guessed at even slowly.
 * - A successful sign-in forgets its user name's failures and streak. It does not clear
 *   the address: one valid account must not reset the count of an address that is
 *   guessing at others.
 * - Attempts still being checked count against the limit, so a burst of parallel
 *   guesses cannot slip past it before the first answers arrive (for an address, once
 *   it has failed at all).
 * - Keys are the user name exactly as sent, whether or not such a user exists: an
 *   unknown name locks the same way, so the lockout tells nothing about who exists.
 *
 * Kept in memory, per HQ process (docs/security.md says what that leaves open). Memory
 * is bounded: keys idle for `forgetAfterMs` go, and past `maxEntries` the oldest unlocked
 * keys go first.
 */
export interface ThrottlePolicy {
  windowMs: number;
  /** Failures per user name within the window before it locks. */
  maxUserFailures: number;
  /** Failures per address: higher, because one yard's desks may share an address. */
  maxAddressFailures: number;
  firstLockMs: number;
  maxLockMs: number;
  /** A key without failures for this long starts afresh (its streak is forgotten). */
  forgetAfterMs: number;
  maxEntries: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  windowMs: 15 * 60_000,
  maxUserFailures: 5,
  maxAddressFailures: 20,
  firstLockMs: 60_000,
  maxLockMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
  maxEntries: 50_000,
};

interface Entry {
  failures: number;
  windowStart: number;
  lockedUntil: number;
  /** Locks in the current streak: the next one lasts firstLockMs · 2^lockouts. */
  lockouts: number;
  lastFailureAt: number;
  /** Attempts allowed in and not yet answered. */
  pending: number;
}

export type KeyKind = 'user' | 'address';

export interface Attempt {
  readonly userKey: string;
  readonly addressKey: string;
}

export type ThrottleVerdict = { kind: 'allowed'; attempt: Attempt } | { kind: 'locked'; by: KeyKind; retryAfterMs: number };

/** A lock that a failure has just started (for the log). */
export interface NewLock {
  by: KeyKind;
  lockMs: number;
  lockouts: number;
}

export class SignInThrottle {
  readonly #entries = new Map<string, Entry>();
  readonly #policy: ThrottlePolicy;

  constructor(policy: Partial<ThrottlePolicy> = {}) {
    this.#policy = { ...DEFAULT_THROTTLE_POLICY, ...policy };
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Asks to check one sign-in. When allowed, `finish` must follow with its outcome. */
  begin(username: string, address: string, now: number): ThrottleVerdict {
    const attempt = { userKey: `user:${username}`, addressKey: `address:${address}` };
    const keys = [
      [attempt.userKey, 'user', this.#policy.maxUserFailures],
      [attempt.addressKey, 'address', this.#policy.maxAddressFailures],
    ] as const;
    let refusal: Extract<ThrottleVerdict, { kind: 'locked' }> | null = null;
    for (const [key, by, max] of keys) {
      const entry = this.#current(key, now);
      if (entry === undefined) continue;
      // Enough attempts in flight that, should they fail, this one would be over the limit.
      // For an address only once it has failed: the desks of one yard signing in together
      // (one address behind its router) must not be refused for being many.
      const isCrowded = entry.failures + entry.pending >= max && (by === 'user' || entry.failures > 0);
      const retryAfterMs = entry.lockedUntil > now ? entry.lockedUntil - now : isCrowded ? 1000 : 0;
      if (retryAfterMs > 0 && (refusal === null || refusal.retryAfterMs < retryAfterMs)) {
        refusal = { kind: 'locked', by, retryAfterMs };
      }
    }
    if (refusal !== null) return refusal;
    for (const [key] of keys) this.#touch(key, now).pending++;
    this.#evictIfFull(now);
    return { kind: 'allowed', attempt };
  }

  /** Records an allowed attempt's outcome; returns the locks a failure has just started. */
  finish(attempt: Attempt, succeeded: boolean, now: number): NewLock[] {
    const locks: NewLock[] = [];
    const keys = [
      [attempt.userKey, 'user', this.#policy.maxUserFailures],
      [attempt.addressKey, 'address', this.#policy.maxAddressFailures],
    ] as const;
    for (const [key, by, max] of keys) {
      const entry = this.#touch(key, now);
      entry.pending = Math.max(0, entry.pending - 1);
      if (succeeded) {
        const isClean = by === 'user' || (entry.failures === 0 && entry.lockouts === 0);
        if (isClean && entry.pending === 0) this.#entries.delete(key);
        continue;
      }
      entry.failures++;
      entry.lastFailureAt = now;
      if (entry.failures >= max) {
        const lockMs = Math.min(this.#policy.firstLockMs * 2 ** entry.lockouts, this.#policy.maxLockMs);
        entry.lockouts++;
        entry.lockedUntil = now + lockMs;
        entry.failures = 0;
        entry.windowStart = now + lockMs;
        locks.push({ by, lockMs, lockouts: entry.lockouts });
      }
    }
    return locks;
  }

  /** Forgets an allowed attempt that ended in an error of HQ's: neither success nor failure. */
  abandon(attempt: Attempt): void {
    for (const key of [attempt.userKey, attempt.addressKey]) {
      const entry = this.#entries.get(key);
      if (entry !== undefined) entry.pending = Math.max(0, entry.pending - 1);
    }
  }

  /** The key's entry with its window brought up to `now`; stale entries are dropped. */
  #current(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#isForgotten(entry, now)) {
      this.#entries.delete(key);
      return undefined;
    }
    if (now - entry.windowStart >= this.#policy.windowMs && entry.lockedUntil <= now) {
      entry.failures = 0;
      entry.windowStart = now;
    }
    return entry;
  }

  /** The key's entry, made if missing, moved to the young end of the eviction order. */
  #touch(key: string, now: number): Entry {
    const entry = this.#current(key, now) ?? { failures: 0, windowStart: now, lockedUntil: 0, lockouts: 0, lastFailureAt: now, pending: 0 };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  #isForgotten(entry: Entry, now: number): boolean {
    return entry.pending === 0 && entry.lockedUntil <= now && now - entry.lastFailureAt >= this.#policy.forgetAfterMs;
  }

  #evictIfFull(now: number): void {
    if (this.#entries.size <= this.#policy.maxEntries) return;
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= this.#policy.maxEntries * 0.9) return;
      // Oldest first; a lock or an attempt in flight is never forgotten early.
      if (entry.pending === 0 && entry.lockedUntil <= now) this.#entries.delete(key);
    }
  }
}
