import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PATHS, cstDateOf, ROUTES, type Session } from '../../shared/index';
import { adminRouteTable } from '../routes/admin-routes';
import { adminRouteFixtures } from '../testing/admin-route-fixtures';
import { changedTables, storeDigest } from '../testing/store-digest';
import { fillPattern, oversized, type RouteFixture, routeCases } from '../testing/route-fuzz';
import { hqState, storeChain } from '../admin/admin-test-kit';
import { DEMO_GOODS_ITEMS } from '../seed/demo-data';
import { edgeProblems } from '../testing/edge-invariants';
import { type Harness, officerId, startHarness } from '../testing/hq-harness';
import { type BodyDamage, bodyDamage, damage, hostileContentType, hostileKey, hostileString, hostileValue, nastyText, objectOf, percentEncode } from '../testing/hostile';
import { type RawRequest, type RawResponse, sendRaw } from '../testing/raw-http';
import { countChanges } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * Property-based fuzzing of the administrator API (server/routes/admin-routes.ts), with
 * an administrator's token so that cases get past the role check to the bodies and path
 * parameters. Every case: never a 5xx, always a JSON error with a known code; a refusal
 * changes nothing (no row, no seq, no token); a success writes exactly its one record.
 */
const RUNS = Number(process.env.BORDERDESK_FUZZ_RUNS ?? 40);
const today = cstDateOf(new Date());

const hostileField = fc.oneof({ weight: 3, arbitrary: nastyText }, hostileString, hostileValue, fc.constant(undefined));
const anyField = (good: fc.Arbitrary<unknown>) => fc.oneof(fc.constant(undefined), good, hostileString, hostileValue);

/** Like fuzz-auth's postCase, for any method: one field hostile in a well-sent body, or anything at all. */
function bodyCase(method: string, path: fc.Arbitrary<string>, fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<RawRequest> {
  const names = Object.keys(fields);
  const oneHostile = fc.tuple(fc.record(fields), fc.constantFrom(...names), hostileField).map(([good, name, value]) =>
    objectOf(Object.entries({ ...good, [name]: value }).filter(([, v]) => v !== undefined)),
  );
  const anything = fc
    .tuple(fc.record(Object.fromEntries(names.map((name) => [name, anyField(fields[name] ?? fc.constant(null))]))), fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 }))
    .map(([known, extra]) => objectOf([...Object.entries(known).filter(([, v]) => v !== undefined), ...extra]));
  const sent = (body: fc.Arbitrary<Record<string, unknown>>, how: fc.Arbitrary<BodyDamage>, type: fc.Arbitrary<string | undefined>) =>
    fc.record({ body, how, type, path }).map(
      (c): RawRequest => ({
        method,
        path: c.path,
        headers: c.type === undefined ? {} : { 'content-type': c.type },
        body: damage(JSON.stringify(c.body), c.how),
      }),
    );
  const none = fc.constant<BodyDamage>({ kind: 'none' });
  const json = fc.constant('application/json');
  return fc.oneof(
    // Some cases all good, so that successes (and what they write) are checked too.
    sent(fc.record(fields), none, json),
    { weight: 2, arbitrary: sent(oneHostile, none, json) },
    sent(anything, bodyDamage, hostileContentType),
  );
}

/** A port as a path segment: mostly a real one, sometimes nonsense. */
const portSegment = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('DONGXING', 'PINGXIANG') }, fc.constantFrom('NOWHERE', 'dongxing', '%00', '..', "'%20OR%201=1"), hostileString.map((s) => percentEncode(s.slice(0, 80))));
const at = (build: (port: string) => string) => portSegment.map((port) => build(port).replace(/\/ports\/[^/]*/, `/ports/${port}`));

/** Per-route runs of the table-driven fuzz (every route of adminRouteTable). */
const ROUTE_RUNS = Number(process.env.BORDERDESK_FUZZ_ROUTE_RUNS ?? 16);
const ROUTE_TABLE = adminRouteTable();
const FUZZ_DEVICE = 'desk-fuzz-0001';

/**
 * What an administrator would send to each route (the port aside): the table-driven
 * fuzz breaks one thing of it per case. A route of adminRouteTable() without a fixture
 * here fails the test below, so a new route cannot go unfuzzed.
 */
const FIXTURES = adminRouteFixtures({ device: FUZZ_DEVICE, today });

const fixtureOf = (route: (typeof ROUTE_TABLE)[number]): RouteFixture => {
  const fixture = FIXTURES[route.name];
  if (fixture === undefined) throw new Error(`${route.name}: no fuzz fixture in fuzz-admin.test.ts — every admin route must be fuzzed`);
  return { ...fixture, method: route.method, params: { ...fixture.params, ...(route.isPortScoped ? { port: 'DONGXING' } : {}) } };
};
const pathFor = (route: (typeof ROUTE_TABLE)[number]) => (encoded: Record<string, string>) => fillPattern(ROUTES.admin, route.pattern, encoded);

