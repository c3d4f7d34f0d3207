import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTwoStepEntry, PROTOCOL_VERSION, RECEIPT_CODES, ROUTES, receiptsResponseSchema, type Session } from '../../shared/index';
import { deskChain } from '../testing/audit-chain';
import { edgeProblems } from '../testing/edge-invariants';
import { type Harness, officerId, startHarness } from '../testing/hq-harness';
import { bodyDamage, damage, hostileContentType, hostileString, hostileValue, nastyText, objectOf } from '../testing/hostile';
import { type RawRequest, sendRaw } from '../testing/raw-http';
import { changedTables, type StoreDigest, storeDigest } from '../testing/store-digest';
import { tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * Property-based fuzzing of POST /api/v1/receipts (customs receipts for two-step
 * entries) as an HQ administrator: hostile envelopes, receipts, codes, ids, times and
 * bodies. Every case: never a 5xx, always JSON with a known code; a refused request
 * leaves the digest of every table as it was; an answered one has one result per
 * receipt, writes exactly one stored receipt per newly applied result, and changes
 * nothing at all when none applied.
 */
const RUNS = Number(process.env.BORDERDESK_FUZZ_RUNS ?? 40);

describe.each(STORE_VARIANTS)('fuzzing the receipts endpoint ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let admin: Session;
  const entryIds: string[] = [];
  /** The digest after the last case, reused as the next one's before (nothing else writes between cases): one digest a case, not two, as each reads every row. */
  let digest: StoreDigest | undefined;

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    admin = await h.login('hq.admin', 'receipts-fuzz-0001');
    const officer = await h.login('dx.officer1', 'desk-receipts-fuzz');
    const chain = deskChain('desk-receipts-fuzz');
    const mutations = [];
    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      entryIds.push(id);
      const now = new Date().toISOString();
      mutations.push(chain.link({ id: randomUUID(), type: 'two_step.create', deskTime: now, record: demoTwoStepEntry({ id, officerId: officerId('dx.officer1'), deviceId: 'desk-receipts-fuzz', createdAt: now }) }));
      mutations.push(chain.link({ id: randomUUID(), type: 'two_step.event', deskTime: now, portId: 'DONGXING', recordId: id, event: 'declare_summary' }));
    }
    const res = await h.request(ROUTES.push, {
      method: 'POST',
      token: officer.accessToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: 'desk-receipts-fuzz', mutations }),
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('never answers 5xx, and each receipt gets its own answer', async () => {
    const goodReceipt = fc.record({
      id: fc.oneof(fc.uuid(), fc.constant('8f14e45f-ceea-467f-a5e6-1e7d6d0b2a51')),
      portId: fc.oneof({ weight: 4, arbitrary: fc.constant('DONGXING') }, fc.constantFrom('PINGXIANG', 'NOWHERE')),
      entryId: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...entryIds) }, fc.uuid()),
      code: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...RECEIPT_CODES) }, fc.constantFrom('spl', ' SpJ ', 'X', ''), nastyText),
      at: fc.oneof(fc.constant(new Date().toISOString()), fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-13-40T00:00:00Z')),
      entryNo: fc.oneof(fc.constant(undefined), fc.constant('720120261000000017'), hostileString),
    });
    const receipt = fc.oneof(
      { weight: 3, arbitrary: goodReceipt.map((r) => objectOf(Object.entries(r).filter(([, v]) => v !== undefined))) },
      fc.tuple(goodReceipt, fc.constantFrom('id', 'portId', 'entryId', 'code', 'at', 'entryNo'), fc.oneof(hostileString, hostileValue)).map(([r, key, value]) => objectOf(Object.entries({ ...r, [key]: value }).filter(([, v]) => v !== undefined))),
      hostileValue,
    );
    const body = fc.oneof(
      { weight: 4, arbitrary: fc.array(receipt, { minLength: 1, maxLength: 5 }).map((receipts) => ({ receipts })) },
      fc.oneof(hostileValue, fc.array(receipt, { maxLength: 2 })).map((receipts) => ({ receipts })),
      hostileValue.map((value) => ({ value })),
    );
    const cases = fc.record({ body, how: fc.oneof({ weight: 4, arbitrary: fc.constant({ kind: 'none' } as const) }, bodyDamage), type: fc.oneof({ weight: 4, arbitrary: fc.constant<string | undefined>('application/json') }, hostileContentType) });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const request: RawRequest = {
          method: 'POST',
          path: ROUTES.receipts,
          headers: { authorization: `Bearer ${admin.accessToken}`, ...(c.type === undefined ? {} : { 'content-type': c.type }) },
          body: damage(JSON.stringify(c.body), c.how),
        };
        const [before, digestBefore] = await Promise.all([tableCounts(h.hq.db), digest ?? storeDigest(h.hq.db)]);
        digest = undefined;
        const res = await sendRaw(h.url, request);
        const [after, digestAfter] = await Promise.all([tableCounts(h.hq.db), storeDigest(h.hq.db)]);
        digest = digestAfter;
        const changed = changedTables(digestBefore, digestAfter);
        const label = `${res.status} ${res.text.slice(0, 300)} ← ${Buffer.from(request.body ?? new Uint8Array()).toString().slice(0, 300)}`;
        expect(edgeProblems(res, 'POST'), label).toEqual([]);
        expect(res.status, label).toBeLessThan(500);
        // A refusal writes no row anywhere, not even a refusal row: an administrator is never refused for scope.
        if (res.status !== 200) {
          expect(changed, label).toEqual([]);
          return;
        }
        const answer = receiptsResponseSchema.parse(JSON.parse(res.text));
        if (c.how.kind === 'none') {
          const sent = (c.body as { receipts: unknown[] }).receipts;
          expect(answer.results.map((r) => r.index), label).toEqual(sent.map((_, i) => i));
        }
        const fresh = answer.results.filter((r) => r.status === 'applied' && !r.replayed).length;
        expect((after.two_step_receipts ?? 0) - (before.two_step_receipts ?? 0), label).toBe(fresh);
        // Only applied receipts write (their entry, its seq, the receipt): a receipt refused on its own changes no row.
        expect(changed, label).toEqual(fresh === 0 ? [] : ['ports', 'two_step_entries', 'two_step_receipts']);
        for (const r of answer.results) expect(r.httpStatus, label).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });
});
