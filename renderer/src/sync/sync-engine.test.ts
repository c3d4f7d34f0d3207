import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PUSH_MUTATIONS, PROTOCOL_VERSION } from '../../../shared/index';
import { type DeskDb, META, openDeskDb } from '../db/desk-db';
import { saveDeclaration, saveDeclarations } from '../declarations/save-declaration';
import * as demo from '../testing/demo-data';
import { FakeHq } from '../testing/fake-hq';
import { openTestDesk } from '../testing/test-desk';
import { createHqClient, type HqClient } from './hq-client';
import { pullChanges, readPullCursor } from './pull-changes';
import { PUSH_BATCH_SIZE, pushOutbox } from './push-outbox';
import { runSync } from './run-sync';
import { createTokenHolder } from './token-holder';

let db: DeskDb;
let hq: FakeHq;
let client: HqClient;
const rotated: string[] = [];
const residents = Array.from({ length: 30 }, (_, i) => demo.resident(i + 1));

function clientFor(h: FakeHq): HqClient {
  const session = h.issueSession();
  const tokens = createTokenHolder({
    baseUrl: 'http://hq.test',
    deviceId: 'desk-test-0001',
    refreshToken: session.refreshToken,
    accessToken: session.accessToken,
    fetch: h.fetch,
    onRotate: async (s) => {
      rotated.push(s.refreshToken);
    },
  });
  return createHqClient({ baseUrl: 'http://hq.test', deviceId: 'desk-test-0001', tokens, fetch: h.fetch });
}

beforeEach(async () => {
  db = openDeskDb(demo.PORT, `t${crypto.randomUUID().slice(0, 8)}`);
  await db.open();
  hq = new FakeHq({ residents, goodsList: demo.goodsList, policy: demo.policy, officer: demo.officer });
  client = clientFor(hq);
  rotated.length = 0;
});

afterEach(async () => {
  await db.delete();
});

/** n declarations saved in one batch (saving one by one is tested below; here it only costs time). */
async function saveMany(n: number, valueFen = 10_000) {
  const drafts = Array.from({ length: n }, (_, i) => {
    const r = residents[i % residents.length];
    if (r === undefined) throw new Error('no resident');
    return demo.draft(r, valueFen);
  });
  const saved = await saveDeclarations(db, drafts);
  expect(saved.ok).toBe(true);
}

