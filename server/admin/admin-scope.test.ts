import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstDateOf, ROUTES, type Session } from '../../shared/index';
import { memoryLogger } from '../log';
import { adminRouteTable, type AdminRouteScope } from '../routes/admin-routes';
import { DEMO_PASSWORD } from '../seed/demo-data';
import { type Harness, officerId, startHarness } from '../testing/hq-harness';
import { changedTables, storeDigest } from '../testing/store-digest';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { type AdminRouteFixture, adminRouteFixtures } from '../testing/admin-route-fixtures';
import { call, storeChain } from './admin-test-kit';

/**
 * Every route of the administrator API — enumerated from the table HQ serves
 * (adminRouteTable), so a route added there is tried here or this test fails — with the
 * token of an officer and of a supervisor of the route's own port and of another: each
 * refused 403 `forbidden` with a message, the attempt written to refused_requests (the
 * route's name, who, the port asked) and to the log, and nothing else in the store
 * changed: not a row, not a value, not a seq, not a token. Without a token: 401 and
 * nothing written at all. Then an administrator is let through at each: the refusals
 * were about the role, not about the request.
 */
const today = cstDateOf(new Date());
const DEVICE = 'desk-scope-0001';
const ROUTE_TABLE = adminRouteTable();
const PORTS = ['DONGXING', 'PINGXIANG'] as const;

/**
 * What each route is tried with: what an administrator would send, but that an officer
 * adds an administrator or makes one of themselves (the escalations a lower role would try).
 */
const FIXTURES: Record<string, AdminRouteFixture> = {
  ...adminRouteFixtures({ device: DEVICE, today }),
  'admin.officers.add': { body: { username: 'dx.sneaky', name: '冒名', role: 'admin', password: 'sneaky-password' } },
  'admin.officers.update': { params: { officer: officerId('dx.officer2') }, body: { role: 'admin' } },
};

/** The route's path with the port and its fixture's parameters put in (percent-encoded, as the console sends them). */
function pathOf(route: AdminRouteScope, port: string): string {
  const fixture = FIXTURES[route.name];
  if (fixture === undefined) throw new Error(`${route.name}: no fixture in admin-scope.test.ts — every admin route must be tried here`);
  const values: Record<string, string> = { ...fixture.params, port };
  const segments = route.pattern.split('/').map((part) => {
    if (!part.startsWith(':')) return part;
    const value = values[part.slice(1)];
    if (value === undefined) throw new Error(`${route.name}: the fixture gives no ${part}`);
    return encodeURIComponent(value);
  });
  return `${ROUTES.admin}${segments.join('/')}`;
}

/** Each route once per port it may name (a route without a port once). */
const TRIES = ROUTE_TABLE.flatMap((route) =>
  (route.isPortScoped ? PORTS : [null]).map((port) => ({ ...route, port, label: `${route.method} ${route.pattern}${port === null ? '' : ` at ${port}`}` })),
);

describe('the admin route table', () => {
  it('holds every route once, each for administrators only, and each has a fixture here (and no fixture names a route HQ does not serve)', () => {
    expect(ROUTE_TABLE.length).toBeGreaterThanOrEqual(29);
    expect(new Set(ROUTE_TABLE.map((r) => r.name)).size).toBe(ROUTE_TABLE.length);
    expect(new Set(ROUTE_TABLE.map((r) => `${r.method} ${r.pattern}`)).size).toBe(ROUTE_TABLE.length);
    expect(ROUTE_TABLE.every((r) => r.role === 'admin')).toBe(true);
    expect(ROUTE_TABLE.filter((r) => !FIXTURES[r.name]).map((r) => r.name)).toEqual([]);
    const served = new Set(ROUTE_TABLE.map((r) => r.name));
    expect(Object.keys(FIXTURES).filter((name) => !served.has(name))).toEqual([]);
    expect(ROUTE_TABLE.filter((r) => !r.isPortScoped).map((r) => r.name)).toEqual(['admin.ports']);
  });
});

