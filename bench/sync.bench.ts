/**
 * npm run bench:sync [-- --store pglite|postgres] [--n 56000]
 *
 * A week at Dongxing (8,000 declarations a day × 7) pushed from a desk running in a real
 * Chromium profile on disk to a real HQ, then pulled into a fresh desk; and, in the same
 * run, Dexie's own bulkPut rate on the same records as the local limit the pull is
 * measured against. Prints its figures; the last line is machine-readable:
 *   RESULT push_per_s=<int> pull_per_s=<int> dexie_limit_per_s=<int> n=<n> store=<store>
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import { ROUTES } from '../shared/index';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import type { BenchApi } from './desk/bench-api';
import { startHq, type StoreKind } from './support/hq-process';
import { chromiumPid, postgresCpuMs, treeCpu, treeCpuMs } from './support/process-cpu';

declare global {
  interface Window {
    bench?: BenchApi;
  }
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const store = (argValue('store') ?? process.env.BENCH_STORE ?? 'pglite') as StoreKind;
if (store !== 'pglite' && store !== 'postgres') throw new Error(`--store must be pglite or postgres, not ${store}`);
const n = Number(argValue('n') ?? 56_000);
if (!Number.isInteger(n) || n < 1) throw new Error('--n must be a positive whole number');

const root = resolve(import.meta.dirname, '..');
/** --profile DIR: also write the desk page's JavaScript CPU profiles of push and pull there (open in Chrome DevTools). */
const profileDir = argValue('profile');

async function profiled<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  if (profileDir === undefined) return run();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  const value = await run();
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(join(profileDir, `desk-${name}.cpuprofile`), JSON.stringify(profile));
  await cdp.detach();
  return value;
}
const pageDir = join(root, '.tmp', 'bench-desk');

/** CPU ms HQ and the desk's browser spend while `run` runs (null where /proc is missing). */
async function measured<T>(
  hqPid: number | undefined,
  profile: string,
  run: () => Promise<T>,
): Promise<{ value: T; hqCpu: number | null; dbCpu: number | null; deskCpu: number | null; deskRoles: Map<string, number> }> {
  const deskPid = chromiumPid(profile);
  const hq0 = treeCpuMs(hqPid);
  const db0 = store === 'postgres' ? postgresCpuMs() : null;
  const desk0 = treeCpu(deskPid);
  const value = await run();
  const hq1 = treeCpuMs(hqPid);
  const db1 = store === 'postgres' ? postgresCpuMs() : null;
  const desk1 = treeCpu(deskPid);
  const deskRoles = new Map<string, number>();
  for (const [role, ms] of desk1?.byRole ?? []) deskRoles.set(role, ms - (desk0?.byRole.get(role) ?? 0));
  return {
    value,
    hqCpu: hq0 === null || hq1 === null ? null : hq1 - hq0,
    dbCpu: db0 === null || db1 === null ? null : db1 - db0,
    deskCpu: desk0 === null || desk1 === null ? null : desk1.total - desk0.total,
    deskRoles,
  };
}

