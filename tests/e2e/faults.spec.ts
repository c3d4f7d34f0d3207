import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, cstDateOf, DEFAULT_PULL_LIMIT, pushResponseSchema, ROUTES } from '../../shared/index';
import { type FetchFn, pullChanges, pushOutbox, saveDeclarations } from '../../renderer/src/engine';
import { startCrashableHq } from './support/crashable-hq';
import { expect, hqForThisFile, test } from './support/fixtures';
import { readDesk } from './support/desk-idb';
import { lookUp, output, saveWithKeyboard, signIn, todayRows, typeLine, waitForSync } from './support/desk-page';
import { dayReport, hqToken, pullEverything } from './support/hq-counts';
import { killBrowser } from './support/kill-browser';
import { openNodeDesk } from './support/node-desk';

/**
 * Faults, each ending with exact counts at HQ and on the desk: nothing lost, nothing
 * doubled (DESIGN.md, sync promises 1–3 and 8). The HQ-crash test drives the desk's own
 * engine in Node (thousands of declarations, a fetch that decides when HQ dies); the
 * others drive the real desk in Chromium. Duplicated and reordered deliveries are
 * tested against HQ directly in server/sync/replay.fault.test.ts.
 */
const env = hqForThisFile();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('HQ killed (SIGKILL) in the middle of a push and after committing one, restarted on the same data: each declaration once, outbox empty', async () => {
  test.setTimeout(150_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'borderdesk-e2e-crash-'));
  const hq = await startCrashableHq(dataDir);
  const N = 3000;
  const today = cstDateOf(Date.now());
  // What happened to each push request, in order, as the desk's fetch saw it.
  const pushes: { answered: boolean; applied: number; replayed: number; ms: number }[] = [];
  let killDuring: number | null = null;
  let killAfterCommit: number | null = null;
  const faultyFetch: FetchFn = async (url, init) => {
    if (!url.endsWith(ROUTES.push)) return fetch(url, init);
    const n = pushes.length + 1;
    const started = performance.now();
    const record = { answered: false, applied: 0, replayed: 0, ms: 0 };
    pushes.push(record);
    if (n === killDuring) {
      // Kill HQ half-way through what a batch took the first time: the request is in,
      // the transaction is running. Should HQ have been quicker this time, its answer is
      // dropped all the same: the desk never sees one.
      fetch(url, init).catch(() => undefined);
      await sleep((pushes[0]?.ms ?? 200) / 2);
      await hq.crash();
      throw new TypeError('fetch failed (HQ killed during the push)');
    }
    const res = await fetch(url, init);
    record.ms = performance.now() - started;
    if (n === killAfterCommit) {
      // HQ answers only after its transaction committed: it has stored the batch, and
      // dies before the desk reads a byte of the answer.
      await hq.crash();
      throw new TypeError('fetch failed (HQ died before the answer arrived)');
    }
    const results = pushResponseSchema.parse(await res.clone().json()).results;
    record.answered = true;
    record.applied = results.filter((r) => r.status === 'applied').length;
    record.replayed = results.filter((r) => r.replayed).length;
    return res;
  };
  const desk = await openNodeDesk({ baseUrl: hq.url, username: 'dx.officer1', fetch: faultyFetch });
  try {
    expect((await pullChanges(desk.db, desk.client)).ok).toBe(true);
    const drafts = await desk.drafts(N);
    expect((await saveDeclarations(desk.db, drafts)).ok).toBe(true);
    expect(await desk.db.outbox.count()).toBe(N);

    // Push 1 (batch 1) goes through; HQ is killed while it works on push 2 (batch 2).
    killDuring = 2;
    // Batches of 1,000 (the desk's default is 2,000): three batches to crash between.
    const first = await pushOutbox(desk.db, desk.client, undefined, 1000);
    expect(first).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(await desk.db.outbox.count()).toBe(N - 1000);

    await hq.restart();
    const token = await hqToken(hq.url);
    const afterFirstCrash = (await dayReport(hq.url, token, today)).declarations;
    // Either batch 2 never committed, or it did just before the kill; nothing else.
    expect([1000, 2000]).toContain(afterFirstCrash);
    console.log(`[faults] HQ killed mid-push held ${afterFirstCrash} declarations on restart (${afterFirstCrash === 1000 ? 'batch 2 rolled back' : 'batch 2 had committed'}); first batch took ${Math.round(pushes[0]?.ms ?? 0)} ms`);

    // The desk retries: batch 2 again (push 3), then batch 3 (push 4): HQ commits it and dies.
    killAfterCommit = 4;
    const second = await pushOutbox(desk.db, desk.client, undefined, 1000);
    expect(second).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(await desk.db.outbox.count()).toBe(N - 2000);
    await hq.restart();
    expect((await dayReport(hq.url, token, today)).declarations).toBe(N);

    // The desk retries again: batch 3 comes back answered from HQ's stored results.
    const third = await pushOutbox(desk.db, desk.client, undefined, 1000);
    expect(third).toMatchObject({ ok: true, data: { applied: 1000, rejected: 0, unanswered: 0 } });
    expect(pushes.map((p) => p.answered)).toEqual([true, false, true, false, true]);
    expect(pushes[2]?.replayed).toBe(afterFirstCrash === 2000 ? 1000 : 0);
    expect(pushes[4]).toMatchObject({ applied: 1000, replayed: 1000 });

    // Exact counts. Desk: outbox empty, nothing refused.
    expect(await desk.db.outbox.count()).toBe(0);
    expect(await desk.db.rejections.count()).toBe(0);
    // HQ: the report and a full pull agree, each declaration exactly once.
    const report = await dayReport(hq.url, token, today);
    expect(report).toMatchObject({ declarations: N, flagged: 0, totalFen: drafts.reduce((sum, d) => sum + d.totalFen, 0) });
    const all = await pullEverything(hq.url, token);
    expect(all.repeated).toEqual([]);
    expect(all.records.declaration.size).toBe(N);
    expect([...all.records.declaration.keys()].sort()).toEqual(drafts.map((d) => d.id).sort());
    // No seq was lost or taken twice across the crashes: the feed is gap-free.
    expect(all.seqs).toEqual(all.seqs.map((_, i) => (all.seqs[0] ?? 0) + i));

    // The desk pulls HQ's state back: still N declarations, each now assessed by HQ.
    expect((await pullChanges(desk.db, desk.client)).ok).toBe(true);
    expect(await desk.db.declarations.count()).toBe(N);
    expect(await desk.db.declarations.filter((d) => d.hqReceivedAt === null).count()).toBe(0);
  } finally {
    await desk.close();
    await hq.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the connection is cut in the middle of a pull page: the fresh desk resumes from its cursor and holds exactly what HQ holds', async ({
  openDesk,
}) => {
  const { hq, net } = env();
  // HQ holds the port's reference data and 2,000 declarations: four pages of 2,000 changes.
  const seeder = await openNodeDesk({ baseUrl: hq.url, username: 'dx.officer1' });
  try {
    expect((await pullChanges(seeder.db, seeder.client)).ok).toBe(true);
    expect((await saveDeclarations(seeder.db, await seeder.drafts(2000, 0))).ok).toBe(true);
    expect(await pushOutbox(seeder.db, seeder.client)).toMatchObject({ ok: true, data: { applied: 2000 } });
  } finally {
    await seeder.close();
  }

  // The second page's answer (the first one after a non-zero cursor) is cut after 150 kB.
  const cut = net.cutNextResponse(/^GET \/api\/v1\/sync\/pull\?after=[1-9]/, 150_000);
  const desk = await openDesk('pull-cut');
  await desk.page.goto(net.url);
  await signIn(desk.page, 'dx.officer2');
  const cutLine = await cut;
  await expect(desk.page.getByRole('progressbar', { name: '同步中' })).toHaveCount(0, { timeout: 30_000 });
  await expect(output(desk.page, '上次同步')).toHaveText('从未');
  // A dropped connection is being offline, not an unreadable answer from HQ: no error shown.
  await expect(desk.page.getByTitle('最近错误')).toHaveCount(0);
  const cutAfter = Number(/after=(\d+)/.exec(cutLine)?.[1]);
  const half = await readDesk(desk.page, 'dx.officer2');
  // The first page is stored with its cursor; nothing of the cut page is.
  expect(half.pullCursor).toBe(cutAfter);
  expect(Object.values(half.counts).reduce((n, c) => n + c, 0) - (half.counts.meta ?? 0)).toBe(DEFAULT_PULL_LIMIT);

  // The desk syncs again and asks for the page after its stored cursor, not from 0.
  const before = net.requests().length;
  await desk.page.getByRole('button', { name: '立即同步' }).click();
  await waitForSync(desk.page);
  const pulls = net.requests().slice(before).filter((line) => line.startsWith('GET /api/v1/sync/pull'));
  expect(pulls[0]).toContain(`after=${cutAfter}&`);

  // Exact: the desk holds HQ's records, each once, no more and no fewer.
  const token = await hqToken(hq.url);
  const all = await pullEverything(hq.url, token);
  expect(all.repeated).toEqual([]);
  const full = await readDesk(desk.page, 'dx.officer2');
  expect(full.counts).toMatchObject({
    declarations: all.records.declaration.size,
    residents: all.records.resident.size,
    marketPoints: all.records.market_point.size,
    goodsLists: all.records.goods_list.size,
    policies: all.records.policy.size,
    officers: all.records.officer.size,
    outbox: 0,
    rejections: 0,
  });
  expect(full.declarations.map((d) => d.id).sort()).toEqual([...all.records.declaration.keys()].sort());
  expect(full.pullCursor).toBe(all.seqs.at(-1));
});