describe.each(STORE_VARIANTS)('admin API: scope ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let admin: Session;
  let tokens: { who: string; session: Session }[];
  const logger = memoryLogger();
  const refusals = () =>
    h.hq.db.query<{ refusal_id: string; port_id: string; officer_id: string; route: string; code: string; detail: Record<string, unknown> }>(
      'SELECT refusal_id, port_id, officer_id, route, code, detail FROM refused_requests',
    );
  const scopeLogLines = () => logger.entries.filter((e) => e.event === 'scope.refused');

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store, { logger });
    admin = await h.login('hq.admin', 'console-scope-0001');
    // The demo has no supervisor at PINGXIANG: one is added, so both roles below admin are tried from another port too.
    const added = await call(h, admin.accessToken, 'POST', `${ROUTES.admin}ports/PINGXIANG/officers`, {
      username: 'px.supervisor',
      name: '农建华',
      role: 'supervisor',
      password: DEMO_PASSWORD,
    });
    expect(added.status).toBe(201);
    tokens = [
      { who: 'dx.officer1', session: await h.login('dx.officer1') },
      { who: 'dx.supervisor', session: await h.login('dx.supervisor') },
      { who: 'px.officer1', session: await h.login('px.officer1') },
      { who: 'px.supervisor', session: await h.login('px.supervisor', 'desk-px-scope') },
    ];
    expect(tokens.map((t) => `${t.session.officer.portId}/${t.session.officer.role}`)).toEqual([
      'DONGXING/officer',
      'DONGXING/supervisor',
      'PINGXIANG/officer',
      'PINGXIANG/supervisor',
    ]);
    await storeChain(h.hq.db, { portId: 'DONGXING', deviceId: DEVICE, officerId: officerId('dx.officer1'), count: 3, at: h.clock.now });
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it.each(TRIES)('$label ($name): an officer or supervisor of this port or another is refused, logged, and changes nothing', async (route) => {
    const path = pathOf(route, route.port ?? '');
    for (const { who, session } of tokens) {
      const known = new Set((await refusals()).map((r) => r.refusal_id));
      const before = await storeDigest(h.hq.db, ['refused_requests']);
      const logged = scopeLogLines().length;
      const answer = await call(h, session.accessToken, route.method, path, FIXTURES[route.name]?.body);
      expect([answer.status, answer.code], who).toEqual([403, 'forbidden']);
      expect(answer.body, who).toMatchObject({ error: { message: expect.stringContaining('HQ administrators only') } });
      expect(changedTables(before, await storeDigest(h.hq.db, ['refused_requests'])), who).toEqual([]);
      const added = (await refusals()).filter((r) => !known.has(r.refusal_id));
      const asked = route.port === null ? {} : { askedPort: route.port };
      expect(added, who).toEqual([
        { refusal_id: expect.any(String), port_id: session.officer.portId, officer_id: session.officer.id, route: route.name, code: 'forbidden', detail: { role: session.officer.role, ...asked } },
      ]);
      expect(scopeLogLines().slice(logged), who).toMatchObject([{ level: 'warn', fields: { route: route.name, officerId: session.officer.id, code: 'forbidden' } }]);
    }
  });

  it.each(TRIES)('$label ($name): no token or a garbage one is 401 and writes nothing', async (route) => {
    const path = pathOf(route, route.port ?? '');
    for (const token of [undefined, 'garbage-token-value']) {
      const before = await storeDigest(h.hq.db);
      const answer = await call(h, token, route.method, path, FIXTURES[route.name]?.body);
      expect([answer.status, answer.code]).toEqual([401, 'unauthorized']);
      expect(changedTables(before, await storeDigest(h.hq.db))).toEqual([]);
    }
  });

  // Last: these may write. An administrator passes the role check at every route, so the
  // 403s above came from the role alone (what follows is the route's own answer).
  it.each(TRIES)('$label ($name): an HQ administrator gets past the role check, and nothing is logged as refused', async (route) => {
    const logged = scopeLogLines().length;
    const answer = await call(h, admin.accessToken, route.method, pathOf(route, route.port ?? ''), FIXTURES[route.name]?.body);
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
    expect([401, 403]).not.toContain(answer.status);
    expect(scopeLogLines().length).toBe(logged);
  });
});
