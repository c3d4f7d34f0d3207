import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MutationResult,
  mutationSchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  ROUTES,
  type Session,
} from '../../shared/index';
import { relinked } from '../testing/audit-chain';
import { edgeProblems } from '../testing/edge-invariants';
import { declarationMutation, type Harness, resolveMutation, startHarness, updateMutation } from '../testing/hq-harness';
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
import { changedTables, type StoreDigest, storeDigest } from '../testing/store-digest';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * Property-based fuzzing of the sync edge: push (every mutation type), pull and the day
 * report. Every case: never a 5xx; a refusal is a JSON error with a known code and
 * leaves the digest of every table as it was (a 403 writes exactly its refusal row), as
 * does a read or a push that writes nothing (replays); a push that is answered writes
 * exactly the records, results, conflicts and refusals its answer reports (audit chain
 * bookkeeping aside: at most one chain row, and breaks), and a batch mixing good and
 * bad mutations applies every good one.
 */
const RUNS = Number(process.env.BORDERDESK_FUZZ_RUNS ?? 40);
const DEVICE = 'desk-fuzz-0001';
const SUPERVISOR_DEVICE = 'desk-fuzz-0003';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A valid DONGXING declaration for one of the demo residents, with ids from the generator. */
// Fresh random ids on every draw (declarationMutation makes them), shrinking included:
// generated uuids shrink towards 00000000-…, and a shrunk case would then replay an
// earlier case's mutation instead of showing the failure.
const goodMutation = fc
  .integer({ min: 1, max: 3000 })
  .map((resident) => declarationMutation({ certificateNo: `DX${String(resident).padStart(6, '0')}`, valueFen: 10_000, deviceId: DEVICE }));

/** The free-text fields of a declaration: where nasty text gets furthest before a check stops it. */
const TEXT_PATHS = [['record', 'residentName'], ['record', 'certificateNo'], ['record', 'vehiclePlate'], ['record', 'lines', 0, 'name'], ['record', 'lines', 0, 'unit']];

/** A good mutation with one hostile value put somewhere in it (it may still be valid; relinked or not). */
function damaged<T extends object>(good: fc.Arbitrary<T>, textPaths: (string | number)[][]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc
      .tuple(good, fc.nat(), fc.oneof(hostileString, hostileNumber, hostileValue, fc.constant(undefined)), fc.boolean())
      .map(([mutation, pick, value, relink]) => {
        const paths = pathsOf(mutation).filter((path) => path.length > 0);
        const changed = setAt(mutation, paths[pick % paths.length] ?? [], value);
        // Half of them linked again, as a desk would have linked what it sent: then only
        // the value is wrong, not the chain.
        return relink && typeof changed === 'object' && changed !== null ? relinked(DEVICE, changed) : changed;
      }),
    fc.tuple(good, fc.constantFrom(...textPaths), nastyText).map(([mutation, path, text]) => setAt(mutation, path, text)),
  );
}
const damagedMutation = damaged(goodMutation, TEXT_PATHS);

const anyMutation = fc.oneof(goodMutation, damagedMutation, damagedMutation, hostileValue);

const portOf = (value: unknown): unknown => (typeof value === 'object' && value !== null ? (value as { portId?: unknown }).portId : undefined);
/** A foreign port anywhere (record or mutation) refuses the whole request (scope.test.ts): kept out of mixed batches. */
const isWithinPort = (mutation: unknown): boolean =>
  [portOf(mutation), portOf(typeof mutation === 'object' && mutation !== null ? (mutation as { record?: unknown }).record : undefined)].every(
    (port) => port === undefined || port === 'DONGXING',
  );

const typeOf = (mutation: unknown): unknown => (typeof mutation === 'object' && mutation !== null ? (mutation as { type?: unknown }).type : undefined);

/**
 * What a push's answer says it wrote: applied declarations, stored results (uuid ids,
 * not replays), conflicts made, refused resolutions. `sent` are the mutations as sent,
 * by position (what type each was).
 */