test("the desk's browser is killed (SIGKILL) during a burst of saves: what the desk said it saved is there with its outbox entry, then HQ gets each once", async ({
  openDesk,
}) => {
  const { hq, net } = env();
  const token = await hqToken(hq.url);
  const today = cstDateOf(Date.now());
  const atHqBefore = await dayReport(hq.url, token, today);

  let desk = await openDesk('burst');
  await desk.page.goto(net.url);
  await signIn(desk.page, 'dx.officer1');
  await waitForSync(desk.page);
  await desk.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // Offline, so that every save stays in the outbox until the end.
  await desk.context.setOffline(true);
  net.down();

  const certificates = Array.from({ length: 10 }, (_, i) => `DX00${2501 + i}`);
  const reported: string[] = [];
  const page = desk.page;
  for (const [i, certificateNo] of certificates.entries()) {
    await lookUp(page, certificateNo);
    await typeLine(page, 1, '0801', String(10 + i), '20');
    if (i < certificates.length - 1) {
      await saveWithKeyboard(page);
      await expect(output(page, '待同步')).toHaveText(String(i + 1));
      reported.push(certificateNo);
    } else {
      // The last save is under way when the browser dies (about 20 ms after the key:
      // here, before that, it has not started; much later, it is done).
      await page.keyboard.press('Control+Enter');
      await sleep(20);
      await killBrowser(desk.profileDir);
    }
  }

  // Restarted on the same profile, still offline: the officer unlocks with the password.
  desk = await openDesk('burst', { offline: true });
  await desk.page.goto(net.url);
  await signIn(desk.page, 'dx.officer1');
  const after = await readDesk(desk.page, 'dx.officer1');
  const local = after.declarations.filter((d) => d.hqReceivedAt === null);
  // Record and outbox entry: both or neither, for every declaration.
  expect(after.outbox.map((e) => e.recordId).sort()).toEqual(local.map((d) => d.id).sort());
  expect(new Set(after.outbox.map((e) => e.id)).size).toBe(after.outbox.length);
  // Everything the desk reported saved is there; the last one may or may not have made it.
  const saved = local.map((d) => d.certificateNo).sort();
  expect(saved.slice(0, reported.length)).toEqual(reported);
  expect([reported, certificates]).toContainEqual(saved);
  console.log(`[faults] killed mid-save: ${saved.length} of ${certificates.length} declarations survived (${reported.length} reported saved)`);
  await expect(output(desk.page, '待同步')).toHaveText(String(saved.length));

  // The network returns: HQ gets each of them exactly once, the outbox empties.
  net.up();
  await desk.context.setOffline(false);
  await expect(output(desk.page, '待同步')).toHaveText('0', { timeout: 60_000 });
  const atHq = await dayReport(hq.url, token, today);
  expect(atHq.declarations - atHqBefore.declarations).toBe(saved.length);
  expect(atHq.residents - atHqBefore.residents).toBe(saved.length);
  const all = await pullEverything(hq.url, token);
  expect(all.repeated).toEqual([]);
  for (const declaration of local) expect(all.records.declaration.get(declaration.id)?.certificateNo).toBe(declaration.certificateNo);
  const synced = await readDesk(desk.page, 'dx.officer1');
  expect(synced.counts.outbox).toBe(0);
  expect(synced.counts.declarations).toBe(all.records.declaration.size);
});

