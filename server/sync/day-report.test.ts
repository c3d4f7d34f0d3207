import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, cstDateOf, dayReportSchema, pushResponseSchema, ROUTES, type Session } from '../../shared/index';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/** The extended day report (issue 4): figures by goods and point from SQL, scope, bad input. */
describe.each(STORE_VARIANTS)('day report at HQ ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let officer: Session;
  let supervisor: Session;
  let admin: Session;
  let px: Session;
  const today = cstDateOf(new Date());
  const yesterday = addDays(today, -1);

  const report = async (query: string, token: string) => {
    const res = await h.request(`${ROUTES.reportsDay}?${query}`, { token });
    return { status: res.status, body: await res.json() };
  };
  const refusals = async () => (await h.hq.db.query<{ n: number }>(`SELECT count(*)::int8 AS n FROM refused_requests WHERE route = 'reports.day'`))[0]?.n ?? 0;

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    officer = await h.login('dx.officer1');
    supervisor = await h.login('dx.supervisor', 'desk-test-0002');
    admin = await h.login('hq.admin', 'console-test-0001');
    px = await h.login('px.officer1', 'desk-px-0001');
    const mutations = [
      declarationMutation({ certificateNo: 'DX000001', pointId: 'DX-01', valueFen: 100_000, hsCode: '0803' }),
      declarationMutation({ certificateNo: 'DX000001', pointId: 'DX-01', valueFen: 750_000, hsCode: '0803', usedTodayFen: 100_000 }),
      declarationMutation({ certificateNo: 'DX000002', pointId: 'DX-02', valueFen: 300_000, hsCode: '0810' }),
      declarationMutation({ certificateNo: 'DX900001', pointId: 'DX-02', valueFen: 50_000, hsCode: '0810' }),
      declarationMutation({ certificateNo: 'DX000003', pointId: 'DX-01', valueFen: 20_000, hsCode: '0803', tradeDate: yesterday }),
    ];
    const res = await h.push(officer.accessToken, mutations);
    expect(res.status).toBe(200);
    const results = pushResponseSchema.parse(await res.json()).results;
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it("has the original fields, HQ's amounts, and the figures by goods and by point", async () => {
    const { status, body } = await report(`date=${today}`, officer.accessToken);
    expect(status).toBe(200);
    const day = dayReportSchema.parse(body);
    // DX000001 went over the 8,000 duty-free amount with its second ticket: 500 yuan taxable.
    expect(day).toMatchObject({ portId: 'DONGXING', date: today, declarations: 4, residents: 3, totalFen: 1_200_000, taxableFen: 50_000, exemptFen: 1_150_000, hqAssessed: 4 });
    expect(day.flagged).toBe(1);
    expect(day.byGoods).toEqual([
      { hsCode: '0803', name: '香蕉', tickets: 2, valueFen: 850_000, netKg: 200, sharePercent: 70.8 },
      { hsCode: '0810', name: '香蕉', tickets: 2, valueFen: 350_000, netKg: 200, sharePercent: 29.2 },
    ]);
    expect(day.byPoint).toEqual([
      { pointId: 'DX-01', name: '东兴互市贸易区', nameEn: 'Dongxing Mutual-Market Zone', tickets: 2, residents: 1, totalFen: 850_000, exemptFen: 800_000, taxableFen: 50_000, flagged: 0 },
      { pointId: 'DX-02', name: '北仑河互市点', nameEn: 'Beilun River Market Point', tickets: 2, residents: 2, totalFen: 350_000, exemptFen: 350_000, taxableFen: 0, flagged: 1 },
    ]);
    expect(day.trend).toHaveLength(7);
    expect(day.trend.at(-1)).toEqual({ date: today, tickets: 4 });
    expect(day.trend.at(-2)).toEqual({ date: yesterday, tickets: 1 });
    expect(day.trend.slice(0, 5).every((t) => t.tickets === 0)).toBe(true);
  });

  it('a day without declarations is zeros, the trend still there', async () => {
    const day = dayReportSchema.parse((await report(`date=${addDays(today, -30)}`, supervisor.accessToken)).body);
    expect(day).toMatchObject({ declarations: 0, residents: 0, totalFen: 0, flagged: 0, hqAssessed: 0, byGoods: [], byPoint: [] });
    expect(day.trend).toHaveLength(7);
  });

  it('an administrator reads the port by ?port=; the same figures as the port officer sees', async () => {
    const mine = (await report(`date=${today}`, supervisor.accessToken)).body;
    const across = await report(`date=${today}&port=DONGXING`, admin.accessToken);
    expect(across.status).toBe(200);
    expect(across.body).toEqual(mine);
  });

  it("another port's officer is refused (403) and the refusal logged", async () => {
    const before = await refusals();
    const res = await report(`date=${today}&port=DONGXING`, px.accessToken);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(await refusals()).toBe(before + 1);
    const own = dayReportSchema.parse((await report(`date=${today}`, px.accessToken)).body);
    expect(own).toMatchObject({ portId: 'PINGXIANG', declarations: 0 });
  });

  it('the first days of the calendar answer too (the trend stops at 0001-01-01)', async () => {
    const { status, body } = await report('date=0001-01-03', officer.accessToken);
    expect(status).toBe(200);
    expect(dayReportSchema.parse(body)).toMatchObject({ declarations: 0, trend: expect.arrayContaining([{ date: '0001-01-03', tickets: 0 }]) });
  });

  it('a bad date is a 400 naming the field', async () => {
    for (const query of ['date=2026-02-30', 'date=yesterday', 'date=', '']) {
      const res = await report(query, officer.accessToken);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body.error), query).toContain('date');
    }
  });
});
