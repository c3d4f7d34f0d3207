import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Change, type PullResponse, pullResponseSchema } from '../../shared/index';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/** The seeded DONGXING feed: 1 policy, 1 goods list, 2 points, 4 officers, 3,002 residents, 1 two-step policy. */
const SEEDED_DONGXING = 1 + 1 + 2 + 4 + 3002 + 1 + 5 + 1 + 2 + 3; // … + two-step policy + five designated sites + gate policy + two mutual-aid groups + two processing firms and a processing policy

describe.each(STORE_VARIANTS)('pull ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let token: string;

  async function page(after: number, limit: number, accessToken = token): Promise<PullResponse> {
    const res = await h.pull(accessToken, after, limit);
    expect(res.status).toBe(200);
    return pullResponseSchema.parse(await res.json());
  }

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    token = (await h.login('dx.officer1')).accessToken;
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('pages the port feed in seq order, and an interrupted pull resumes at its cursor without gaps or doubles', async () => {
    const seen: Change[] = [];
    // Two pages, then the desk "crashes": it kept only the cursor of the last stored page.
    let cursor = 0;
    for (let i = 0; i < 2; i++) {
      const p = await page(cursor, 1000);
      expect(p.hasMore).toBe(true);
      seen.push(...p.changes);
      cursor = p.cursor;
    }
    const storedCursor = cursor;
    // Something changes while the desk is away.
    const pushed = await h.push(token, [declarationMutation({ certificateNo: 'DX000001' })]);
    expect(pushed.status).toBe(200);

    cursor = storedCursor;
    for (;;) {
      const p = await page(cursor, 1000);
      seen.push(...p.changes);
      if (p.changes.length > 0) expect(p.cursor).toBe(p.changes.at(-1)?.seq);
      cursor = p.cursor;
      if (!p.hasMore) break;
    }
    const seqs = seen.map((c) => c.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seen).toHaveLength(SEEDED_DONGXING + 1);
    expect(seen.at(-1)?.entity).toBe('declaration');
    const entities = new Set(seen.map((c) => c.entity));
    expect(entities).toEqual(new Set(['policy', 'goods_list', 'market_point', 'officer', 'resident', 'two_step_policy', 'site', 'gate_policy', 'group', 'processing_firm', 'processing_policy', 'declaration']));

    const empty = await page(cursor, 1000);
    expect(empty).toMatchObject({ changes: [], cursor, hasMore: false });
  });

  it('serves only the token’s port, without password hashes', async () => {
    const px = (await h.login('px.officer1')).accessToken;
    const p = await page(0, 5000, px);
    expect(p.portId).toBe('PINGXIANG');
    expect(p.changes.every((c) => c.data.portId === 'PINGXIANG')).toBe(true);
    expect(p.changes.filter((c) => c.entity === 'resident')).toHaveLength(500);
    const officer = p.changes.find((c) => c.entity === 'officer');
    expect(JSON.stringify(officer)).not.toMatch(/scrypt|password/i);
  });

  it('refuses a port parameter naming another port (403) and logs it', async () => {
    const res = await h.request('/api/v1/sync/pull?after=0&port=PINGXIANG', { token });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
    const own = await h.request('/api/v1/sync/pull?after=0&limit=1&port=DONGXING', { token });
    expect(own.status).toBe(200);
    const logged = await h.hq.db.query("SELECT 1 FROM refused_requests WHERE port_id = 'DONGXING' AND route = 'sync.pull'");
    expect(logged).toHaveLength(1);
  });

  it('answers bad cursors and limits with 400 validation', async () => {
    for (const query of ['after=-1', 'after=abc', 'limit=0', 'limit=5001', 'after=1e400']) {
      const res = await h.request(`/api/v1/sync/pull?${query}`, { token });
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.code, query).toBe('validation');
    }
  });
});