test("a desk's clock two days off: its declarations still sync, HQ keeps desk time and HQ time, and flags the implausible trade date and only that", async ({
  openDesk,
}) => {
  const { hq, net } = env();
  const DAY = 24 * 60 * 60 * 1000;
  const realStart = Date.now();
  const today = cstDateOf(realStart);
  const desks = [
    { name: 'clock-ahead', username: 'dx.officer1', offsetDays: 2, certificates: ['DX002601', 'DX002602'] },
    { name: 'clock-behind', username: 'dx.officer2', offsetDays: -2, certificates: ['DX002611', 'DX002612'] },
  ];
  const ids = new Map<string, { offsetDays: number }>();
  for (const { name, username, offsetDays, certificates } of desks) {
    const desk = await openDesk(name);
    // The desk's clock runs, but two days off (Date, timers and all in the page).
    await desk.context.clock.install({ time: Date.now() + offsetDays * DAY });
    await desk.page.goto(net.url);
    const deskNow = await desk.page.evaluate(() => Date.now());
    expect(Math.round((deskNow - Date.now()) / DAY)).toBe(offsetDays);
    await signIn(desk.page, username);
    await waitForSync(desk.page);
    for (const [i, certificateNo] of certificates.entries()) {
      await lookUp(desk.page, certificateNo);
      await typeLine(desk.page, 1, '0803', String(100 + i), '30');
      await saveWithKeyboard(desk.page);
    }
    // Saved on the desk's own day, and synced by the desk on its own.
    await expect(output(desk.page, '待同步')).toHaveText('0', { timeout: 60_000 });
    await desk.page.getByRole('button', { name: '立即同步' }).click();
    await waitForSync(desk.page);
    const mine = todayRows(desk.page).filter({ hasText: /DX00261|DX00260/ });
    await expect(mine).toHaveCount(2);
    if (offsetDays > 1) {
      await expect(mine.filter({ hasText: '已标记' })).toHaveCount(2);
      await expect(mine.first()).toContainText(`与 HQ 日期 ${today} 相差 ${offsetDays} 天`);
    } else {
      await expect(mine.filter({ hasText: '已同步' })).toHaveCount(2);
    }
    await expect(output(desk.page, '已标记')).toHaveText(offsetDays > 1 ? '2' : '0');
    for (const d of (await readDesk(desk.page, username)).declarations) {
      if (certificates.includes(d.certificateNo)) ids.set(d.id, { offsetDays });
    }
  }
  const realEnd = Date.now();
  expect(ids.size).toBe(4);

  // HQ: each declaration once, on the desk's trade date; only the one two days ahead is flagged.
  const token = await hqToken(hq.url);
  expect(await dayReport(hq.url, token, addDays(today, 2))).toMatchObject({ declarations: 2, residents: 2, flagged: 2 });
  expect(await dayReport(hq.url, token, addDays(today, -2))).toMatchObject({ declarations: 2, residents: 2, flagged: 0 });
  const all = await pullEverything(hq.url, token);
  expect(all.repeated).toEqual([]);
  for (const [id, { offsetDays }] of ids) {
    const record = all.records.declaration.get(id);
    expect(record?.tradeDate).toBe(addDays(today, offsetDays));
    expect(record?.flags.map((f) => f.code)).toEqual(offsetDays > 1 ? ['trade_date_implausible'] : []);
    // Desk time as the desk's clock said it; HQ's receive time by HQ's own clock.
    const hqReceivedAt = Date.parse(record?.hqReceivedAt ?? '');
    expect(hqReceivedAt).toBeGreaterThanOrEqual(realStart - 1000);
    expect(hqReceivedAt).toBeLessThanOrEqual(realEnd + 1000);
    const declaredAt = Date.parse(record?.declaredAt ?? '');
    expect(Math.abs(declaredAt - offsetDays * DAY - hqReceivedAt)).toBeLessThan(5 * 60 * 1000);
  }
});