describe('the administrator API fuzz', () => {
  it('has a fixture for every route of adminRouteTable(), and none for a route HQ does not serve', () => {
    expect(ROUTE_TABLE.length).toBeGreaterThanOrEqual(29);
    expect(ROUTE_TABLE.filter((r) => FIXTURES[r.name] === undefined).map((r) => r.name)).toEqual([]);
    const served = new Set(ROUTE_TABLE.map((r) => r.name));
    expect(Object.keys(FIXTURES).filter((name) => !served.has(name))).toEqual([]);
  });
});

describe.each(STORE_VARIANTS)('fuzzing the administrator API ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let admin: Session;

  async function probe(request: RawRequest, writesOnSuccess: Record<string, number>): Promise<RawResponse> {
    const withToken = { ...request, headers: { ...request.headers, authorization: `Bearer ${admin.accessToken}` } };
    const before = await hqState(h.hq.db);
    const res = await sendRaw(h.url, withToken);
    const after = await hqState(h.hq.db);
    const label = `${request.method} ${request.path.slice(0, 200)} → ${res.status} ${res.text.slice(0, 300)}`;
    expect(edgeProblems(res, request.method), label).toEqual([]);
    if (res.status >= 400) expect(after, label).toEqual(before);
    else expect(countChanges(before.counts, after.counts), label).toEqual(writesOnSuccess);
    return res;
  }

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    admin = await h.login('hq.admin', 'console-fuzz-0001');
    await storeChain(h.hq.db, { portId: 'DONGXING', deviceId: 'desk-fuzz-0001', officerId: officerId('dx.officer1'), count: 5, at: h.clock.now });
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('policies: hostile amounts, dates, bodies and ports', async () => {
    const cases = bodyCase('POST', at(ADMIN_PATHS.policies), {
      dailyExemptFen: fc.integer({ min: 0, max: 2_000_000 }),
      effectiveFrom: fc.constantFrom(today, '2099-01-01', '2020-01-01'),
    });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const res = await probe(c, { policies: 1 });
        expect([201, 400, 404, 413, 415]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('goods lists: hostile items, HS codes, kinds and names', async () => {
    const item = fc.record({
      hsCode: fc.oneof(fc.constantFrom(...DEMO_GOODS_ITEMS.map((i) => i.hsCode)), fc.stringMatching(/^\d{2,10}$/), hostileString),
      name: fc.oneof(fc.constant('香蕉'), nastyText, hostileString),
      nameEn: fc.oneof(fc.constant('Bananas'), nastyText),
      list: fc.oneof(fc.constantFrom('allowed', 'negative', 'non_exempt'), hostileString),
      weightCapKg: fc.oneof(fc.constant(null), fc.double(), hostileValue),
      unit: fc.oneof(fc.constant('kg'), hostileString),
    });
    const cases = bodyCase('POST', at(ADMIN_PATHS.goodsLists), {
      effectiveFrom: fc.constant(today),
      items: fc.oneof(fc.constant(DEMO_GOODS_ITEMS), fc.array(item, { maxLength: 4 })),
    });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const res = await probe(c, { goods_lists: 1 });
        expect([201, 400, 404, 413, 415]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('officers: hostile user names, names, roles and passwords; updates of any officer id', async () => {
    let n = 0;
    const adds = bodyCase('POST', at(ADMIN_PATHS.officers), {
      username: fc.oneof(fc.constant(null).map(() => `fz.officer${n++}`), fc.constantFrom('dx.officer1', 'HQ.ADMIN', 'a'), hostileString),
      name: fc.oneof(fc.constant('测试'), nastyText),
      role: fc.oneof(fc.constantFrom('officer', 'supervisor', 'admin'), hostileString),
      password: fc.oneof(fc.constant('long-enough-pass'), fc.constantFrom('short', ''), hostileString),
    });
    const officerPath = fc
      .tuple(portSegment, fc.oneof({ weight: 3, arbitrary: fc.constant(officerId('dx.officer2')) }, fc.constantFrom(officerId('hq.admin'), 'not-a-uuid', '00000000-0000-0000-0000-000000000000'), hostileString.map((s) => percentEncode(s.slice(0, 60)))))
      .map(([port, id]) => `${ROUTES.admin}ports/${port}/officers/${id}`);
    const updates = bodyCase('PATCH', officerPath, {
      name: fc.oneof(fc.constant('陆海燕'), nastyText),
      role: fc.oneof(fc.constantFrom('officer', 'supervisor', 'admin'), hostileString),
      disabled: fc.oneof(fc.boolean(), hostileValue),
      password: fc.oneof(fc.constant('another-long-pass'), hostileString),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(adds.map((c) => ({ c, writes: { officers: 1, officer_logins: 1 } })), updates.map((c) => ({ c, writes: {} }))), async ({ c, writes }) => {
        const res = await probe(c, writes);
        expect([200, 201, 400, 404, 409, 413, 415]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('points: hostile ids and names, new and renamed', async () => {
    let n = 0;
    const adds = bodyCase('POST', at(ADMIN_PATHS.points), {
      id: fc.oneof(fc.constant(null).map(() => `FZ-${n++}`), fc.constantFrom('DX-01', 'dx-01', ''), hostileString),
      name: fc.oneof(fc.constant('互市点'), nastyText, hostileString),
      nameEn: fc.oneof(fc.constant('Point'), nastyText),
    });
    const pointPath = fc
      .tuple(portSegment, fc.oneof(fc.constantFrom('DX-01', 'PX-01', 'NOPE-1'), hostileString.map((s) => percentEncode(s.slice(0, 60)))))
      .map(([port, id]) => `${ROUTES.admin}ports/${port}/points/${id}`);
    const renames = bodyCase('PATCH', pointPath, { name: fc.oneof(fc.constant('新名'), nastyText, hostileString), nameEn: fc.oneof(fc.constant('New'), nastyText) });
    await fc.assert(
      fc.asyncProperty(fc.oneof(adds.map((c) => ({ c, writes: { market_points: 1 } })), renames.map((c) => ({ c, writes: {} }))), async ({ c, writes }) => {
        const res = await probe(c, writes);
        expect([200, 201, 400, 404, 409, 413, 415]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('any path, method and query under the admin prefix: reads answer or refuse, never a 5xx', async () => {
    const segment = fc.oneof(
      fc.constantFrom('ports', 'DONGXING', 'PINGXIANG', 'reference', 'audit', 'entries', 'verify', 'officers', 'points', 'policies', 'goods-lists', 'desk-fuzz-0001', ''),
      fc.constantFrom('%', '%zz', '%00', '..', '%2e%2e', '%c0%ae', '%ED%A0%80', '__proto__', 'constructor'),
      hostileString.map((s) => percentEncode(s.slice(0, 100))),
    );
    const query = fc.array(fc.tuple(fc.constantFrom('after', 'limit', 'port', '__proto__'), fc.oneof(fc.constantFrom('0', '-1', '1e400', '1001', 'NaN'), hostileString)), { maxLength: 3 });
    const device = fc.oneof(fc.constantFrom('desk-fuzz-0001', 'desk-nobody-01'), segment);
    const shaped = fc.oneof(
      fc.constant(['ports']),
      portSegment.map((port) => ['ports', port, 'reference']),
      portSegment.map((port) => ['ports', port, 'audit']),
      fc.tuple(portSegment, device).map(([port, desk]) => ['ports', port, 'audit', desk, 'entries']),
    );
    const cases = fc.record({
      method: fc.constantFrom('GET', 'GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'),
      segments: fc.oneof(shaped, fc.array(segment, { minLength: 1, maxLength: 6 })),
      query,
    });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const q = c.query.map(([k, v]) => `${k}=${percentEncode(v.slice(0, 200))}`).join('&');
        // Verify is the one body-less POST that writes (a break found, a time stamped): keep it out of the count check.
        const path = `${ROUTES.admin}${c.segments.join('/')}${q === '' ? '' : `?${q}`}`;
        if (c.method === 'POST' && c.segments.at(-1) === 'verify') return;
        const res = await probe({ method: c.method, path }, {});
        expect([200, 400, 404, 405, 413, 415]).toContain(res.status);
      }),
      { numRuns: RUNS * 2 },
    );
  });
  it.each(ROUTE_TABLE)('$method $pattern ($name): hostile path parameters, query strings, values and bodies — never a 5xx, a coded error, a refusal changes no row', async (route) => {
    const fixture = fixtureOf(route);
    await fc.assert(
      fc.asyncProperty(routeCases(fixture, pathFor(route)), async (c) => {
        const request = { ...c, headers: { ...c.headers, authorization: `Bearer ${admin.accessToken}` } };
        const before = await storeDigest(h.hq.db);
        const res = await sendRaw(h.url, request);
        const label = `${request.method} ${request.path.slice(0, 200)} → ${res.status} ${res.text.slice(0, 300)}`;
        expect(edgeProblems(res, request.method), label).toEqual([]);
        // An administrator is never refused for the role: a 401 or 403 here would mean the fuzz never reached the route.
        expect([401, 403], label).not.toContain(res.status);
        if (res.status >= 400) expect(changedTables(before, await storeDigest(h.hq.db)), label).toEqual([]);
      }),
      { numRuns: ROUTE_RUNS },
    );
    if (route.method === 'GET') return;
    // A body over the limit, sent chunked: 413, nothing written.
    const before = await storeDigest(h.hq.db);
    const big = oversized(fixture, pathFor(route)(Object.fromEntries(Object.entries(fixture.params ?? {}).map(([k, v]) => [k, encodeURIComponent(v)]))));
    const res = await sendRaw(h.url, { ...big, headers: { ...big.headers, authorization: `Bearer ${admin.accessToken}` } });
    expect(edgeProblems(res, route.method), res.text).toEqual([]);
    expect(res.status, res.text).toBe(route.name === 'admin.audit.verify' ? res.status : 413);
    if (res.status >= 400) expect(changedTables(before, await storeDigest(h.hq.db))).toEqual([]);
  });
});
