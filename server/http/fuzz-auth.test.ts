import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, ROUTES, type Session } from '../../shared/index';
import { edgeProblems } from '../testing/edge-invariants';
import { type Harness, startHarness } from '../testing/hq-harness';
import { type BodyDamage, bodyDamage, damage, hostileContentType, hostileKey, hostileString, hostileValue, nastyText, objectOf, percentEncode } from '../testing/hostile';
import { type RawRequest, type RawResponse, sendRaw } from '../testing/raw-http';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * Property-based fuzzing of the unauthenticated edge: health, sign-in, refresh, sign-out,
 * static files, unknown routes and methods. Every case: never a 5xx, always a JSON error
 * with a known code for a refusal, and no row written except what a success writes.
 */
const RUNS = Number(process.env.BORDERDESK_FUZZ_RUNS ?? 40);
const SECRET = 'text-from-outside-the-static-folder';

/** Absent, a right value, a hostile string, or any hostile JSON value. */
const anyField = (good: fc.Arbitrary<unknown>) => fc.oneof(fc.constant(undefined), good, hostileString, hostileValue);
const hostileField = fc.oneof({ weight: 3, arbitrary: nastyText }, hostileString, hostileValue, fc.constant(undefined));

/**
 * A POST to `path` with a JSON object body made of `fields`. Two kinds of case: well-sent
 * JSON with every field right but ONE hostile (reaches furthest: past the media type, the
 * parse and the other fields), and anything at all (each field anything, extra hostile
 * keys, a damaged body, any content type).
 */
function postCase(path: string, fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<RawRequest> {
  const names = Object.keys(fields);
  const oneHostile = fc.tuple(fc.record(fields), fc.constantFrom(...names), hostileField).map(([good, name, value]) =>
    objectOf(Object.entries({ ...good, [name]: value }).filter(([, v]) => v !== undefined)),
  );
  const anything = fc
    .tuple(fc.record(Object.fromEntries(names.map((name) => [name, anyField(fields[name] ?? fc.constant(null))]))), fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 }))
    .map(([known, extra]) => objectOf([...Object.entries(known).filter(([, v]) => v !== undefined), ...extra]));
  const sent = (body: fc.Arbitrary<Record<string, unknown>>, how: fc.Arbitrary<BodyDamage>, type: fc.Arbitrary<string | undefined>) =>
    fc.record({ body, how, type, from: fc.integer({ min: 1, max: 254 }) }).map(
      (c): RawRequest => ({
        method: 'POST',
        path,
        headers: c.type === undefined ? {} : { 'content-type': c.type },
        body: damage(JSON.stringify(c.body), c.how),
        localAddress: `127.0.10.${c.from}`,
      }),
    );
  return fc.oneof(sent(oneHostile, fc.constant({ kind: 'none' }), fc.constant('application/json')), sent(anything, bodyDamage, hostileContentType));
}

