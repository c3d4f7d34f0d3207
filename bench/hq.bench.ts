/**
 * npm run bench:hq [-- --store postgres|pglite] [--ports DONGXING:34,PINGXIANG:16]
 *                    [--per-desk 8000] [--batch 2000] [--seed 1] [--replays on|off] [--workers N]
 *                    [--quiet-wait SECONDS]
 *
 * 50 simulated desks — each its own officer, device id and HTTP connections — push
 * 8,000 declarations each, all at once, to a real HQ process (server/main.ts) over a
 * throwaway PostgreSQL database (or PGlite folder), with replays mixed in; then HQ's
 * store is counted in SQL. Docs: docs/benchmarks.md (bench:hq). Last line:
 *   RESULT desks=<n> mutations_per_s=<int> lost=<int> duplicated=<int> errors=<int> store=<pglite|postgres>
 * Exit code 1 when lost, duplicated or errors is not 0.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { openStore } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import { demoGoodsList, demoPolicy } from '../server/seed/demo-data';
import { ROUTES } from '../shared/index';
import { countAtHq } from './hq-count';
import { BenchDesk, DEFAULT_REPLAY_MIX, type DeskTally, planSteps } from './hq-desk';
import { makeDeskMutations, seededRandom } from './hq-drafts';
import { othersBusyShare, type ProbeReport, startProbe } from './hq-probe';
import { type BenchStore, makeScratchStore, startHqChild } from './hq-server';
import { addOfficers, fillStore, parsePortSpread, planDesks, TRADE_DAYS } from './hq-setup';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: process.env.BENCH_STORE ?? 'postgres' },
    ports: { type: 'string', default: 'DONGXING:34,PINGXIANG:16' },
    'per-desk': { type: 'string', default: '8000' },
    batch: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    replays: { type: 'string', default: 'on' },
    workers: { type: 'string' },
    'quiet-wait': { type: 'string', default: '0' },
  },
  strict: true,
});

function whole(name: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name}: a whole number ${min}–${max}, not ${text}`);
  return value;
}

const store = values.store as BenchStore;
if (store !== 'pglite' && store !== 'postgres') throw new Error(`--store must be postgres or pglite, not ${values.store}`);
const spread = parsePortSpread(values.ports);
const perDesk = whole('per-desk', values['per-desk'], 1, 1_000_000);
const batch = whole('batch', values.batch, 1, 2000);
const seed = whole('seed', values.seed, 0, 2 ** 31);
const mix = values.replays === 'off' ? { resend: 0, part: 0, echo: 0 } : DEFAULT_REPLAY_MIX;
const workers = values.workers === undefined ? null : whole('workers', values.workers, 1, 16);
/** Seconds to wait, at most, for the machine to be quiet (others below 10% of it) before the timed part. */
const quietWait = whole('quiet-wait', values['quiet-wait'], 0, 3600);

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (part: number, whole: number) => `${((part / Math.max(1, whole)) * 100).toFixed(0)}%`;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function sum(
  tallies: readonly DeskTally[],
  key: 'applied' | 'flagged' | 'rejected' | 'httpFailures' | 'wrongAnswers' | 'resent' | 'replayedAnswers' | 'requests' | 'refreshes',
): number {
  return tallies.reduce((total, t) => total + t[key], 0);
}

function printProbe(report: ProbeReport, mutations: number): void {
  const per1000 = (ms: number) => `${Math.round((ms / mutations) * 1000)} ms`;
  const cores = report.machineTotalMs / report.wallMs;
  const rest = report.machineBusyMs - report.hqMs - report.dbMs - report.benchMs;
  const db = store === 'postgres' ? `PostgreSQL ${fmt(report.dbMs)} ms (the bench database's backends and the server's writers)` : 'PGlite runs inside HQ';
  console.log(
    `CPU while pushing (${(report.wallMs / 1000).toFixed(1)} s wall, ${cores.toFixed(1)} cores): HQ ${fmt(report.hqMs)} ms (${report.hqThreads} process(es); busiest JavaScript thread ${pct(report.hqBusiestThreadMs, report.wallMs)} of the wall time), ${db}, this bench ${fmt(report.benchMs)} ms, anything else ${fmt(Math.max(0, rest))} ms; machine busy ${pct(report.machineBusyMs, report.machineTotalMs)}, stolen by the hypervisor ${pct(report.machineStealMs, report.machineTotalMs)}`,
  );
  const dbPer1000 = store === 'postgres' ? `, PostgreSQL ${per1000(report.dbMs)}` : '';
  console.log(`CPU per 1,000 mutations: HQ ${per1000(report.hqMs)}${dbPer1000}, bench ${per1000(report.benchMs)}`);
  if (report.samples > 0) {
    const waits = [...report.waits].sort((a, b) => b[1] - a[1]).map(([what, n]) => `${what} ${(n / report.samples).toFixed(2)}`);
    console.log(`PostgreSQL backends of the bench database, mean over ${report.samples} samples: ${waits.join('; ')}`);
  }
}

