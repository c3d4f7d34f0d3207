import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type Session } from '../../shared/index';
import { DEMO_GROUPS } from '../seed/group-demo';
import { edgeProblems } from '../testing/edge-invariants';
import { type Harness, startHarness } from '../testing/hq-harness';
import { bodyDamage, damage, hostileContentType, hostileString, hostileValue, nastyText, objectOf, percentEncode } from '../testing/hostile';
import { type RawRequest, type RawResponse, sendRaw } from '../testing/raw-http';
import { countChanges } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { hqState } from './admin-test-kit';

/**
 * Property-based fuzzing of the administrator's group routes (group-routes.ts), as
 * fuzz-admin.test.ts does for the others: never a 5xx, always a JSON error with a known
 * code; a refusal changes nothing; a new group writes exactly its one row.
 */
const RUNS = Number(process.env.BORDERDESK_FUZZ_RUNS ?? 40);
const cert = (n: number) => `DX${String(n).padStart(6, '0')}`;

describe.each(STORE_VARIANTS)('fuzzing the group routes ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let admin: Session;
  // Fresh residents for every case that may succeed, so a success does not make the next one a 409.
  let next = 1000;
  const freshMembers = fc.integer({ min: 1, max: 4 }).map((count) => Array.from({ length: count }, () => cert(next++)));
  const certificate = fc.oneof(fc.constantFrom('DX000101', 'PX000001', 'DX999999', 'dx000150', ''), hostileString);

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

  const sent = (method: string, path: fc.Arbitrary<string>, body: fc.Arbitrary<Record<string, unknown>>) =>
    fc.oneof(
      fc.record({ path, body }).map((c): RawRequest => ({ method, path: c.path, headers: { 'content-type': 'application/json' }, body: damage(JSON.stringify(c.body), { kind: 'none' }) })),
      fc.record({ path, body, how: bodyDamage, type: hostileContentType }).map(
        (c): RawRequest => ({ method, path: c.path, headers: c.type === undefined ? {} : { 'content-type': c.type }, body: damage(JSON.stringify(c.body), c.how) }),
      ),
    );
  const port = fc.oneof({ weight: 4, arbitrary: fc.constant('DONGXING') }, fc.constantFrom('PINGXIANG', 'NOWHERE', '%00', '..'), hostileString.map((s) => percentEncode(s.slice(0, 60))));

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    admin = await h.login('hq.admin', 'console-fuzz-0002');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('new groups: hostile names, leaders, member lists, bodies and ports', async () => {
    let n = 0;
    const good = freshMembers.map((members) => ({ name: `模糊组${n++}`, leaderCertificateNo: members[0], memberCertificateNos: members }));
    const hostile = fc
      .tuple(good, fc.constantFrom('name', 'leaderCertificateNo', 'memberCertificateNos'), fc.oneof(nastyText, hostileString, hostileValue, fc.array(certificate, { maxLength: 3 })))
      .map(([body, key, value]) => objectOf(Object.entries({ ...body, [key]: value })));
    const cases = sent('POST', port.map((p) => `${ROUTES.admin}ports/${p}/groups`), fc.oneof(good, hostile));
    let created = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const res = await probe(c, { mutual_aid_groups: 1 });
        expect([201, 400, 404, 409, 413, 415]).toContain(res.status);
        if (res.status === 201) created++;
      }),
      { numRuns: RUNS },
    );
    // Some of the well-formed cases went through: the property checked what a success writes too.
    expect(created).toBeGreaterThan(0);
  });

  it('edits: any group id, hostile versions and fields', async () => {
    const groupId = fc.oneof({ weight: 3, arbitrary: fc.constant(DEMO_GROUPS[1]?.id ?? '') }, fc.constantFrom('not-a-uuid', '00000000-0000-4000-8000-000000000000'), hostileString.map((s) => percentEncode(s.slice(0, 60))));
    const path = fc.tuple(port, groupId).map(([p, id]) => `${ROUTES.admin}ports/${p}/groups/${id}`);
    const body = fc
      .record({
        baseVersion: fc.oneof(fc.integer({ min: 0, max: 3 }), hostileValue),
        name: fc.oneof(fc.constant(undefined), nastyText, hostileString),
        leaderCertificateNo: fc.oneof(fc.constant(undefined), certificate),
        memberCertificateNos: fc.oneof(fc.constant(undefined), fc.array(certificate, { maxLength: 3 }), hostileValue),
      })
      .map((b) => objectOf(Object.entries(b).filter(([, v]) => v !== undefined)));
    await fc.assert(
      fc.asyncProperty(sent('PATCH', path, body), async (c) => {
        const res = await probe(c, {});
        expect([200, 400, 404, 409, 413, 415]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
  });
});
