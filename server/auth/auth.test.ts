import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, sessionSchema } from '../../shared/index';
import { memoryLogger } from '../log';
import { type Harness, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

const DEVICE = 'desk-auth-0001';
const json = { 'content-type': 'application/json' };

describe.each(STORE_VARIANTS)('auth ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  const logger = memoryLogger();

  const post = (path: string, body: unknown) => h.request(path, { method: 'POST', headers: json, body: JSON.stringify(body) });
  const refresh = (refreshToken: string, deviceId = DEVICE) => post(ROUTES.refresh, { refreshToken, deviceId });

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store, { logger });
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('refuses a wrong password and an unknown user alike (401 invalid_credentials)', async () => {
    const wrong = await post(ROUTES.login, { username: 'dx.officer1', password: 'not-the-password', deviceId: DEVICE });
    const unknown = await post(ROUTES.login, { username: 'nobody.here', password: 'borderdesk', deviceId: DEVICE });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a.error.code).toBe('invalid_credentials');
    expect(a).toEqual(b);
  });

  it('signs in and returns a session for the officer of the right port', async () => {
    const session = await h.login('dx.supervisor', DEVICE);
    expect(session.officer).toMatchObject({ username: 'dx.supervisor', portId: 'DONGXING', role: 'supervisor' });
    expect(session.port).toEqual({ name: '东兴口岸', nameEn: 'Dongxing Port' });
    expect(Date.parse(session.accessExpiresAt) - h.clock.now.getTime()).toBe(15 * 60 * 1000);
    const stored = await h.hq.db.query<{ token_hash: string }>('SELECT token_hash FROM refresh_tokens');
    expect(stored.map((r) => r.token_hash)).not.toContain(session.refreshToken);
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const first = await h.login('dx.officer1', DEVICE);
    const res = await refresh(first.refreshToken);
    expect(res.status).toBe(200);
    const second = sessionSchema.parse(await res.json());
    expect(second.refreshToken).not.toBe(first.refreshToken);

    // The first token was used: presenting it again means someone copied it.
    const reuse = await refresh(first.refreshToken);
    expect(reuse.status).toBe(401);
    expect((await reuse.json()).error.code).toBe('unauthorized');
    // …so the rightful desk's newer token stops working too.
    expect((await refresh(second.refreshToken)).status).toBe(401);
    expect(logger.entries.some((e) => e.event === 'refresh.reuse_detected')).toBe(true);

    // A fresh sign-in starts a new family that works.
    const third = await h.login('dx.officer1', DEVICE);
    expect((await refresh(third.refreshToken)).status).toBe(200);
  });

  it('reuse of a token two rotations back ends the whole family, the newest token included', async () => {
    const first = await h.login('dx.officer2', DEVICE);
    const second = sessionSchema.parse(await (await refresh(first.refreshToken)).json());
    const third = sessionSchema.parse(await (await refresh(second.refreshToken)).json());
    expect((await refresh(first.refreshToken)).status).toBe(401);
    expect((await refresh(third.refreshToken)).status).toBe(401);
    const family = await h.hq.db.query<{ revoked_at: Date | null }>(
      `SELECT revoked_at FROM refresh_tokens WHERE family_id =
         (SELECT family_id FROM refresh_tokens WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex'))`,
      [third.refreshToken],
    );
    expect(family).toHaveLength(3);
    expect(family.every((row) => row.revoked_at !== null)).toBe(true);
  });

  it('a refresh sent twice at once (a copy racing the desk) gets one answer; the copy still ends the family', async () => {
    const session = await h.login('dx.officer2', DEVICE);
    const answers = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    const winner = answers.find((a) => a.status === 200);
    const next = sessionSchema.parse(await winner?.json());
    expect((await refresh(next.refreshToken)).status).toBe(401);
  });

  it('logout ends the refresh token', async () => {
    const session = await h.login('dx.officer2', DEVICE);
    const out = await post(ROUTES.logout, { refreshToken: session.refreshToken });
    expect(out.status).toBe(204);
    expect((await refresh(session.refreshToken)).status).toBe(401);
  });

  it('refuses an expired, forged or missing access token with 401 unauthorized', async () => {
    const session = await h.login('dx.officer1', DEVICE);
    expect((await h.pull(session.accessToken, 0, 1)).status).toBe(200);

    const [payload, signature] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, port: 'PINGXIANG' })).toString('base64url');
    for (const token of [`${forgedPayload}.${signature}`, 'not-a-token-at-all', `${payload}.`]) {
      const res = await h.pull(token, 0, 1);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
    }
    expect((await h.request('/api/v1/sync/pull?after=0')).status).toBe(401);

    h.clock.advance(15 * 60 * 1000 + 1);
    const expired = await h.pull(session.accessToken, 0, 1);
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.code).toBe('unauthorized');
    // The refresh token still works after the access token expired.
    expect((await refresh(session.refreshToken)).status).toBe(200);
  });

  it('refuses a refresh token after its 30 days', async () => {
    const session = await h.login('dx.officer1', DEVICE);
    h.clock.advance(31 * 24 * 60 * 60 * 1000);
    expect((await refresh(session.refreshToken)).status).toBe(401);
  });

  it('never logs passwords or tokens', async () => {
    const session = await h.login('dx.officer1', DEVICE);
    await refresh(session.refreshToken);
    const logged = JSON.stringify(logger.entries);
    expect(logger.entries.length).toBeGreaterThan(0);
    expect(logged).not.toContain('borderdesk"');
    expect(logged).not.toContain(session.refreshToken);
    expect(logged).not.toContain(session.accessToken);
  });
});
