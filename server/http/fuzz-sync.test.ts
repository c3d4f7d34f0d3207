import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MutationResult, mutationSchema, PROTOCOL_HEADER, pushResponseSchema, ROUTES, type Session } from '../../shared/index';
import { edgeProblems } from '../testing/edge-invariants';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import {
  bodyDamage,
  damage,
  hostileContentType,
  hostileKey,
  hostileNumber,
  hostileString,
  hostileValue,
  nastyText,
  objectOf,
  pathsOf,
  percentEncode,
  setAt,
} from '../testing/hostile';
import { type RawRequest, type RawResponse, sendRaw } from '../testing/raw-http';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * Property-based fuzzing of the sync edge: push, pull and the day report. Every case:
 * never a 5xx; a refusal is a JSON error with a known code and writes nothing (a 403
 * writes exactly its refusal row); a push that is answered writes exactly the records
 * and results its answer reports, and a batch mixing good and bad mutations applies
 * every good one.
 */
const RUNS = Number(process.env.BORDERDESK_FUZZ_RUNS ?? 40);
const DEVICE = 'desk-fuzz-0001';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A valid DONGXING declaration for one of the demo residents, with ids from the generator. */
// Fresh random ids on every draw (declarationMutation makes them), shrinking included:
// generated uuids shrink towards 00000000-…, and a shrunk case would then replay an
// earlier case's mutation instead of showing the failure.
const goodMutation = fc
  .integer({ min: 1, max: 3000 })
  .map((resident) => declarationMutation({ certificateNo: `DX${String(resident).padStart(6, '0')}`, valueFen: 10_000 }));

/** The free-text fields of a declaration: where nasty text gets furthest before a check stops it. */
const TEXT_PATHS = [['record', 'residentName'], ['record', 'certificateNo'], ['record', 'vehiclePlate'], ['record', 'lines', 0, 'name'], ['record', 'lines', 0, 'unit']];

/** A good mutation with one hostile value put somewhere in it (it may still be valid). */
const damagedMutation = fc.oneof(
  fc.tuple(goodMutation, fc.nat(), fc.oneof(hostileString, hostileNumber, hostileValue, fc.constant(undefined))).map(([mutation, pick, value]) => {
    const paths = pathsOf(mutation).filter((path) => path.length > 0);
    return setAt(mutation, paths[pick % paths.length] ?? [], value);
  }),
  fc.tuple(goodMutation, fc.constantFrom(...TEXT_PATHS), nastyText).map(([mutation, path, text]) => setAt(mutation, path, text)),
);

const anyMutation = fc.oneof(goodMutation, damagedMutation, damagedMutation, hostileValue);

/** What a push's answer says it wrote: applied records, and stored results (uuid ids, not replays). */
function writesOf(res: RawResponse): Record<string, number> {
  const results: MutationResult[] = pushResponseSchema.parse(JSON.parse(res.text)).results;
  const fresh = results.filter((r) => !r.replayed);
  const applied = fresh.filter((r) => r.status === 'applied').length;
  const stored = fresh.filter((r) => r.id !== null && UUID.test(r.id)).length;
  return Object.fromEntries(Object.entries({ declarations: applied, mutations: stored }).filter(([, n]) => n > 0));
}

