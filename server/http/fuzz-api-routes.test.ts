import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_ROUTES, cstDateOf, PROTOCOL_HEADER, PROTOCOL_VERSION, ROUTES, type Session } from '../../shared/index';
import { chunkPath, makeUpload } from '../blobs/blob-test-kit';
import { apiRouteTable } from '../routes/api-routes';
import { DEMO_PASSWORD } from '../seed/demo-data';
import { edgeProblems } from '../testing/edge-invariants';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import { sendRaw } from '../testing/raw-http';
import { oversized, type RouteFixture, routeCases } from '../testing/route-fuzz';
import { changedTables, storeDigest } from '../testing/store-digest';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * Every fixed-path route HQ serves (apiRouteTable: health, sign-in, refresh, sign-out,
 * push, pull, the day report, receipts, attachments) fuzzed by construction, with the
 * token that reaches its body (an officer for port routes, an administrator for receipts,
 * none for the public ones): one thing of a well-sent request broken per case
 * (server/testing/route-fuzz.ts), and a chunked body over the limit. Every case: never a
 * 5xx, a JSON error with a known code, and a refusal leaves the digest of every table as
 * it was (a 403 writes only its refusal row; the sign-in routes' own bookkeeping of
 * failures aside). A route without a fixture here fails. The deeper, field-aware fuzz of
 * each route stays in fuzz-sync, fuzz-receipts, fuzz-auth and fuzz-blobs.
 */
const RUNS = Number(process.env.BORDERDESK_FUZZ_ROUTE_RUNS ?? 16);
const TABLE = apiRouteTable();
const DEVICE = 'desk-fuzz-api-01';
const today = cstDateOf(new Date());

interface Context {
  officer: Session;
  admin: Session;
}
interface ApiFixture {
  token: 'officer' | 'admin' | 'none';
  fixture: (c: Context) => Omit<RouteFixture, 'method'>;
  /** Tables a refusal may write on purpose: failed sign-ins are counted, a reused refresh token revokes its family. */
  refusalWrites?: string[];
}
const PROTOCOL = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
const upload = makeUpload(1000);
const chunk = new URL(`http://x${chunkPath(upload, 0, 1000)}`);
const AUTH_BOOKKEEPING = ['officer_logins', 'refresh_tokens'];

const FIXTURES: Record<string, ApiFixture> = {
  [`GET ${ROUTES.health}`]: { token: 'none', fixture: () => ({}) },
  [`POST ${ROUTES.login}`]: { token: 'none', fixture: () => ({ body: { username: 'dx.officer2', password: DEMO_PASSWORD, deviceId: 'desk-fuzz-api-02' } }), refusalWrites: AUTH_BOOKKEEPING },
  [`POST ${ROUTES.refresh}`]: { token: 'none', fixture: (c) => ({ body: { refreshToken: c.officer.refreshToken, deviceId: DEVICE } }), refusalWrites: AUTH_BOOKKEEPING },
  [`POST ${ROUTES.logout}`]: { token: 'none', fixture: (c) => ({ body: { refreshToken: c.admin.refreshToken } }), refusalWrites: AUTH_BOOKKEEPING },
  [`POST ${ROUTES.push}`]: {
    token: 'officer',
    fixture: () => ({ headers: PROTOCOL, body: { protocolVersion: PROTOCOL_VERSION, deviceId: DEVICE, mutations: [declarationMutation({ certificateNo: 'DX000777', valueFen: 10_000, deviceId: DEVICE })] } }),
  },
  [`GET ${ROUTES.pull}`]: { token: 'officer', fixture: () => ({ headers: PROTOCOL, query: { after: '0', limit: '50' } }) },
  [`GET ${ROUTES.reportsDay}`]: { token: 'officer', fixture: () => ({ headers: PROTOCOL, query: { date: today } }) },
  [`POST ${ROUTES.receipts}`]: { token: 'admin', fixture: () => ({ headers: PROTOCOL, body: { receipts: [] } }) },
  [`GET ${BLOB_ROUTES.status}`]: { token: 'officer', fixture: () => ({ headers: PROTOCOL, query: { sha256: upload.sha256 } }) },
  [`POST ${BLOB_ROUTES.chunk}`]: {
    token: 'officer',
    fixture: () => ({ headers: { ...PROTOCOL, 'content-type': 'application/octet-stream' }, query: Object.fromEntries(chunk.searchParams), body: new Uint8Array(upload.bytes) }),
  },
  [`POST ${BLOB_ROUTES.finish}`]: { token: 'officer', fixture: () => ({ headers: PROTOCOL, body: { sha256: upload.sha256, size: 1000, contentType: 'image/jpeg', fileName: 'x.jpg' } }) },
  [`GET ${BLOB_ROUTES.download}`]: { token: 'officer', fixture: () => ({ headers: PROTOCOL, query: { sha256: upload.sha256 } }) },
};

describe('the fixed-path route fuzz', () => {
  it('has a fixture for every route of apiRouteTable(), and none for a route HQ does not serve', () => {
    expect(TABLE.filter((r) => FIXTURES[r.key] === undefined).map((r) => r.key)).toEqual([]);
    const served = new Set(TABLE.map((r) => r.key));
    expect(Object.keys(FIXTURES).filter((key) => !served.has(key))).toEqual([]);
  });
});

describe.each(STORE_VARIANTS)('fuzzing every fixed-path route ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let context: Context;

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    context = { officer: await h.login('dx.officer1', DEVICE), admin: await h.login('hq.admin', 'console-fuzz-api') };
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it.each(TABLE)('$key ($scope): hostile parameters, query strings, values and bodies — never a 5xx, a coded error, a refusal changes no row', async (route) => {
    const spec = FIXTURES[route.key];
    if (spec === undefined) throw new Error(`${route.key}: no fuzz fixture in fuzz-api-routes.test.ts — every route must be fuzzed`);
    const fixture: RouteFixture = { ...spec.fixture(context), method: route.method };
    const token = spec.token === 'none' ? undefined : context[spec.token].accessToken;
    const withToken = (headers: Record<string, string> = {}) => (token === undefined ? headers : { ...headers, authorization: `Bearer ${token}` });
    const check = async (request: Parameters<typeof sendRaw>[1]) => {
      const before = await storeDigest(h.hq.db);
      const res = await sendRaw(h.url, { ...request, headers: withToken(request.headers) });
      const label = `${request.method} ${request.path.slice(0, 200)} → ${res.status} ${res.text.slice(0, 300)}`;
      expect(edgeProblems(res, request.method), label).toEqual([]);
      if (res.status >= 400) {
        const allowed = res.status === 403 ? ['refused_requests'] : (spec.refusalWrites ?? []);
        expect(changedTables(before, await storeDigest(h.hq.db)).filter((t) => !allowed.includes(t)), label).toEqual([]);
      }
      return res;
    };
    await fc.assert(
      fc.asyncProperty(routeCases(fixture, () => route.path), async (c) => {
        await check(c);
      }),
      { numRuns: RUNS },
    );
    if (route.method !== 'POST') return;
    const search = new URLSearchParams(fixture.query ?? {}).toString();
    const res = await check(oversized(fixture, `${route.path}${search === '' ? '' : `?${search}`}`));
    expect(res.status, res.text).toBeGreaterThanOrEqual(400);
  });
});
