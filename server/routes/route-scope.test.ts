import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_ROUTES, cstDateOf, PROTOCOL_VERSION, ROUTES, type Session } from '../../shared/index';
import { call } from '../admin/admin-test-kit';
import { chunkPath, makeUpload } from '../blobs/blob-test-kit';
import { memoryLogger } from '../log';
import { DEMO_PASSWORD } from '../seed/demo-data';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import { changedTables, storeDigest } from '../testing/store-digest';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { apiRouteTable } from './api-routes';

/**
 * Every fixed-path route HQ serves (the sync endpoints, reports, receipts, attachments),
 * enumerated from apiRouteTable so a new route is tried here or this test fails, with the
 * token of an officer and of a supervisor of each port (the administrator API has its
 * own: server/admin/admin-scope.test.ts):
 *
 * - `port` routes, naming the other port (its records pushed, `?port=` read): 403
 *   `forbidden` with a message, one refusal row and one log line, nothing else changed;
 * - `admin` routes: the same for every role below admin, whatever the port;
 * - `own_port` routes (writes go to the token's port): the other port's rows untouched;
 * - every route that is not `public`: 401 without a token, nothing written.
 */
const today = cstDateOf(new Date());
const TABLE = apiRouteTable();
const OTHER_PORT: Record<string, string> = { DONGXING: 'PINGXIANG', PINGXIANG: 'DONGXING' };
const HASH = 'b'.repeat(64);

interface Attempt {
  path: string;
  method: string;
  body?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** The route's name in refused_requests; null where nothing is refused (own_port). */
  refusedAs: string | null;
}
type Fixture = (who: { username: string; session: Session; asked: string; deviceId: string }) => Attempt;

const JSON_TYPE = { 'content-type': 'application/json' };
const FIXTURES: Record<string, Fixture> = {
  [`POST ${ROUTES.push}`]: ({ username, asked, deviceId }) => ({
    method: 'POST',
    path: ROUTES.push,
    headers: JSON_TYPE,
    body: JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      deviceId,
      mutations: [
        declarationMutation({
          certificateNo: asked === 'DONGXING' ? 'DX000001' : 'PX000001',
          portId: asked,
          pointId: asked === 'DONGXING' ? 'DX-01' : 'PX-01',
          // px.supervisor is not a demo officer; the port alone refuses the push, before any name is read.
          officer: username === 'px.supervisor' ? 'px.officer1' : username,
          deviceId,
        }),
      ],
    }),
    refusedAs: 'sync.push',
  }),
  [`GET ${ROUTES.pull}`]: ({ asked }) => ({ method: 'GET', path: `${ROUTES.pull}?after=0&port=${asked}`, refusedAs: 'sync.pull' }),
  [`GET ${ROUTES.reportsDay}`]: ({ asked }) => ({ method: 'GET', path: `${ROUTES.reportsDay}?date=${today}&port=${asked}`, refusedAs: 'reports.day' }),
  [`POST ${ROUTES.receipts}`]: () => ({ method: 'POST', path: ROUTES.receipts, headers: JSON_TYPE, body: JSON.stringify({ receipts: [] }), refusedAs: 'receipts' }),
  [`GET ${BLOB_ROUTES.status}`]: ({ asked }) => ({ method: 'GET', path: `${BLOB_ROUTES.status}?sha256=${HASH}&port=${asked}`, refusedAs: 'blobs.status' }),
  [`GET ${BLOB_ROUTES.download}`]: ({ asked }) => ({ method: 'GET', path: `${BLOB_ROUTES.download}?sha256=${HASH}&port=${asked}`, refusedAs: 'blobs.download' }),
  [`POST ${BLOB_ROUTES.chunk}`]: () => {
    const upload = makeUpload(1000);
    return { method: 'POST', path: chunkPath(upload, 0, 1000), headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(upload.bytes), refusedAs: null };
  },
  [`POST ${BLOB_ROUTES.finish}`]: () => ({
    method: 'POST',
    path: BLOB_ROUTES.finish,
    headers: JSON_TYPE,
    body: JSON.stringify({ sha256: HASH, size: 1000, contentType: 'image/jpeg', fileName: 'x.jpg' }),
    refusedAs: null,
  }),
};

const TRIED = TABLE.filter((route) => route.scope !== 'public');

describe('the route table', () => {
  it('declares a scope for every route HQ serves, and every route but the public ones has a fixture here', () => {
    expect(TABLE.filter((r) => r.scope === undefined).map((r) => r.key)).toEqual([]);
    expect(new Set(TABLE.map((r) => r.key)).size).toBe(TABLE.length);
    expect(TRIED.filter((r) => FIXTURES[r.key] === undefined).map((r) => r.key)).toEqual([]);
    const tried = new Set(TRIED.map((r) => r.key));
    expect(Object.keys(FIXTURES).filter((key) => !tried.has(key))).toEqual([]);
    expect(TABLE.filter((r) => r.scope === 'public').map((r) => r.key)).toEqual([`GET ${ROUTES.health}`, `POST ${ROUTES.login}`, `POST ${ROUTES.refresh}`, `POST ${ROUTES.logout}`]);
  });
});

