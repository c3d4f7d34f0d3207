/**
 * npx tsx bench/push-hq.profile.ts [--store pglite|postgres] [--n 14000] [--batch 1000]
 *
 * HQ's half of a push, in-process and without HTTP or a browser: the bench's
 * declarations, built as the bench desk builds them and linked into one desk's audit
 * chain (protocol 2), handed to handlePush batch by batch over an on-disk PGlite (or a
 * scratch PostgreSQL database). Prints the time per batch and where it goes: every SQL
 * statement is timed, plus the JSON a real request would parse and answer with. A tool
 * for finding costs, not a figure for docs. The chain is checked to be whole at the end.
 * The parse measured apart for the breakdown is left out of the rate and the batch
 * times (not out of the CPU figure).
 * `--cpu-profile FILE` also writes a V8 CPU profile of the pushes alone (DevTools opens it).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cstDateOf, PROTOCOL_VERSION, type Resident } from '../shared/index';
import type { Db, Queryable, Row } from '../server/db/db';
import { openStore } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import type { AccessClaims } from '../server/auth/access-tokens';
import { silentLogger } from '../server/log';
import { demoGoodsList, demoPolicy, DEMO_OFFICERS } from '../server/seed/demo-data';
import { seedDemoData } from '../server/seed/seed';
import { handlePush } from '../server/sync/push';
import { preparse } from '../server/sync/push-plan';
import { PortQueue } from '../server/sync/port-queue';
import { GoodsListCache } from '../server/sync/reference-snapshot';
import { DeskChain } from '../server/testing/audit-chain';
import { makeDrafts } from './desk/make-drafts';

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const storeKind = argValue('store') ?? 'pglite';
const n = Number(argValue('n') ?? 14_000);
const batchSize = Number(argValue('batch') ?? 1000);
const cpuProfileFile = argValue('cpu-profile');
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const timings = new Map<string, { ms: number; count: number }>();
function note(label: string, ms: number): void {
  const entry = timings.get(label) ?? { ms: 0, count: 0 };
  entry.ms += ms;
  entry.count++;
  timings.set(label, entry);
}

function label(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().slice(0, 70);
}

function timed(target: Queryable): Queryable {
  return {
    async query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      const started = performance.now();
      const rows = await target.query<T>(sql, params);
      note(label(sql), performance.now() - started);
      return rows;
    },
    async exec(sql: string): Promise<void> {
      const started = performance.now();
      await target.exec(sql);
      note(label(sql), performance.now() - started);
    },
  };
}

function timedDb(db: Db): Db {
  return { ...db, ...timed(db), transaction: (fn) => db.transaction((tx) => fn(timed(tx))) };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bd-push-profile-'));
  let dropDb: (() => Promise<void>) | null = null;
  let db: Db;
  if (storeKind === 'postgres') {
    const name = `bd_profile_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    db = await openStore({ kind: 'postgres', url: url.toString() });
    dropDb = async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    db = await openStore({ kind: 'pglite', dataDir });
  }
  try {
    await migrate(db);
    await seedDemoData(db);
    const residents = (await db.query<{ data: Resident }>("SELECT data FROM residents WHERE port_id = 'DONGXING'")).map((r) => r.data);
    const now = new Date();
    const today = cstDateOf(now);
    const officer = DEMO_OFFICERS.find((o) => o.username === 'dx.officer1');
    if (officer === undefined) throw new Error('no dx.officer1');
    const valid = residents.filter((r) => r.status === 'valid' && r.validTo >= today);
    const drafts = makeDrafts({
      count: n,
      residents: valid,
      goodsList: demoGoodsList('DONGXING'),
      policy: demoPolicy('DONGXING'),
      officerId: officer.id,
      deviceId: 'bench-profile-01',
      now,
    });
    const chain = new DeskChain();
    const mutations = drafts.map((record) => chain.link({ id: crypto.randomUUID(), type: 'declaration.create' as const, deskTime: now.toISOString(), record }));
    const deps = { db: timedDb(db), logger: silentLogger, goodsLists: new GoodsListCache(), queue: new PortQueue() };
    const claims: AccessClaims = { v: 1, sub: officer.id, port: 'DONGXING', role: 'officer', exp: now.getTime() + 3_600_000 };
    const perBatch: number[] = [];
    const inspector = cpuProfileFile === undefined ? null : new Session();
    if (inspector !== null) {
      inspector.connect();
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.start');
    }
    let excludedMs = 0;
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < mutations.length; i += batchSize) {
      const t0 = performance.now();
      const text = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: 'bench-profile-01', mutations: mutations.slice(i, i + batchSize) });
      const body: unknown = JSON.parse(text);
      note('(http) JSON.parse request', performance.now() - t0);
      // Measured apart for the breakdown, and left out of the batch's time: handlePush
      // parses the batch itself.
      const tp = performance.now();
      preparse((body as { mutations: unknown[] }).mutations);
      const preparseMs = performance.now() - tp;
      note('(js) preparse, measured apart (also inside handlePush)', preparseMs);
      excludedMs += preparseMs;
      const t1 = performance.now();
      const answer = await handlePush(deps, claims, body, new Date());
      note('(all) handlePush', performance.now() - t1);
      if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
      const t2 = performance.now();
      JSON.stringify(answer.data);
      note('(http) JSON.stringify answer', performance.now() - t2);
      const applied = answer.data.results.filter((r) => r.status === 'applied').length;
      if (applied !== Math.min(batchSize, mutations.length - i)) throw new Error(`batch ${i}: ${applied} applied`);
      perBatch.push(performance.now() - t0 - preparseMs);
    }
    const total = performance.now() - started - excludedMs;
    const cpu = process.cpuUsage(cpuStart);
    if (inspector !== null && cpuProfileFile !== undefined) {
      const { profile } = await inspector.post('Profiler.stop');
      writeFileSync(cpuProfileFile, JSON.stringify(profile));
      inspector.disconnect();
    }
    const [audit] = await db.query<{ head_n: number; broken: boolean }>("SELECT head_n, broken FROM audit_chains WHERE device_id = 'bench-profile-01'");
    if (Number(audit?.head_n) !== n || audit?.broken !== false) throw new Error(`audit chain: ${JSON.stringify(audit)}, expected head ${n}, unbroken`);
    const sorted = [...perBatch].sort((a, b) => a - b);
    console.log(
      `store=${storeKind} n=${n} batch=${batchSize}: ${Math.round((n / total) * 1000)}/s, per batch median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, first ${perBatch[0]?.toFixed(1)} last ${perBatch[perBatch.length - 1]?.toFixed(1)}; CPU ${((cpu.user + cpu.system) / 1000 / perBatch.length).toFixed(1)} ms per batch`,
    );
    const batches = perBatch.length;
    for (const [what, { ms, count }] of [...timings.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
      console.log(`${(ms / batches).toFixed(1).padStart(7)} ms/batch  ${String(count).padStart(5)}x  ${what}`);
    }
  } finally {
    await db.close();
    await dropDb?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
