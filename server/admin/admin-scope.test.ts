import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PATHS, cstDateOf, type Session } from '../../shared/index';
import { memoryLogger } from '../log';
import { DEMO_GOODS_ITEMS } from '../seed/demo-data';
import { type Harness, officerId, startHarness } from '../testing/hq-harness';
import { countChanges } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { call, hqState, storeChain } from './admin-test-kit';

/**
 * Every route of the administrator API, tried with the token of an officer and of a
 * supervisor (of the route's own port and of another): refused 403 `forbidden`, the
 * attempt written to refused_requests and the log, and nothing else changed — not a row,
 * not a seq, not a token. Without a token: 401 and nothing written at all.
 */
const today = cstDateOf(new Date());
const ROUTES_TRIED: { name: string; method: string; path: string; body?: unknown }[] = [
  { name: 'admin.ports', method: 'GET', path: ADMIN_PATHS.ports() },
  { name: 'admin.reference', method: 'GET', path: ADMIN_PATHS.reference('DONGXING') },
  { name: 'admin.policies.publish', method: 'POST', path: ADMIN_PATHS.policies('DONGXING'), body: { dailyExemptFen: 1, effectiveFrom: today } },
  { name: 'admin.goods_lists.publish', method: 'POST', path: ADMIN_PATHS.goodsLists('DONGXING'), body: { effectiveFrom: today, items: DEMO_GOODS_ITEMS } },
  {
    name: 'admin.officers.add',
    method: 'POST',
    path: ADMIN_PATHS.officers('DONGXING'),
    body: { username: 'dx.sneaky', name: '冒名', role: 'admin', password: 'sneaky-password' },
  },
  { name: 'admin.officers.update', method: 'PATCH', path: ADMIN_PATHS.officer('DONGXING', officerId('dx.officer2')), body: { role: 'admin' } },
  { name: 'admin.points.add', method: 'POST', path: ADMIN_PATHS.points('DONGXING'), body: { id: 'DX-99', name: '假点', nameEn: '' } },
  { name: 'admin.points.update', method: 'PATCH', path: ADMIN_PATHS.point('DONGXING', 'DX-01'), body: { name: '改名' } },
  { name: 'admin.audit', method: 'GET', path: ADMIN_PATHS.audit('DONGXING') },
  { name: 'admin.audit.entries', method: 'GET', path: ADMIN_PATHS.auditEntries('DONGXING', 'desk-scope-0001') },
  { name: 'admin.audit.verify', method: 'POST', path: ADMIN_PATHS.auditVerify('DONGXING', 'desk-scope-0001') },
];

describe.each(STORE_VARIANTS)('admin API: scope ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let tokens: { who: string; session: Session }[];
  const logger = memoryLogger();

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store, { logger });
    tokens = [
      { who: 'dx.officer1', session: await h.login('dx.officer1') },
      { who: 'dx.supervisor', session: await h.login('dx.supervisor') },
      { who: 'px.officer1', session: await h.login('px.officer1') },
    ];
    await storeChain(h.hq.db, { portId: 'DONGXING', deviceId: 'desk-scope-0001', officerId: officerId('dx.officer1'), count: 3, at: h.clock.now });
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it.each(ROUTES_TRIED)('$name: an officer or supervisor of any port is refused, logged, and changes nothing', async (route) => {
    const refusals = () =>
      h.hq.db.query<{ refusal_id: string; port_id: string; officer_id: string; route: string; detail: Record<string, unknown> }>(
        'SELECT refusal_id, port_id, officer_id, route, detail FROM refused_requests',
      );
    for (const { who, session } of tokens) {
      const known = new Set((await refusals()).map((r) => r.refusal_id));
      const before = await hqState(h.hq.db);
      const loggedBefore = logger.entries.filter((e) => e.event === 'scope.refused').length;
      const answer = await call(h, session.accessToken, route.method, route.path, route.body);
      expect([answer.status, answer.code], who).toEqual([403, 'forbidden']);
      const after = await hqState(h.hq.db);
      expect(countChanges(before.counts, after.counts), who).toEqual({ refused_requests: 1 });
      expect({ ...after, counts: null }).toEqual({ ...before, counts: null });
      const added = (await refusals()).filter((r) => !known.has(r.refusal_id));
      expect(added).toHaveLength(1);
      expect(added[0]).toMatchObject({ port_id: session.officer.portId, officer_id: session.officer.id, route: route.name, detail: { role: session.officer.role, ...(route.name === 'admin.ports' ? {} : { askedPort: 'DONGXING' }) } });
      expect(logger.entries.filter((e) => e.event === 'scope.refused').length).toBe(loggedBefore + 1);
    }
  });

  it.each(ROUTES_TRIED)('$name: no token or a garbage one is 401 and writes nothing', async (route) => {
    for (const token of [undefined, 'garbage-token-value']) {
      const before = await hqState(h.hq.db);
      const answer = await call(h, token, route.method, route.path, route.body);
      expect([answer.status, answer.code]).toEqual([401, 'unauthorized']);
      expect(await hqState(h.hq.db)).toEqual(before);
    }
  });
});
