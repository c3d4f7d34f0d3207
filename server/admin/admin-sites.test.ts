import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cstDateOf,
  currentSiteStatus,
  DEMO_SITES,
  isSiteInUseOn,
  SITE_ADMIN_PATHS,
  type SiteEventRequest,
  type Session,
  siteWrittenSchema,
  sitesAnswerSchema,
} from '../../shared/index';
import { type Harness, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { call, hqState } from './admin-test-kit';

const acceptance = (baseVersion: number, date: string): SiteEventRequest => ({
  baseVersion,
  category: 'fruit',
  type: 'pass_acceptance',
  date,
  documents: [{ title: '海关总署验收意见', number: null, issuer: '海关总署', issuedOn: null, attachment: null }],
  note: '',
});

describe.each(STORE_VARIANTS)('admin API: designated sites ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let admin: Session;
  let officer: Session;
  let supervisor: Session;
  const today = () => cstDateOf(new Date());

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    admin = await h.login('hq.admin', 'console-test-0001');
    officer = await h.login('dx.officer1', 'desk-sites-0001');
    supervisor = await h.login('dx.supervisor', 'desk-sites-0002');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it("seeds Dongxing's five sites, awaiting acceptance", async () => {
    const answer = await call(h, admin.accessToken, 'GET', SITE_ADMIN_PATHS.sites('DONGXING'));
    expect(answer.status).toBe(200);
    const { sites } = sitesAnswerSchema.parse(answer.body);
    expect(sites.map((s) => s.id).sort()).toEqual(DEMO_SITES.map((s) => s.id).sort());
    for (const site of sites) {
      const category = site.approvals[0]?.category;
      if (category === undefined) throw new Error('no approval');
      expect(currentSiteStatus(site, category).status).toBe('awaiting_acceptance');
    }
    expect(sitesAnswerSchema.parse((await call(h, admin.accessToken, 'GET', SITE_ADMIN_PATHS.sites('PINGXIANG'))).body).sites).toEqual([]);
  });

  it('records the acceptance: the site is in use from its date, with a new version and seq; an act the life does not allow is refused', async () => {
    const [{ last_seq: before }] = (await h.hq.db.query<{ last_seq: number }>("SELECT last_seq FROM ports WHERE port_id = 'DONGXING'")) as [{ last_seq: number }];
    const answer = await call(h, admin.accessToken, 'POST', SITE_ADMIN_PATHS.siteEvents('DONGXING', 'DX2B-FRUIT'), acceptance(1, today()));
    expect(answer.status).toBe(201);
    const written = siteWrittenSchema.parse(answer.body);
    expect(written.seq).toBe(before + 1);
    expect(written.record.version).toBe(2);
    expect(isSiteInUseOn(written.record, 'fruit', today())).toBe(true);
    // Accepting again, or with a stale version: refused, nothing changes.
    const state = await hqState(h.hq.db);
    const again = await call(h, admin.accessToken, 'POST', SITE_ADMIN_PATHS.siteEvents('DONGXING', 'DX2B-FRUIT'), acceptance(2, today()));
    expect(again).toMatchObject({ status: 409, code: 'conflict' });
    const stale = await call(h, admin.accessToken, 'POST', SITE_ADMIN_PATHS.siteEvents('DONGXING', 'DX2B-FRUIT'), { ...acceptance(1, today()), type: 'suspend' });
    expect(stale).toMatchObject({ status: 409, code: 'conflict' });
    const wrongCategory = await call(h, admin.accessToken, 'POST', SITE_ADMIN_PATHS.siteEvents('DONGXING', 'DX2B-GRAIN'), acceptance(1, today()));
    expect(wrongCategory).toMatchObject({ status: 409, code: 'conflict' });
    expect(await hqState(h.hq.db)).toEqual(state);
    // Suspended from today: no longer in use.
    const suspended = await call(h, admin.accessToken, 'POST', SITE_ADMIN_PATHS.siteEvents('DONGXING', 'DX2B-FRUIT'), { ...acceptance(2, today()), type: 'suspend' });
    expect(suspended.status).toBe(201);
    expect(isSiteInUseOn(siteWrittenSchema.parse(suspended.body).record, 'fruit', today())).toBe(false);
  });

  it('adds and edits a site; a taken id and an unknown site are refused', async () => {
    const created = await call(h, admin.accessToken, 'POST', SITE_ADMIN_PATHS.sites('PINGXIANG'), {
      id: 'PX-MEAT',
      name: '凭祥进境肉类指定监管场地',
      nameEn: 'Pingxiang imported meat site',
      operator: { name: '运营单位', nameEn: '', creditCode: null },
      address: '广西凭祥',
      facilities: [{ kind: 'cold_room', count: 2, note: '' }],
      capacities: [{ category: 'meat', effectiveFrom: '2026-01-01', consignmentsPerDay: 10, kgPerDay: null }],
      categories: ['meat'],
    });
    expect(created.status).toBe(201);
    expect(siteWrittenSchema.parse(created.body).record).toMatchObject({ id: 'PX-MEAT', portId: 'PINGXIANG', version: 1, approvals: [{ category: 'meat', events: [] }] });
    const taken = await call(h, admin.accessToken, 'POST', SITE_ADMIN_PATHS.sites('PINGXIANG'), { ...(created.body as { record: object }).record, categories: ['meat'] });
    expect(taken.status).toBe(409);
    const edited = await call(h, admin.accessToken, 'PATCH', SITE_ADMIN_PATHS.site('PINGXIANG', 'PX-MEAT'), { baseVersion: 1, nameEn: 'Pingxiang meat site', addCategories: ['logs'] });
    expect(edited.status).toBe(200);
    expect(siteWrittenSchema.parse(edited.body).record).toMatchObject({ version: 2, nameEn: 'Pingxiang meat site', approvals: [{ category: 'meat' }, { category: 'logs' }] });
    expect((await call(h, admin.accessToken, 'PATCH', SITE_ADMIN_PATHS.site('PINGXIANG', 'NOPE'), { baseVersion: 1, name: 'x' })).status).toBe(404);
    expect((await call(h, admin.accessToken, 'PATCH', SITE_ADMIN_PATHS.site('PINGXIANG', 'PX-MEAT'), { baseVersion: 2 })).status).toBe(400);
  });

  it('refuses officers and supervisors, logged, with nothing changed', async () => {
    for (const session of [officer, supervisor]) {
      const state = await hqState(h.hq.db);
      const refusals = await h.hq.db.query<{ n: number }>('SELECT count(*)::int4 AS n FROM refused_requests');
      const answer = await call(h, session.accessToken, 'POST', SITE_ADMIN_PATHS.siteEvents('DONGXING', 'DX2B-GRAIN'), { ...acceptance(1, today()), category: 'grain' });
      expect(answer).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await call(h, session.accessToken, 'GET', SITE_ADMIN_PATHS.sites('DONGXING'))).status).toBe(403);
      const after = await h.hq.db.query<{ n: number }>('SELECT count(*)::int4 AS n FROM refused_requests');
      expect((after[0]?.n ?? 0) - (refusals[0]?.n ?? 0)).toBe(2);
      const { counts, ...rest } = await hqState(h.hq.db);
      const { counts: countsBefore, ...restBefore } = state;
      expect(rest).toEqual(restBefore);
      expect({ ...counts, refused_requests: 0 }).toEqual({ ...countsBefore, refused_requests: 0 });
    }
  });
});
