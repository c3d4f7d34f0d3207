import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, ROUTES, sessionSchema } from '../../shared/index';
import { memoryLogger } from '../log';
import { DEMO_PASSWORD } from '../seed/demo-data';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

const MINUTE = 60_000;

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
  ms: number;
}

/**
 * A sign-in sent from a chosen loopback address (127.0.0.0/8 all reaches this machine),
 * so that tests can be different clients, or the same one, on purpose.
 */
function loginFrom(baseUrl: string, from: string, body: Record<string, unknown>): Promise<Answer> {
  const payload = JSON.stringify({ deviceId: 'desk-signin-0001', ...body });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${ROUTES.login}`,
      { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter, body: JSON.parse(text), ms: performance.now() - started });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe.each(STORE_VARIANTS)('sign-in protection ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  const logger = memoryLogger();
  const login = (from: string, username: string, password: string) => loginFrom(h.url, from, { username, password });
  /** Several sign-ins at once (each costs a hash; two cores check two at a time). */
  const logins = (count: number, from: string, username: (i: number) => string, password: string) =>
    Promise.all(Array.from({ length: count }, (_, i) => login(from, username(i), password)));
  const statuses = (answers: Answer[]) => answers.map((a) => a.status);

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store, { logger });
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('locks a user name after 5 failures: 429 rate_limited with Retry-After, the right password refused too; a minute later it works and resets', async () => {
    expect(statuses(await logins(5, '127.0.1.1', () => 'dx.officer2', 'wrong'))).toEqual([401, 401, 401, 401, 401]);
    const locked = await login('127.0.1.1', 'dx.officer2', DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error?.code).toBe('rate_limited');
    expect(locked.body.error?.message).toMatch(/try again/);
    expect(locked.retryAfter).toBe('60');
    // Another address does not help: the lock is on the user name.
    expect((await login('127.0.1.2', 'dx.officer2', DEMO_PASSWORD)).status).toBe(429);
    expect(logger.entries.some((e) => e.event === 'login.locked' && e.fields.by === 'user')).toBe(true);

    h.clock.advance(MINUTE);
    const after = await login('127.0.1.1', 'dx.officer2', DEMO_PASSWORD);
    expect(after.status).toBe(200);
    sessionSchema.parse(after.body);
    // The success forgot the failures: four more are answered 401, not 429.
    expect(statuses(await logins(4, '127.0.1.3', () => 'dx.officer2', 'wrong'))).toEqual([401, 401, 401, 401]);
    expect((await login('127.0.1.3', 'dx.officer2', DEMO_PASSWORD)).status).toBe(200);
  });

  it('makes each lock of a streak twice as long (1, then 2 minutes)', async () => {
    const waits: string[] = [];
    for (let round = 0; round < 2; round++) {
      expect(statuses(await logins(5, '127.0.2.1', () => 'dx.supervisor', 'wrong'))).toEqual([401, 401, 401, 401, 401]);
      const locked = await login('127.0.2.1', 'dx.supervisor', 'wrong');
      expect(locked.status).toBe(429);
      waits.push(locked.retryAfter ?? '');
      h.clock.advance(Number(locked.retryAfter) * 1000);
    }
    expect(waits).toEqual(['60', '120']);
  });

  it('locks an unknown user name exactly like a real one: the lockout tells nothing about who exists', async () => {
    const answers = async (username: string, from: string) => {
      const seen = [...(await logins(5, from, () => username, 'wrong')), await login(from, username, 'wrong')];
      return seen.map((a) => ({ status: a.status, retryAfter: a.retryAfter, body: a.body }));
    };
    expect(await answers('nobody.at.all', '127.0.3.1')).toEqual(await answers('px.officer1', '127.0.3.2'));
    h.clock.advance(MINUTE);
  });

  it('locks a client address that tries many user names (20 failures), whatever name comes next', async () => {
    const spray = await logins(20, '127.0.4.1', (i) => `spray.${i}`, 'guess');
    expect(statuses(spray).every((status) => status === 401)).toBe(true);
    const locked = await login('127.0.4.1', 'dx.officer1', DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.retryAfter).toBe('60');
    expect(logger.entries.some((e) => e.event === 'login.locked' && e.fields.by === 'address' && e.fields.address === '127.0.4.1')).toBe(true);
    // Another desk at another address signs in as usual.
    expect((await login('127.0.4.2', 'dx.officer1', DEMO_PASSWORD)).status).toBe(200);
    h.clock.advance(MINUTE);
    expect((await login('127.0.4.1', 'dx.officer1', DEMO_PASSWORD)).status).toBe(200);
  });

  it('a parallel burst of guesses gets 5 checked, the rest refused before any password is checked', async () => {
    const burst = statuses(await logins(12, '127.0.5.1', () => 'dx.officer1', 'burst'));
    expect(burst.filter((s) => s === 401)).toHaveLength(5);
    expect(burst.filter((s) => s === 429)).toHaveLength(7);
    h.clock.advance(MINUTE);
  });

  it('answers an unknown user and a wrong password alike, in similar time (a decoy hash for the unknown)', async () => {
    const known = ['dx.officer1', 'dx.officer2', 'dx.supervisor', 'px.officer1', 'hq.admin'];
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (const [i, username] of known.entries()) {
      const wrong = await login(`127.0.6.${i + 1}`, username, 'not-the-password');
      const unknown = await login(`127.0.7.${i + 1}`, `ghost.${i}`, 'not-the-password');
      expect(wrong.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
      knownMs.push(wrong.ms);
      unknownMs.push(unknown.ms);
    }
    // A missing decoy answers an unknown name in well under a tenth of a hash's time.
    const ratio = median(unknownMs) / median(knownMs);
    // Loose bounds, for a loaded CI machine; without the decoy the ratio is about 0.05.
    expect(ratio, `unknown ${median(unknownMs)} ms vs known ${median(knownMs)} ms`).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(3);
  });

  it('treats a user name no database can hold (NUL, lone surrogate) as unknown: 401, not 500', async () => {
    for (const username of ['dx.officer1\u0000', '\ud800', 'a\u0000b']) {
      const res = await login('127.0.8.1', username, DEMO_PASSWORD);
      expect(res.status, JSON.stringify(username)).toBe(401);
      expect(res.body.error?.code).toBe('invalid_credentials');
    }
  });

  it('never writes a password, access token or refresh token to the log, through a whole session with failures', async () => {
    const secretGuess = 'Correct-Horse-Battery-9';
    const typedIntoUserName = 'S3cret-typed-in-the-wrong-field';
    const entriesBefore = logger.entries.length;
    const first = sessionSchema.parse((await login('127.0.9.1', 'dx.officer1', DEMO_PASSWORD)).body);
    await login('127.0.9.1', 'dx.officer1', secretGuess);
    await logins(5, '127.0.9.2', () => typedIntoUserName, secretGuess);
    expect((await login('127.0.9.2', typedIntoUserName, secretGuess)).status).toBe(429);
    const refreshed = await h.request(ROUTES.refresh, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: first.refreshToken, deviceId: 'desk-signin-0001' }),
    });
    const second = sessionSchema.parse(await refreshed.json());
    expect((await h.push(second.accessToken, [declarationMutation({ certificateNo: 'DX000042' })], 'desk-signin-0001')).status).toBe(200);
    expect((await h.push(second.accessToken, [declarationMutation({ certificateNo: 'DX000042', portId: 'PINGXIANG' })])).status).toBe(403);
    expect((await h.pull(second.accessToken, 0, 10)).status).toBe(200);
    await h.request(`${ROUTES.pull}?after=0`, { headers: { authorization: `Bearer ${second.accessToken}x`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } });
    // Reuse of the first refresh token: detected, family revoked (and logged).
    const reuse = await h.request(ROUTES.refresh, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: first.refreshToken, deviceId: 'desk-signin-0001' }),
    });
    expect(reuse.status).toBe(401);
    await h.request(ROUTES.logout, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: second.refreshToken }) });

    const logged = logger.entries.slice(entriesBefore);
    const events = new Set(logged.map((e) => e.event));
    for (const event of ['login', 'login.refused', 'login.locked', 'login.throttled', 'scope.refused', 'refresh.reuse_detected', 'request']) {
      expect(events, event).toContain(event);
    }
    const text = JSON.stringify(logged);
    for (const secret of [DEMO_PASSWORD, secretGuess, typedIntoUserName, first.accessToken, first.refreshToken, second.accessToken, second.refreshToken]) {
      expect(text.includes(secret), `log contains ${secret.slice(0, 12)}…`).toBe(false);
    }
    // Not even a part of a token (e.g. its signature or random half).
    for (const token of [first.refreshToken, second.refreshToken, second.accessToken]) {
      expect(text.includes(token.split('.')[1] ?? '--')).toBe(false);
    }
    expect(text).not.toMatch(/Bearer/i);
  });
});