function writesOf(res: RawResponse, sent: readonly unknown[] = []): Record<string, number> {
  const results: MutationResult[] = pushResponseSchema.parse(JSON.parse(res.text)).results;
  const fresh = results.filter((r) => !r.replayed);
  const counts = {
    declarations: fresh.filter((r) => r.status === 'applied' && typeOf(sent[r.index]) === 'declaration.create').length,
    mutations: fresh.filter((r) => r.id !== null && UUID.test(r.id)).length,
    conflicts: fresh.reduce((n, r) => n + r.conflicts.length, 0),
    refused_requests: fresh.filter((r) => r.error?.code === 'forbidden' && typeOf(sent[r.index]) === 'conflict.resolve').length,
  };
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

/** The audit chain's own rows: at most one new chain row, breaks only where results were stored. */
const AUDIT_TABLES = ['audit_chains', 'audit_breaks'];

describe.each(STORE_VARIANTS)('fuzzing the sync edge ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let dx: Session;
  let px: Session;
  let supervisor: Session;

  /** The digest after the last case checked, reused as the next one's before (nothing else writes between cases): one digest a case, not two, as each reads every row. */
  let digest: StoreDigest | undefined;

  /** Sends one case and checks the edge rules and the rows written; returns the answer. */
  async function probe(request: RawRequest, writesOnSuccess: (res: RawResponse) => Record<string, number>): Promise<RawResponse> {
    const [before, digestBefore] = await Promise.all([tableCounts(h.hq.db), digest ?? storeDigest(h.hq.db)]);
    digest = undefined;
    const res = await sendRaw(h.url, request);
    const label = `${request.method} ${request.path} → ${res.status} ${res.text.slice(0, 300)}`;
    expect(edgeProblems(res, request.method), label).toEqual([]);
    const expected = res.status === 403 ? { refused_requests: 1 } : res.status >= 400 ? {} : writesOnSuccess(res);
    // Counts miss a row changed in place (a seq, a version, a chain head): what writes nothing
    // (a refusal, a read, a replay) leaves every row as it was, a 403 adding only its refusal row.
    const writesNothing = res.status >= 400 || Object.keys(expected).length === 0;
    const [after, digestAfter] = await Promise.all([tableCounts(h.hq.db), writesNothing ? storeDigest(h.hq.db) : undefined]);
    const { audit_chains: chains = 0, audit_breaks: breaks = 0, ...changes } = countChanges(before, after);
    expect(changes, label).toEqual(expected);
    if (digestAfter !== undefined) {
      digest = digestAfter;
      const allowed = res.status === 403 ? ['refused_requests'] : [];
      expect(changedTables(digestBefore, digestAfter).filter((table) => !allowed.includes(table)), label).toEqual([]);
    }
    const stored = expected.mutations ?? 0;
    expect(chains, label).toBeLessThanOrEqual(stored > 0 ? 1 : 0);
    expect(breaks, label).toBeGreaterThanOrEqual(0);
    expect(breaks, label).toBeLessThanOrEqual(2 * stored);
    expect(AUDIT_TABLES.every((table) => table in before)).toBe(true);
    return res;
  }

  const headersFor = (c: { auth: string; protocol: string | null; type?: string | undefined }): Record<string, string> => {
    const token = c.auth === 'dx' ? dx.accessToken : c.auth === 'px' ? px.accessToken : c.auth === 'sup' ? supervisor.accessToken : c.auth;
    return {
      ...(c.auth === 'none' ? {} : { authorization: `Bearer ${token}` }),
      ...(c.protocol === null ? {} : { [PROTOCOL_HEADER]: c.protocol }),
      ...(c.type === undefined ? {} : { 'content-type': c.type }),
    };
  };
  const auth = fc.oneof({ weight: 8, arbitrary: fc.constant('dx') }, fc.constantFrom('px', 'none', 'garbage.token', `${'a'.repeat(40)}.${'b'.repeat(43)}`));
  const current = String(PROTOCOL_VERSION);
  const protocol = fc.oneof({ weight: 8, arbitrary: fc.constant(current) }, fc.constantFrom(null, '0', '1', '3', ` ${current}`, `${current}.0`, `${current},${current}`, ''));

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    dx = await h.login('dx.officer1', DEVICE);
    px = await h.login('px.officer1', 'desk-fuzz-0002');
    supervisor = await h.login('dx.supervisor', SUPERVISOR_DEVICE);
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('push: hostile envelopes, mutations, bodies, headers and tokens', async () => {
    const envelope = fc
      .tuple(
        fc.record({
          protocolVersion: fc.oneof({ weight: 6, arbitrary: fc.constant(PROTOCOL_VERSION) }, hostileNumber, hostileValue),
          deviceId: fc.oneof({ weight: 6, arbitrary: fc.constant(DEVICE) }, hostileString),
          mutations: fc.oneof({ weight: 6, arbitrary: fc.array(anyMutation, { minLength: 1, maxLength: 6 }) }, hostileValue),
        }),
        fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 }),
      )
      .map(([known, extra]) => objectOf([...Object.entries(known), ...extra]));
    const cases = fc.record({ body: envelope, damage: bodyDamage, type: hostileContentType, auth, protocol });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const sent = Array.isArray(c.body.mutations) ? c.body.mutations : [];
        const res = await probe({ method: 'POST', path: ROUTES.push, headers: headersFor(c), body: damage(JSON.stringify(c.body), c.damage) }, (r) => writesOf(r, sent));
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
        const hostile = bad.filter(isWithinPort);
        const mutations: unknown[] = [...good, ...hostile].sort((a, b) => ((JSON.stringify(a)?.length ?? 0) * 31 + seed) % 7 - ((JSON.stringify(b)?.length ?? 0) * 31 + seed) % 7);
        const body = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: DEVICE, mutations });
        const headers = headersFor({ auth: 'dx', protocol: current, type: 'application/json' });
        const res = await probe({ method: 'POST', path: ROUTES.push, headers, body }, (r) => writesOf(r, mutations));
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
        const again = await probe({ method: 'POST', path: ROUTES.push, headers, body }, (r) => writesOf(r, mutations));
        const replay = pushResponseSchema.parse(JSON.parse(again.text)).results;
        for (const [i, result] of replay.entries()) {
          if (results[i]?.id !== null && UUID.test(results[i]?.id ?? '')) expect(result).toMatchObject({ status: results[i]?.status, replayed: true });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('push: updates and resolutions, good and hostile, by an officer and a supervisor, write exactly what they report', async () => {
    // Declarations to edit, made once; conflicts collect as the runs make them.
    const made = Array.from({ length: 4 }, (_, i) => declarationMutation({ certificateNo: `DX00${2900 + i}`, valueFen: 10_000, deviceId: DEVICE }));
    const headers = (auth: 'dx' | 'sup') => headersFor({ auth, protocol: current, type: 'application/json' });
    const first = await probe({ method: 'POST', path: ROUTES.push, headers: headers('dx'), body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: DEVICE, mutations: made }) }, (r) => writesOf(r, made));
    expect(pushResponseSchema.parse(JSON.parse(first.text)).results.every((r) => r.status === 'applied')).toBe(true);
    const conflictPool: string[] = [];

    const changes = fc.record(
      { vehiclePlate: fc.option(fc.string({ maxLength: 10 }), { nil: null }), carPool: fc.boolean(), remarks: fc.string({ maxLength: 20 }) },
      { requiredKeys: [] },
    );
    const edit = fc.record({
      kind: fc.constantFrom('update', 'update', 'update', 'resolve', 'unknown-record', 'unknown-conflict'),
      target: fc.nat(),
      baseVersion: fc.integer({ min: 1, max: 4 }),
      changes,
      choice: fc.constantFrom('winner' as const, 'loser' as const),
      // About a third of them damaged somewhere.
      damage: fc.oneof(
        { weight: 2, arbitrary: fc.constant(null) },
        fc.tuple(fc.nat(), fc.oneof(hostileString, hostileNumber, hostileValue, fc.constant(undefined)), fc.boolean()),
      ),
    });
    const cases = fc.record({ edits: fc.array(edit, { minLength: 1, maxLength: 5 }), by: fc.constantFrom('dx' as const, 'sup' as const) });
    await fc.assert(
      fc.asyncProperty(cases, async ({ edits, by }) => {
        const deviceId = by === 'dx' ? DEVICE : SUPERVISOR_DEVICE;
        const mutations: unknown[] = edits.map((e) => {
          const recordId = e.kind === 'unknown-record' ? crypto.randomUUID() : (made[e.target % made.length]?.record.id ?? '');
          const conflictId = e.kind === 'unknown-conflict' || conflictPool.length === 0 ? crypto.randomUUID() : (conflictPool[e.target % conflictPool.length] ?? '');
          const good: object =
            e.kind === 'resolve' || e.kind === 'unknown-conflict'
              ? resolveMutation({ conflictId, choice: e.choice, deviceId })
              : updateMutation({ recordId, baseVersion: e.baseVersion, changes: e.changes, deviceId });
          if (e.damage === null) return good;
          const [pick, value, relink] = e.damage;
          const paths = pathsOf(good).filter((path) => path.length > 0);
          const changed = setAt(good, paths[pick % paths.length] ?? [], value);
          return relink && typeof changed === 'object' && changed !== null ? relinked(deviceId, changed) : changed;
        });
        if (!mutations.every(isWithinPort)) return;
        const body = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId, mutations });
        const res = await probe({ method: 'POST', path: ROUTES.push, headers: headers(by), body }, (r) => writesOf(r, mutations));
        expect(res.status).toBe(200);
        const { results } = pushResponseSchema.parse(JSON.parse(res.text));
        for (const [i, mutation] of mutations.entries()) {
          const result = results[i];
          if (!mutationSchema.safeParse(mutation).success) expect(result?.status, JSON.stringify(result)).toBe('rejected');
          if (typeOf(mutation) === 'conflict.resolve' && by === 'dx') expect(result?.status).toBe('rejected');
          if (result?.status === 'rejected') expect(result.error?.message.length).toBeGreaterThan(0);
          conflictPool.push(...(result?.conflicts ?? []));
        }
        // Every conflict an answer names is at HQ, in the port's feed.
        const named = results.flatMap((r) => r.conflicts);
        const held = await h.hq.db.query<{ id: string }>(
          "SELECT conflict_id::text AS id FROM conflicts WHERE port_id = 'DONGXING' AND conflict_id = ANY($1::uuid[])",
          [named],
        );
        expect(held).toHaveLength(named.length);
        // Sent again: the same answers, as replays, and nothing written.
        const again = await probe({ method: 'POST', path: ROUTES.push, headers: headers(by), body }, (r) => writesOf(r, mutations));
        const replay = pushResponseSchema.parse(JSON.parse(again.text)).results;
        for (const [i, result] of replay.entries()) {
          if (results[i]?.id !== null && UUID.test(results[i]?.id ?? '')) expect(result).toEqual({ ...results[i], replayed: true });
        }
      }),
      { numRuns: RUNS },
    );
    // What the runs made is readable in full: every record and conflict parses as the desk reads it.
    const page = await h.request(`${ROUTES.pull}?after=0&limit=5000`, { token: dx.accessToken });
    expect(pullResponseSchema.safeParse(await page.json()).success).toBe(true);
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