async function waitForQuiet(hqPid: number, seconds: number): Promise<void> {
  const until = performance.now() + seconds * 1000;
  for (;;) {
    const others = await othersBusyShare(hqPid, 3000);
    if (others < 0.1) {
      console.log(`machine quiet: others use ${(others * 100).toFixed(0)}% of it`);
      return;
    }
    if (performance.now() > until) {
      console.log(`machine not quiet after ${seconds} s (others use ${(others * 100).toFixed(0)}% of it): running anyway`);
      return;
    }
    console.log(`  waiting for a quiet machine: others use ${(others * 100).toFixed(0)}% of it`);
  }
}

async function main(): Promise<void> {
  const plan = planDesks(spread, perDesk);
  const deskCount = plan.reduce((n, port) => n + port.desks.length, 0);
  console.log(
    `bench:hq  store=${store} desks=${deskCount} per-desk=${perDesk} batch=${batch} replays=${values.replays} workers=${workers ?? 'HQ default'}  ` +
      `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${load()}`,
  );
  for (const port of plan) {
    const points = [...new Set(port.desks.map((d) => d.pointId))].join(', ');
    console.log(`  ${port.portId}: ${port.desks.length} desks at ${points}; ${fmt(port.residents.length)} valid residents`);
  }

  const scratch = await makeScratchStore(store);
  let hq: Awaited<ReturnType<typeof startHqChild>> | null = null;
  const desks: BenchDesk[] = [];
  try {
    let started = performance.now();
    const db = await openStore(scratch.options);
    try {
      await migrate(db);
      await fillStore(db, plan);
    } finally {
      await db.close();
    }
    console.log(`setup: store ${scratch.where} migrated, demo data and residents written in ${fmt(performance.now() - started)} ms`);

    hq = await startHqChild(scratch, workers === null ? [] : ['--workers', String(workers)]);
    console.log(`HQ up at ${hq.url} (pid ${hq.pid})`);
    started = performance.now();
    const officerIds = await addOfficers(hq.url, plan);
    console.log(`${officerIds.size} bench officers added by hq.admin through the admin API in ${fmt(performance.now() - started)} ms`);

    started = performance.now();
    const now = new Date();
    const expectations: { deviceId: string; declarationIds: string[] }[] = [];
    let bytes = 0;
    let resends = 0;
    for (const port of plan) {
      const goodsList = demoGoodsList(port.portId);
      const policy = demoPolicy(port.portId);
      for (const desk of port.desks) {
        const officerId = officerIds.get(desk.username);
        if (officerId === undefined) throw new Error(`no officer id for ${desk.username}`);
        const random = seededRandom(seed * 1000 + desk.index);
        const mutations = makeDeskMutations({ desk, officerId, count: perDesk, residents: port.residents, goodsList, policy, now, random, tradeDays: TRADE_DAYS });
        const steps = planSteps(desk.deviceId, mutations, batch, mix, random);
        for (const step of steps) {
          for (const send of step) {
            bytes += send.body.length;
            if (send.kind !== 'fresh') resends += send.to - send.from;
          }
        }
        expectations.push({ deviceId: desk.deviceId, declarationIds: mutations.map((m) => m.record.id) });
        desks.push(new BenchDesk(desk, hq.url, mutations.map((m) => m.id), steps));
      }
    }
    console.log(
      `desks: ${fmt(deskCount * perDesk)} declaration.create mutations with audit links made and serialised in ${fmt(performance.now() - started)} ms; ` +
        `${fmt(resends)} of them to be sent again; ${(bytes / 2 ** 20).toFixed(0)} MiB of request bodies`,
    );

    if (quietWait > 0) await waitForQuiet(hq.pid, quietWait);
    started = performance.now();
    await Promise.all(desks.map((desk) => desk.signIn()));
    console.log(`${deskCount} desks signed in over HTTP in ${fmt(performance.now() - started)} ms; pushing (load average ${load()})`);
    const probe = startProbe(hq.pid, scratch.url);
    const pushStart = performance.now();
    const progress = setInterval(() => {
      const seconds = (performance.now() - pushStart) / 1000;
      const applied = desks.reduce((n, desk) => n + desk.tally.applied, 0);
      const done = desks.filter((desk) => desk.tally.finishedAt > 0).length;
      console.log(`  … ${seconds.toFixed(0)} s: ${fmt(applied)} applied (${fmt(applied / seconds)}/s so far), ${done} desks done, load average ${load()}`);
    }, 10_000);
    const tallies = await Promise.all(desks.map((desk) => desk.run()));
    clearInterval(progress);
    const pushEnd = Math.max(...tallies.map((t) => t.finishedAt));
    const report = await probe.stop();
    const pushMs = pushEnd - pushStart;

    const requests = sum(tallies, 'requests');
    const trips = tallies.flatMap((t) => t.tripsMs).sort((a, b) => a - b);
    const handled = hq.requestMs(ROUTES.push).sort((a, b) => a - b);
    const hqErrors = hq.errorLines();
    await hq.stop();

    const mutations = deskCount * perDesk;
    const applied = sum(tallies, 'applied');
    const rejected = sum(tallies, 'rejected');
    const httpFailures = sum(tallies, 'httpFailures');
    const wrong = sum(tallies, 'wrongAnswers');
    const perS = Math.round((mutations / pushMs) * 1000);
    console.log(
      `push: ${fmt(mutations)} mutations from ${deskCount} desks in ${fmt(pushMs)} ms = ${fmt(perS)}/s ` +
        `(+ ${fmt(sum(tallies, 'resent'))} sent again: ${fmt(((mutations + sum(tallies, 'resent')) / pushMs) * 1000)} mutations/s delivered)`,
    );
    console.log(
      `answers: ${fmt(applied)} applied (${fmt(sum(tallies, 'flagged'))} flagged), ${fmt(sum(tallies, 'replayedAnswers'))} replayed, ${fmt(rejected)} rejected, ` +
        `${httpFailures} HTTP failures, ${wrong} answers breaking exactly-once; ${sum(tallies, 'refreshes')} access tokens refreshed`,
    );
    console.log(
      `requests: ${fmt(requests)}, round trip median ${fmt(quantile(trips, 0.5))} ms, p95 ${fmt(quantile(trips, 0.95))} ms, max ${fmt(quantile(trips, 1))} ms; ` +
        `HQ's own log: median ${fmt(quantile(handled, 0.5))} ms, p95 ${fmt(quantile(handled, 0.95))} ms per push request`,
    );
    printProbe(report, mutations);
    const problems = new Map<string, { count: number; example: string }>();
    for (const [kind, { count, example }] of tallies.flatMap((t) => [...t.problems])) {
      const seen = problems.get(kind);
      problems.set(kind, { count: (seen?.count ?? 0) + count, example: seen?.example ?? example });
    }
    for (const [kind, { count, example }] of problems) console.log(`  ! ${kind}: ${fmt(count)}× — e.g. ${example}`);
    for (const line of hqErrors.slice(0, 5)) console.log(`  ! HQ: ${line.slice(0, 400)}`);

    const db2 = await openStore(scratch.options);
    const count = await countAtHq(db2, expectations).finally(() => db2.close());
    const duplicated = count.duplicateDeclarations + count.unexpectedDeclarations + count.duplicateMutations;
    console.log(
      `HQ holds ${fmt(count.found)} of ${fmt(count.expected)} declarations: lost ${count.lost}; duplicate declaration rows ${count.duplicateDeclarations}, ` +
        `rows no desk made ${count.unexpectedDeclarations}, duplicate mutation rows ${count.duplicateMutations}, declarations sharing a seq ${count.sharedSeqs}`,
    );
    for (const line of count.shortDesks.slice(0, 5)) console.log(`  ! ${line}`);
    console.log(`flags at HQ: ${[...count.flags].map(([code, n]) => `${code} ${fmt(n)}`).join(', ') || 'none'}`);
    if (count.chains === null) console.log('audit: HQ keeps no audit_chains table');
    else {
      const heads = [...count.chains.heads.values()];
      const full = expectations.filter((e) => {
        const head = count.chains?.heads.get(e.deviceId);
        return head !== undefined && head.headN === e.declarationIds.length && !head.broken;
      }).length;
      console.log(
        `audit: ${count.chains.heads.size} chains at HQ, ${full} of ${deskCount} desks with head n = ${perDesk} and unbroken; ` +
          `heads ${heads.length === 0 ? '—' : `${Math.min(...heads.map((h) => h.headN))}–${Math.max(...heads.map((h) => h.headN))}`}; ` +
          `${count.chains.breaks} breaks; ${fmt(count.chains.linkedMutations)} mutation rows carry their link`,
      );
    }
    const errors = rejected + httpFailures + wrong + hqErrors.length;
    console.log(`load average now ${load()}`);
    console.log(`RESULT desks=${deskCount} mutations_per_s=${perS} lost=${count.lost} duplicated=${duplicated} errors=${errors} store=${store}`);
    if (count.lost !== 0 || duplicated !== 0 || errors !== 0) process.exitCode = 1;
  } finally {
    for (const desk of desks) desk.close();
    await hq?.stop();
    await scratch.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