describe.each(STORE_VARIANTS)('scope at every sync, report, receipt and attachment route ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let tokens: { username: string; session: Session; deviceId: string }[];
  const logger = memoryLogger();
  const refusals = () =>
    h.hq.db.query<{ refusal_id: string; port_id: string; officer_id: string; device_id: string | null; route: string; code: string }>(
      'SELECT refusal_id, port_id, officer_id, device_id, route, code FROM refused_requests',
    );
  const scopeLogLines = () => logger.entries.filter((e) => e.event === 'scope.refused');
  const send = (attempt: Attempt, token?: string) =>
    h.request(attempt.path, {
      method: attempt.method,
      ...(token === undefined ? {} : { token }),
      ...(attempt.headers === undefined ? {} : { headers: attempt.headers }),
      ...(attempt.body === undefined ? {} : { body: attempt.body }),
    });

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store, { logger });
    const admin = await h.login('hq.admin', 'console-route-scope');
    // The demo has no supervisor at PINGXIANG: one is added, so both roles below admin are tried from each port.
    const added = await call(h, admin.accessToken, 'POST', `${ROUTES.admin}ports/PINGXIANG/officers`, {
      username: 'px.supervisor',
      name: '农建华',
      role: 'supervisor',
      password: DEMO_PASSWORD,
    });
    expect(added.status).toBe(201);
    tokens = [];
    for (const username of ['dx.officer1', 'dx.supervisor', 'px.officer1', 'px.supervisor']) {
      const deviceId = `desk-rs-${username.replace('.', '-')}`;
      tokens.push({ username, deviceId, session: await h.login(username, deviceId) });
    }
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it.each(TRIED)('$key ($scope): an officer or supervisor reaching past their port or role is refused, logged, and changes nothing', async (route) => {
    const fixture = FIXTURES[route.key];
    if (fixture === undefined) throw new Error(`${route.key}: no fixture`);
    for (const { username, session, deviceId } of tokens) {
      const asked = OTHER_PORT[session.officer.portId] ?? '';
      const attempt = fixture({ username, session, asked, deviceId });
      const known = new Set((await refusals()).map((r) => r.refusal_id));
      const logged = scopeLogLines().length;
      if (route.scope === 'own_port') {
        // Nothing to refuse: whatever the answer, the other port's rows are left as they were.
        const before = await storeDigest(h.hq.db, [], asked);
        const ownBefore = await storeDigest(h.hq.db, [], session.officer.portId);
        const res = await send(attempt, session.accessToken);
        expect(res.status, username).toBeLessThan(500);
        expect(changedTables(before, await storeDigest(h.hq.db, [], asked)), username).toEqual([]);
        // The digest sees a port's writes: a chunk lands in the token's own port.
        if (route.key === `POST ${BLOB_ROUTES.chunk}`) expect(changedTables(ownBefore, await storeDigest(h.hq.db, [], session.officer.portId)), username).not.toEqual([]);
        expect((await refusals()).length, username).toBe(known.size);
        continue;
      }
      const before = await storeDigest(h.hq.db, ['refused_requests']);
      const res = await send(attempt, session.accessToken);
      expect(res.status, username).toBe(403);
      const { error } = await res.json();
      expect(error, username).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/\S/) });
      expect(changedTables(before, await storeDigest(h.hq.db, ['refused_requests'])), username).toEqual([]);
      const added = (await refusals()).filter((r) => !known.has(r.refusal_id));
      expect(added, username).toEqual([
        {
          refusal_id: expect.any(String),
          port_id: session.officer.portId,
          officer_id: session.officer.id,
          device_id: route.key === `POST ${ROUTES.push}` ? deviceId : null,
          route: attempt.refusedAs,
          code: 'forbidden',
        },
      ]);
      expect(scopeLogLines().slice(logged), username).toMatchObject([{ level: 'warn', fields: { route: attempt.refusedAs, officerId: session.officer.id } }]);
    }
  });

  it.each(TRIED)('$key: no token is 401 and writes nothing', async (route) => {
    const fixture = FIXTURES[route.key];
    const first = tokens[0];
    if (fixture === undefined || first === undefined) throw new Error(`${route.key}: no fixture`);
    const before = await storeDigest(h.hq.db);
    const res = await send(fixture({ ...first, asked: 'PINGXIANG' }));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
    expect(changedTables(before, await storeDigest(h.hq.db))).toEqual([]);
  });
});
