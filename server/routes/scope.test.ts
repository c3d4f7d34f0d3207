import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cstDateOf, PROTOCOL_VERSION, pullResponseSchema, ROUTES, type Session } from '../../shared/index';
import { issueAccessToken } from '../auth/access-tokens';
import { memoryLogger } from '../log';
import { declarationMutation, type Harness, officerId, startHarness } from '../testing/hq-harness';
import { countChanges, type TableCounts, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

const JSON_TYPE = { 'content-type': 'application/json' };
const PX_DEVICE = 'desk-px-0001';

interface RefusalRow {
  refusal_id: string;
  port_id: string;
  officer_id: string;
  device_id: string | null;
  route: string;
  code: string;
  detail: Record<string, unknown>;
}

/** A PINGXIANG declaration, made the way px.officer1's desk makes it. */
const pxMutation = () => declarationMutation({ certificateNo: 'PX000001', portId: 'PINGXIANG', pointId: 'PX-01', officer: 'px.officer1', deviceId: PX_DEVICE });
/** A DONGXING declaration: not px.officer1's to push. */
const dxMutation = () => declarationMutation({ certificateNo: 'DX000001', officer: 'px.officer1', deviceId: PX_DEVICE });

describe.each(STORE_VARIANTS)('scope at every endpoint ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let px: Session;
  let dxSupervisor: Session;
  let admin: Session;
  let before: TableCounts;
  let loggedRefusals = 0;
  let knownRefusals = new Set<string>();
  const logger = memoryLogger();
  const scopeLogLines = () => logger.entries.filter((e) => e.event === 'scope.refused').length;
  async function snapshot(): Promise<void> {
    before = await tableCounts(h.hq.db);
    loggedRefusals = scopeLogLines();
    knownRefusals = new Set((await refusals()).map((r) => r.refusal_id));
  }
  const today = cstDateOf(new Date());

  const refusals = () =>
    h.hq.db.query<RefusalRow>('SELECT refusal_id, port_id, officer_id, device_id, route, code, detail FROM refused_requests');
  /** Expects a 403 `forbidden`, exactly one new refusal row describing it, and no other change. */
  async function expectRefused(res: Response, row: Partial<RefusalRow>): Promise<void> {
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({ refused_requests: 1 });
    const added = (await refusals()).filter((r) => !knownRefusals.has(r.refusal_id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ code: 'forbidden', ...row });
    expect(scopeLogLines()).toBe(loggedRefusals + 1);
  }
  /** Expects 401 `unauthorized` and nothing changed at all (not even a refusal row). */
  async function expectUnauthorized(res: Response): Promise<void> {
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({});
  }

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store, { logger });
    px = await h.login('px.officer1', PX_DEVICE);
    dxSupervisor = await h.login('dx.supervisor');
    admin = await h.login('hq.admin');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });
  beforeEach(snapshot);

  it('push: a PINGXIANG token with DONGXING records is refused whole, logged with who and from which desk', async () => {
    await expectRefused(await h.push(px.accessToken, [dxMutation()], PX_DEVICE), {
      port_id: 'PINGXIANG',
      officer_id: officerId('px.officer1'),
      device_id: PX_DEVICE,
      route: 'sync.push',
      detail: { foreignPorts: ['DONGXING'], mutations: 1 },
    });
  });

  it('push: one foreign record sinks the whole request, its own-port records included', async () => {
    const res = await h.push(px.accessToken, [pxMutation(), dxMutation(), pxMutation()], PX_DEVICE);
    await expectRefused(res, { route: 'sync.push', detail: { foreignPorts: ['DONGXING'], mutations: 3 } });
  });

  it('push: a hostile port name (NUL, lone surrogate, number, null) is refused and logged as "?", not a 500', async () => {
    for (const portId of ['DONGXING\u0000', '\ud800', 42, null, "DONGXING'; DROP TABLE declarations; --"]) {
      await snapshot();
      const mutation = { ...pxMutation(), record: { ...pxMutation().record, portId } };
      await expectRefused(await h.push(px.accessToken, [mutation], PX_DEVICE), { detail: { foreignPorts: ['?'], mutations: 1 } });
    }
  });

  it('push: the same records with the right port apply (the refusals above were about scope only)', async () => {
    const res = await h.push(px.accessToken, [pxMutation()], PX_DEVICE);
    expect(res.status).toBe(200);
    expect((await res.json()).results[0].status).toBe('applied');
    // The desk's first push also opens its audit chain's row.
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({ declarations: 1, mutations: 1, audit_chains: 1 });
  });

  it('pull: ?port= naming another port is refused and logged; the own port is served, and only it', async () => {
    const asked = await h.request(`${ROUTES.pull}?after=0&port=DONGXING`, { token: px.accessToken });
    await expectRefused(asked, { port_id: 'PINGXIANG', route: 'sync.pull', detail: { askedPort: 'DONGXING' } });

    await snapshot();
    const hostile = await h.request(`${ROUTES.pull}?port=${encodeURIComponent("x' OR 1=1 --")}`, { token: px.accessToken });
    await expectRefused(hostile, { route: 'sync.pull', detail: { askedPort: '?' } });

    // Naming the port twice (own first, then another) is not a way round the check.
    const twice = await h.request(`${ROUTES.pull}?port=PINGXIANG&port=DONGXING`, { token: px.accessToken });
    expect(twice.status).toBe(400);
    expect((await twice.json()).error).toMatchObject({ code: 'validation', field: 'port' });

    const own = await h.request(`${ROUTES.pull}?after=0&limit=5000&port=PINGXIANG`, { token: px.accessToken });
    expect(own.status).toBe(200);
    const page = pullResponseSchema.parse(await own.json());
    expect(page.portId).toBe('PINGXIANG');
    expect(page.changes.length).toBeGreaterThan(500);
    for (const change of page.changes) {
      const portId = 'portId' in change.data ? change.data.portId : null;
      expect(portId).toBe('PINGXIANG');
    }
  });

  it('reports: an officer naming another port is refused and logged; a supervisor too (a role below admin)', async () => {
    const url = `${ROUTES.reportsDay}?date=${today}&port=DONGXING`;
    await expectRefused(await h.request(url, { token: px.accessToken }), {
      port_id: 'PINGXIANG',
      route: 'reports.day',
      detail: { askedPort: 'DONGXING', role: 'officer' },
    });
    await snapshot();
    const supervisor = await h.request(`${ROUTES.reportsDay}?date=${today}&port=PINGXIANG`, { token: dxSupervisor.accessToken });
    await expectRefused(supervisor, { port_id: 'DONGXING', officer_id: officerId('dx.supervisor'), detail: { askedPort: 'PINGXIANG', role: 'supervisor' } });
  });

  it('reports: an HQ administrator reads across ports; everyone reads their own', async () => {
    const across = await h.request(`${ROUTES.reportsDay}?date=${today}&port=PINGXIANG`, { token: admin.accessToken });
    expect(across.status).toBe(200);
    const report = await across.json();
    expect(report).toMatchObject({ portId: 'PINGXIANG', date: today });
    expect(report.declarations).toBeGreaterThanOrEqual(1);
    const own = await h.request(`${ROUTES.reportsDay}?date=${today}`, { token: px.accessToken });
    expect(await own.json()).toMatchObject({ portId: 'PINGXIANG', declarations: report.declarations });
    const bad = await h.request(`${ROUTES.reportsDay}?date=${today}&port=nope`, { token: admin.accessToken });
    expect(bad.status).toBe(400);
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({});
  });

  describe('forged, expired and garbage tokens', () => {
    /** Tokens HQ must not accept, each with a reason. */
    function badTokens(): [string, string][] {
      const [payload = '', signature = ''] = px.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const reclaim = (changes: object) => Buffer.from(JSON.stringify({ ...claims, ...changes })).toString('base64url');
      const otherSecret = randomBytes(32);
      const signedElsewhere = issueAccessToken(otherSecret, { officerId: officerId('hq.admin'), portId: 'DONGXING', role: 'admin' }, new Date());
      return [
        ['another port in the claims, old signature', `${reclaim({ port: 'DONGXING' })}.${signature}`],
        ['a higher role in the claims, old signature', `${reclaim({ role: 'admin' })}.${signature}`],
        ['a later expiry, old signature', `${reclaim({ exp: claims.exp + 86_400_000 })}.${signature}`],
        ['signed with another key', signedElsewhere.token],
        ['no signature', `${payload}.`],
        ['signature only', `.${signature}`],
        ['garbage', 'not-a-token-at-all'],
        ['a refresh token', px.refreshToken],
        ['SQL', "x' OR '1'='1.abc"],
        ['huge', `${'a'.repeat(5000)}.${'b'.repeat(50)}`],
      ];
    }

    it('push, pull and reports answer 401 to each, change nothing and log no refusal', async () => {
      for (const [reason, token] of badTokens()) {
        const requests = [
          h.push(token, [pxMutation()], PX_DEVICE),
          h.request(`${ROUTES.pull}?after=0`, { token }),
          h.request(`${ROUTES.reportsDay}?date=${today}`, { token }),
        ];
        for (const res of await Promise.all(requests)) {
          expect(res.status, reason).toBe(401);
          await expectUnauthorized(res);
        }
      }
      const noScheme = await h.request(`${ROUTES.pull}?after=0`, { headers: { authorization: px.accessToken } });
      await expectUnauthorized(noScheme);
      const basic = await h.request(`${ROUTES.pull}?after=0`, { headers: { authorization: `Basic ${btoa('px.officer1:borderdesk')}` } });
      await expectUnauthorized(basic);
    });

    it('an access token stops working at its expiry, at every endpoint', async () => {
      const session = await h.login('px.officer1', PX_DEVICE);
      await snapshot();
      h.clock.advance(15 * 60 * 1000);
      for (const res of [
        await h.push(session.accessToken, [pxMutation()], PX_DEVICE),
        await h.pull(session.accessToken, 0, 1),
        await h.request(`${ROUTES.reportsDay}?date=${today}`, { token: session.accessToken }),
      ]) {
        await expectUnauthorized(res);
      }
      // Tokens of the sessions made before are expired too now: sign in afresh for the rest.
      px = await h.login('px.officer1', PX_DEVICE);
      dxSupervisor = await h.login('dx.supervisor');
      admin = await h.login('hq.admin');
    });

    it('refresh refuses garbage, a token moved to another port, and a token from another device (which ends the family)', async () => {
      const session = await h.login('px.officer1', PX_DEVICE);
      const refresh = (refreshToken: string, deviceId = PX_DEVICE) =>
        h.request(ROUTES.refresh, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ refreshToken, deviceId }) });
      const moved = session.refreshToken.replace(/^PINGXIANG\./, 'DONGXING.');
      for (const token of ['x'.repeat(40), moved, `PINGXIANG.${'A'.repeat(43)}`, `NOPE.${session.refreshToken}`]) {
        const res = await refresh(token);
        expect(res.status, token).toBe(401);
        expect((await res.json()).error.code).toBe('unauthorized');
      }
      // A copy presented by another device: HQ cannot tell thief from owner, so both lose it.
      expect((await refresh(session.refreshToken, 'desk-thief-0001')).status).toBe(401);
      expect((await refresh(session.refreshToken)).status).toBe(401);
      expect(logger.entries.some((e) => e.event === 'refresh.reuse_detected')).toBe(true);
    });

    it('logout with garbage or an unknown token answers 204 and changes nothing', async () => {
      await snapshot();
      for (const refreshToken of ['garbage', `PINGXIANG.${'A'.repeat(43)}`, "DONGXING.' OR 1=1 --"]) {
        const res = await h.request(ROUTES.logout, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ refreshToken }) });
        expect(res.status).toBe(204);
      }
      expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({});
      const stillValid = await h.push(px.accessToken, [pxMutation()], PX_DEVICE);
      expect(stillValid.status).toBe(200);
    });
  });

  it('a push envelope of another protocol version with foreign records gets 426, not a refusal', async () => {
    const res = await h.request(ROUTES.push, {
      method: 'POST',
      token: px.accessToken,
      headers: JSON_TYPE,
      body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION + 1, deviceId: PX_DEVICE, mutations: [dxMutation()] }),
    });
    expect(res.status).toBe(426);
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({});
  });
});