describe('saveDeclaration', () => {
  it('writes the record and its outbox entry together', async () => {
    const [r] = residents;
    if (r === undefined) throw new Error('no resident');
    const d = demo.draft(r, 50_000);
    const saved = await saveDeclaration(db, d);
    expect(saved.ok).toBe(true);
    expect(await db.declarations.get(d.id)).toMatchObject({ id: d.id, flags: [], hqExemptFen: null });
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.mutation).toMatchObject({ type: 'declaration.create', record: { id: d.id } });
  });

  it('writes neither when the transaction fails half-way', async () => {
    const [r] = residents;
    if (r === undefined) throw new Error('no resident');
    const first = demo.draft(r, 1_000);
    expect((await saveDeclaration(db, first)).ok).toBe(true);
    // Same record id again: the record insert fails, so no second outbox entry may remain.
    const again = await saveDeclaration(db, { ...first });
    expect(again.ok).toBe(false);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.declarations.count()).toBe(1);
  });

  it('refuses a draft that breaks the schema and stores nothing', async () => {
    const [r] = residents;
    if (r === undefined) throw new Error('no resident');
    const bad = await saveDeclaration(db, { ...demo.draft(r, 1_000), lines: [] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await db.declarations.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('saveDeclarations', () => {
  it('saves a batch with one outbox entry each, or nothing when one draft is bad', async () => {
    const drafts = residents.slice(0, 5).map((r) => demo.draft(r, 1_000));
    const [first] = drafts;
    if (first === undefined) throw new Error('drafts');
    const bad = await saveDeclarations(db, [...drafts, { ...first, id: 'not-a-uuid' }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', field: '5.id' } });
    expect(await db.declarations.count()).toBe(0);
    const good = await saveDeclarations(db, drafts);
    expect(good.ok && good.data.mutationIds.length).toBe(5);
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => e.recordId)).toEqual(drafts.map((d) => d.id));
  });
});

describe('pushOutbox', () => {
  it('sends full batches as large as HQ takes', () => {
    expect(PUSH_BATCH_SIZE).toBe(MAX_PUSH_MUTATIONS);
  });

  it('sends in batches, in order, and empties the outbox once HQ has answered', async () => {
    await saveMany(2_500, 100);
    const progress: number[] = [];
    const order = (await db.outbox.orderBy('seq').toArray()).map((e) => e.recordId);
    const pushed = await pushOutbox(db, client, (p) => progress.push(p.done), 1000);
    expect([...hq.declarations.keys()]).toEqual(order);
    expect(pushed).toMatchObject({ ok: true, data: { applied: 2_500, rejected: 0 } });
    expect(hq.requests.filter((r) => r.path.endsWith('/push')).map((r) => r.mutations)).toEqual([1000, 1000, 500]);
    expect(await db.outbox.count()).toBe(0);
    expect(hq.declarations.size).toBe(2_500);
    expect(progress).toEqual([0, 1000, 2000, 2500]);
  });

  it('keeps the outbox when the network fails, and HQ holds each record once after the replay', async () => {
    await saveMany(5);
    hq.offline = true;
    const first = await pushOutbox(db, client);
    expect(first).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(await db.outbox.count()).toBe(5);

    hq.offline = false;
    hq.loseNextPushAnswer = true;
    expect((await pushOutbox(db, client)).ok).toBe(false);
    expect(await db.outbox.count()).toBe(5);
    expect(hq.declarations.size).toBe(5);

    const replay = await pushOutbox(db, client);
    expect(replay).toMatchObject({ ok: true, data: { applied: 5 } });
    expect(await db.outbox.count()).toBe(0);
    expect(hq.declarations.size).toBe(5);
  });

  it('stores a rejection with its reason and still applies the others', async () => {
    const [r1, r2] = residents;
    if (r1 === undefined || r2 === undefined) throw new Error('no resident');
    const unknown = demo.resident(999_999);
    const good = demo.draft(r1, 1_000);
    const orphan = demo.draft(unknown, 1_000);
    await saveDeclaration(db, good);
    await saveDeclaration(db, orphan);
    const pushed = await pushOutbox(db, client);
    expect(pushed).toMatchObject({ ok: true, data: { applied: 1, rejected: 1 } });
    const rejections = await db.rejections.toArray();
    expect(rejections).toEqual([expect.objectContaining({ recordId: orphan.id, code: 'resident_not_found' })]);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.declarations.get(orphan.id)).toBeDefined();
  });

  it('writes HQ flags onto the declaration (quota used at another point)', async () => {
    const [r] = residents;
    if (r === undefined) throw new Error('no resident');
    const elsewhere = demo.draft(r, 600_000, { pointId: 'DX-02' });
    // Another desk's declaration reached HQ first.
    const other = await openTestDesk(hq, { deviceId: 'desk-test-0002' });
    await saveDeclaration(other.db, { ...elsewhere, deviceId: other.deviceId });
    expect((await pushOutbox(other.db, other.client)).ok).toBe(true);
    await other.remove();
    const mine = demo.draft(r, 500_000);
    await saveDeclaration(db, mine);
    const pushed = await pushOutbox(db, client);
    expect(pushed).toMatchObject({ ok: true, data: { flagged: 1 } });
    const stored = await db.declarations.get(mine.id);
    expect(stored?.flags.map((f) => f.code)).toEqual(['quota_exceeded_elsewhere']);
  });
});

describe('pullChanges', () => {
  it('stores every page with its cursor and resumes after an interruption', async () => {
    for (let i = 0; i < 100; i++) hq.append({ seq: 0, entity: 'resident', data: demo.resident(1_000 + i) });
    // 30 residents + list + policy + officer + 100 = 133 changes; pages of 20.
    hq.failPullNumber = 4;
    const first = await pullChanges(db, client, undefined, 20);
    expect(first.ok).toBe(false);
    const cursorAfterFailure = await readPullCursor(db);
    expect(cursorAfterFailure).toBe(60);
    expect(await db.residents.count()).toBeGreaterThan(0);

    hq.failPullNumber = null;
    const second = await pullChanges(db, client, undefined, 20);
    expect(second).toMatchObject({ ok: true, data: { cursor: 133 } });
    expect(hq.requests.filter((r) => r.path.endsWith('/pull')).map((r) => r.after)[4]).toBe(60);
    expect(await db.residents.count()).toBe(130);
    expect(await db.goodsLists.count()).toBe(1);
    expect(await db.policies.count()).toBe(1);
    expect(await readPullCursor(db)).toBe(133);
  });

  it('asks for the next page before the current one is written', async () => {
    for (let i = 0; i < 50; i++) hq.append({ seq: 0, entity: 'resident', data: demo.resident(2_000 + i) });
    const events: string[] = [];
    const spy: HqClient = {
      push: client.push,
      pull: (after, limit) => {
        events.push(`request ${after}`);
        return client.pull(after, limit);
      },
    };
    const record = (_key: unknown, row: { key: string; value: unknown }) => {
      if (row.key === META.pullCursor) events.push(`write ${String(row.value)}`);
    };
    db.meta.hook('creating', record);
    db.meta.hook('updating', (mods, key) => {
      if (key === META.pullCursor && 'value' in mods) events.push(`write ${String(mods.value)}`);
    });
    const pulled = await pullChanges(db, spy, undefined, 40);
    expect(pulled.ok).toBe(true);
    expect(events).toEqual(['request 0', 'request 40', 'write 40', 'request 80', 'write 80', 'write 83']);
  });
});

describe('runSync', () => {
  it('refreshes once on 401, rotates the refresh token and carries on', async () => {
    await saveMany(3);
    hq.expireAccessTokens();
    const outcome = await runSync(db, client);
    expect(outcome.kind).toBe('ok');
    expect(rotated).toHaveLength(1);
    expect(await db.outbox.count()).toBe(0);
    expect(typeof (await db.meta.get(META.lastSyncAt))?.value).toBe('string');
  });

  it('asks the officer to sign in again when the refresh token is dead', async () => {
    await saveMany(1);
    hq.expireAccessTokens();
    hq.revokeRefreshTokens();
    const outcome = await runSync(db, client);
    expect(outcome.kind).toBe('signInAgain');
    expect(await db.outbox.count()).toBe(1);
  });

  it('stops with "update required" when HQ speaks another protocol', async () => {
    await saveMany(1);
    hq.protocolVersion = PROTOCOL_VERSION + 1;
    const outcome = await runSync(db, client);
    expect(outcome.kind).toBe('updateRequired');
    expect(await db.outbox.count()).toBe(1);
  });

  it('treats no network as offline, not as an error', async () => {
    hq.offline = true;
    const outcome = await runSync(db, client);
    expect(outcome.kind).toBe('offline');
    expect((await db.meta.get(META.lastError))?.value ?? null).toBeNull();
  });
});