describe.each(STORE_VARIANTS)('fuzzing the sign-in and file edge ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let sessions: Session[];
  const root = mkdtempSync(join(tmpdir(), 'bd-fuzz-'));

  /** Sends one case and checks the edge rules and the rows written; returns the answer. */
  async function probe(request: RawRequest, allowedWrites: (res: RawResponse) => Record<string, number>): Promise<RawResponse> {
    const before = await tableCounts(h.hq.db);
    const res = await sendRaw(h.url, request);
    const changes = countChanges(before, await tableCounts(h.hq.db));
    expect(edgeProblems(res, request.method), `${request.method} ${request.path}`).toEqual([]);
    expect(changes, `${request.method} ${request.path} → ${res.status} ${res.text.slice(0, 200)}`).toEqual(
      res.status >= 400 ? {} : allowedWrites(res),
    );
    return res;
  }

  beforeAll(async () => {
    mkdirSync(join(root, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html><title>desk</title>');
    writeFileSync(join(root, 'dist', 'assets', 'app-3fA9b2Cd.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), SECRET);
    store = await variant.create();
    h = await startHarness(store, { staticDir: join(root, 'dist') });
    sessions = [await h.login('dx.officer1', 'desk-fuzz-0001'), await h.login('px.officer1', 'desk-fuzz-0002')];
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('health: any query, method or body', async () => {
    const cases = fc.record({
      method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
      query: fc.array(fc.tuple(hostileKey, hostileString), { maxLength: 3 }),
      body: fc.option(hostileValue),
    });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const query = new URLSearchParams(c.query.map(([k, v]) => [k, v.slice(0, 200)] as [string, string])).toString();
        const body = c.body === null || c.method === 'GET' || c.method === 'HEAD' ? undefined : JSON.stringify(c.body) ?? 'null';
        const res = await probe({ method: c.method, path: `${ROUTES.health}?${query}`, body, headers: { 'content-type': 'application/json' } }, () => ({}));
        expect([200, 204, 405]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('login: hostile user names, passwords, device ids, bodies and content types', async () => {
    const cases = postCase(ROUTES.login, {
      username: fc.constantFrom('dx.officer2', 'nobody', 'DX.OFFICER2'),
      password: fc.constant('borderdesk'),
      deviceId: fc.constant('desk-fuzz-0003'),
    });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const res = await probe(c, () => ({ refresh_tokens: 1 }));
        expect([200, 400, 401, 413, 415, 429]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('refresh: hostile, forged, reused and foreign refresh tokens', async () => {
    const tokens = sessions.map((s) => s.refreshToken);
    const cases = postCase(ROUTES.refresh, {
      refreshToken: fc.oneof(
        fc.constantFrom(...tokens),
        fc.constantFrom(...tokens).map((t) => t.replace(/^[A-Z]+\./, 'DONGXING.')),
        hostileString.map((s) => `DONGXING.${s}`),
        fc.string({ unit: 'grapheme-ascii', minLength: 20, maxLength: 600 }),
      ),
      deviceId: fc.constantFrom('desk-fuzz-0001', 'desk-fuzz-0002'),
    });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const res = await probe(c, () => ({ refresh_tokens: 1 }));
        expect([200, 400, 401, 413, 415]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('logout: hostile bodies answer 204 or a JSON refusal, and never delete a row', async () => {
    const cases = postCase(ROUTES.logout, { refreshToken: fc.oneof(fc.constant(sessions[0]?.refreshToken ?? ''), hostileString) });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const res = await probe(c, () => ({}));
        expect([204, 400, 413, 415]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('bodies over the size limit, chunked without a Content-Length, are cut off with 413 at every POST route', async () => {
    const chunk = new Uint8Array(Buffer.alloc(1024 * 1024, 'x'));
    for (const path of [ROUTES.login, ROUTES.refresh, ROUTES.logout]) {
      const chunks = Math.ceil(MAX_BODY_BYTES / chunk.length) + 2;
      const res = await probe({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: chunk, repeatChunked: chunks }, () => ({}));
      expect(res.status, path).toBe(413);
    }
    // A Content-Length over the limit is refused before a byte of the body is read.
    const declared = await probe(
      { method: 'POST', path: ROUTES.login, headers: { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) }, body: '{}' },
      () => ({}),
    );
    expect(declared.status).toBe(413);
    expect((await sendRaw(h.url, { method: 'GET', path: ROUTES.health })).status).toBe(200);
  });

  it('static files and unknown routes: no file from outside the folder, JSON refusals, never a 5xx', async () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2e%2f', '..%2f', '%5c', '..%5c', '%00', '%', '%zz', 'assets', 'index.html', 'secret.txt', 'app-3fA9b2Cd.js', 'api', 'v1', '', '~', '%c0%ae'),
      fc.string({ unit: 'grapheme', maxLength: 12 }).map(percentEncode),
      fc.integer({ min: 300, max: 3000 }).map((n) => 'a'.repeat(n)),
    );
    const cases = fc.record({
      method: fc.constantFrom('GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE'),
      api: fc.boolean(),
      segments: fc.array(segment, { minLength: 1, maxLength: 6 }),
      query: fc.option(hostileString.map(percentEncode)),
    });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const path = `${c.api ? '/api/' : '/'}${c.segments.join('/')}${c.query === null ? '' : `?q=${c.query.slice(0, 300)}`}`;
        const res = await probe({ method: c.method, path }, () => ({}));
        expect(res.text).not.toContain(SECRET);
        expect([200, 204, 400, 401, 404, 405, 426]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('left no trace on the prototypes of this process (HQ runs in it)', () => {
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('isAdmin');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });
});