describe.each(STORE_VARIANTS)('fuzzing the sync edge ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let dx: Session;
  let px: Session;

  /** Sends one case and checks the edge rules and the rows written; returns the answer. */
  async function probe(request: RawRequest, writesOnSuccess: (res: RawResponse) => Record<string, number>): Promise<RawResponse> {
    const before = await tableCounts(h.hq.db);
    const res = await sendRaw(h.url, request);
    const changes = countChanges(before, await tableCounts(h.hq.db));
    const label = `${request.method} ${request.path} → ${res.status} ${res.text.slice(0, 300)}`;
    expect(edgeProblems(res, request.method), label).toEqual([]);
    const expected = res.status === 403 ? { refused_requests: 1 } : res.status >= 400 ? {} : writesOnSuccess(res);
    expect(changes, label).toEqual(expected);
    return res;
  }

  const headersFor = (c: { auth: string; protocol: string | null; type?: string | undefined }): Record<string, string> => {
    const token = c.auth === 'dx' ? dx.accessToken : c.auth === 'px' ? px.accessToken : c.auth;
    return {
      ...(c.auth === 'none' ? {} : { authorization: `Bearer ${token}` }),
      ...(c.protocol === null ? {} : { [PROTOCOL_HEADER]: c.protocol }),
      ...(c.type === undefined ? {} : { 'content-type': c.type }),
    };
  };
  const auth = fc.oneof({ weight: 8, arbitrary: fc.constant('dx') }, fc.constantFrom('px', 'none', 'garbage.token', `${'a'.repeat(40)}.${'b'.repeat(43)}`));
  const protocol = fc.oneof({ weight: 8, arbitrary: fc.constant('1') }, fc.constantFrom(null, '0', '2', ' 1', '1.0', '1,1', ''));

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    dx = await h.login('dx.officer1', DEVICE);
    px = await h.login('px.officer1', 'desk-fuzz-0002');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('push: hostile envelopes, mutations, bodies, headers and tokens', async () => {
    const envelope = fc
      .tuple(
        fc.record({
          protocolVersion: fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, hostileNumber, hostileValue),
          deviceId: fc.oneof({ weight: 6, arbitrary: fc.constant(DEVICE) }, hostileString),
          mutations: fc.oneof({ weight: 6, arbitrary: fc.array(anyMutation, { minLength: 1, maxLength: 6 }) }, hostileValue),
        }),
        fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 }),
      )
      .map(([known, extra]) => objectOf([...Object.entries(known), ...extra]));
    const cases = fc.record({ body: envelope, damage: bodyDamage, type: hostileContentType, auth, protocol });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const res = await probe({ method: 'POST', path: ROUTES.push, headers: headersFor(c), body: damage(JSON.stringify(c.body), c.damage) }, writesOf);
        expect([200, 400, 401, 403, 413, 415, 426]).toContain(res.status);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('push: a batch mixing good and hostile mutations applies every good one and exactly what it reports', async () => {
    const batch = fc.tuple(fc.array(goodMutation, { minLength: 1, maxLength: 4 }), fc.array(fc.oneof(damagedMutation, hostileValue), { minLength: 1, maxLength: 4 }), fc.nat());
    await fc.assert(
      fc.asyncProperty(batch, async ([good, bad, seed]) => {
        // Hostile ones must stay within the port: a foreign port refuses the whole request (scope.test.ts).
        const hostile = bad.filter((m) => {
          const record = typeof m === 'object' && m !== null ? (m as { record?: unknown }).record : undefined;
          const port = typeof record === 'object' && record !== null ? (record as { portId?: unknown }).portId : undefined;
          return port === undefined || port === 'DONGXING';
        });
        const mutations: unknown[] = [...good, ...hostile].sort((a, b) => ((JSON.stringify(a)?.length ?? 0) * 31 + seed) % 7 - ((JSON.stringify(b)?.length ?? 0) * 31 + seed) % 7);
        const body = JSON.stringify({ protocolVersion: 1, deviceId: DEVICE, mutations });
        const headers = headersFor({ auth: 'dx', protocol: '1', type: 'application/json' });
        const res = await probe({ method: 'POST', path: ROUTES.push, headers, body }, writesOf);
        expect(res.status).toBe(200);
        const { results } = pushResponseSchema.parse(JSON.parse(res.text));
        expect(results.map((r) => r.index)).toEqual(mutations.map((_, i) => i));
        for (const [i, mutation] of mutations.entries()) {
          const result = results[i];
          if (good.includes(mutation as (typeof good)[number])) expect(result?.status, JSON.stringify(result)).toBe('applied');
          if (!mutationSchema.safeParse(mutation).success) {
            expect(result?.status).toBe('rejected');
            expect(result?.error?.message.length).toBeGreaterThan(0);
          }
        }
        // What was reported applied is at HQ; what was rejected is not.
        const ids = mutations.map((m) => (m as { record?: { id?: unknown } } | null)?.record?.id).filter((id): id is string => typeof id === 'string' && UUID.test(id));
        const held = new Set((await h.hq.db.query<{ id: string }>('SELECT declaration_id::text AS id FROM declarations WHERE port_id = $1 AND declaration_id = ANY($2::uuid[])', ['DONGXING', ids])).map((r) => r.id));
        for (const [i, mutation] of mutations.entries()) {
          const id = (mutation as { record?: { id?: unknown } } | null)?.record?.id;
          if (results[i]?.status === 'applied' && results[i]?.replayed === false) expect(held.has(String(id).toLowerCase())).toBe(true);
        }
        // Sent again, the batch changes nothing and gets the same answers, as replays.
        const again = await probe({ method: 'POST', path: ROUTES.push, headers, body }, writesOf);
        const replay = pushResponseSchema.parse(JSON.parse(again.text)).results;
        for (const [i, result] of replay.entries()) {
          if (results[i]?.id !== null && UUID.test(results[i]?.id ?? '')) expect(result).toMatchObject({ status: results[i]?.status, replayed: true });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('pull and reports: hostile, repeated and array-style query parameters, headers and tokens', async () => {
    const value = fc.oneof(
      fc.constantFrom('0', '1', '-1', '-0', '1e308', '1e400', 'NaN', 'Infinity', '0x10', '9007199254740993', '5001', '2026-01-01', '2026-02-30', 'DONGXING', 'PINGXIANG', ''),
      hostileString.map((s) => s.slice(0, 300)),
    );
    const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('after', 'limit', 'port', 'date') }, fc.constantFrom('after[]', 'after[0]', 'port[]', '__proto__', 'constructor'), hostileKey);
    const cases = fc.record({
      path: fc.constantFrom(ROUTES.pull, ROUTES.reportsDay),
      query: fc.array(fc.tuple(name, value), { maxLength: 5 }),
      auth,
      protocol,
      method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST'),
    });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const query = c.query.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
        const res = await probe({ method: c.method, path: `${c.path}?${query}`, headers: headersFor(c) }, () => ({}));
        expect([200, 400, 401, 403, 405, 426]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
  });
});