function cpuLine(
  what: string,
  count: number,
  cpu: { hqCpu: number | null; dbCpu: number | null; deskCpu: number | null; deskRoles: Map<string, number> },
): string {
  const per1000 = (ms: number | null) => (ms === null ? '?' : `${Math.round((ms / count) * 1000)} ms`);
  const roles = [...cpu.deskRoles]
    .filter(([, ms]) => ms > 0)
    .map(([role, ms]) => `${role.replace(/\.mojom\.\w+$/, '')} ${per1000(ms)}`)
    .join(', ');
  const db = cpu.dbCpu === null ? '' : `, PostgreSQL server ${per1000(cpu.dbCpu)}`;
  return `${what}: CPU per 1,000 declarations: HQ ${per1000(cpu.hqCpu)}${db}, desk ${per1000(cpu.deskCpu)} (${roles})`;
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function openDesk(profile: string, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`[desk] ${message.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => window.bench !== undefined);
  return { context, page };
}

function perSecond(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

async function main(): Promise<void> {
  console.log(`bench:sync  n=${n} store=${store}  ${cpus().length} cores, load average ${load()}  (building the bench desk page)`);
  await build({ configFile: join(root, 'bench', 'desk', 'vite.config.ts'), logLevel: 'warn' });
  const hq = await startHq({ store, staticDir: pageDir });
  const profiles = [mkdtempSync(join(tmpdir(), 'bd-bench-a-')), mkdtempSync(join(tmpdir(), 'bd-bench-b-'))];
  try {
    console.log(`HQ up at ${hq.url} (store=${store})`);

    const a = await openDesk(profiles[0] as string, hq.url);
    await a.page.evaluate(() => window.bench?.signIn('dx.officer1', 'borderdesk'));
    const reference = await a.page.evaluate(() => window.bench?.pull());
    console.log(`desk A: reference data pulled (${reference?.records} records)`);
    await a.page.evaluate((count) => window.bench?.seedOutbox(count), n);
    console.log(`desk A: ${n} declarations saved offline (record + outbox entry per transaction batch)`);
    const pushRun = await measured(hq.pid, profiles[0] as string, () => profiled(a.page, 'push', () => a.page.evaluate(() => window.bench?.push())));
    const push = pushRun.value;
    if (!push) throw new Error('push returned nothing');
    console.log(`push: ${push.applied} applied, ${push.rejected} rejected, ${push.flagged} flagged in ${push.ms.toFixed(0)} ms`);
    console.log(
      `push: ${push.requests} requests, round trip ${(push.tripMs / push.requests).toFixed(0)} ms each on average; ${(push.ms - push.tripMs).toFixed(0)} ms of the push outside them`,
    );
    const handled = hq.requestMs(ROUTES.push);
    const handledMean = handled.reduce((sum, ms) => sum + ms, 0) / Math.max(1, handled.length);
    console.log(`push: HQ's own log: ${handled.length} requests handled in ${handledMean.toFixed(0)} ms each on average (body read, parse, check, store)`);
    if (push.applied !== n) throw new Error(`expected ${n} applied, HQ applied ${push.applied}`);
    const held = await a.page.evaluate(() => window.bench?.hqCount());
    console.log(`HQ holds ${held} declarations for the port`);
    if (held !== n) throw new Error(`HQ holds ${held}, expected exactly ${n}`);
    await a.context.close();

    const b = await openDesk(profiles[1] as string, hq.url);
    await b.page.evaluate(() => window.bench?.signIn('dx.officer2', 'borderdesk'));
    const pullRun = await measured(hq.pid, profiles[1] as string, () => profiled(b.page, 'pull', () => b.page.evaluate(() => window.bench?.pull())));
    const pull = pullRun.value;
    if (!pull) throw new Error('pull returned nothing');
    console.log(`pull: ${pull.records} records (${pull.declarations} declarations) in ${pull.ms.toFixed(0)} ms`);
    if (pull.declarations !== n) throw new Error(`fresh desk received ${pull.declarations}, expected ${n}`);
    const limit = await b.page.evaluate(() => window.bench?.dexieLimit());
    if (!limit) throw new Error('dexie limit returned nothing');
    console.log(`Dexie bulkPut of the same ${limit.records} records, pages of ${limit.pageSize}: ${limit.ms.toFixed(0)} ms`);
    await b.context.close();

    const pushPerS = perSecond(push.applied, push.ms);
    // Conservative: only declarations count, though the time also includes the reference data.
    const pullPerS = perSecond(pull.declarations, pull.ms);
    const limitPerS = perSecond(limit.records, limit.ms);
    console.log(cpuLine('push', push.applied, pushRun));
    console.log(cpuLine('pull', pull.declarations, pullRun));
    console.log(`pull/dexie_limit = ${((pullPerS / limitPerS) * 100).toFixed(1)}%   load average now ${load()}`);
    console.log(`RESULT push_per_s=${pushPerS} pull_per_s=${pullPerS} dexie_limit_per_s=${limitPerS} n=${n} store=${store}`);
  } finally {
    await hq.stop();
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
