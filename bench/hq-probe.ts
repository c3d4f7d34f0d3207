import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { treeCpuMs } from './support/process-cpu';

/**
 * Where bench:hq's time goes on a 2-core machine, read while it runs: CPU of HQ (all its
 * processes, and each process's JavaScript thread alone — one Node thread cannot use
 * more than one core), of the PostgreSQL server, of the bench itself, and of the whole
 * machine (whatever else runs shows as the rest); for PostgreSQL, what its backends of
 * the bench's database wait on (pg_stat_activity, sampled).
 */
const TICK_MS = 10; // USER_HZ

function statFields(path: string): string[] | null {
  try {
    const text = readFileSync(path, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU ms of a process's main thread (its JavaScript thread for Node). */
function mainThreadMs(pid: number): number {
  const fields = statFields(`/proc/${pid}/task/${pid}/stat`);
  return fields === null ? 0 : (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** `pid` and its descendants. */
function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(`/proc/${name}/stat`);
    if (fields === null) continue;
    const ppid = Number(fields[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.pop() as number;
    tree.push(next);
    queue.push(...(parents.get(next) ?? []));
  }
  return tree;
}

function cmdline(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * CPU ms so far of the PostgreSQL processes working for database `name`: its backends
 * (`postgres: … <user> <name> <address> …`), autovacuum on it, and the server's own
 * background processes (WAL writer, checkpointer…), which serve every database but are
 * busy with the bench's writes while it runs. Other databases' backends are left out:
 * other people's tests use the same server.
 */
function postgresMsFor(name: string): Map<number, number> {
  const found = new Map<number, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const line = cmdline(pid);
    if (!line.startsWith('postgres: ')) continue;
    const isClient = line.includes('(') || line.includes('[local]');
    const isOthers = (isClient || line.includes('autovacuum worker')) && !line.includes(` ${name} `) && !line.endsWith(` ${name}`);
    if (isOthers) continue;
    const fields = statFields(`/proc/${pid}/stat`);
    if (fields !== null) found.set(Number(pid), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
  }
  return found;
}

/**
 * Busy, stolen and total CPU ms of the whole machine (all cores). Steal is time the
 * hypervisor gave this VM's cores to someone else: the same work then takes longer.
 */
function machineMs(): { busy: number; steal: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const steal = values[7] ?? 0;
  const total = values.slice(0, 8).reduce((sum, v) => sum + v, 0);
  return { busy: (total - idle - steal) * TICK_MS, steal: steal * TICK_MS, total: total * TICK_MS };
}

interface Reading {
  at: number;
  hq: number;
  hqThreads: Map<number, number>;
  bench: number;
  machine: { busy: number; steal: number; total: number };
}

function read(hqPid: number): Reading {
  const usage = process.cpuUsage();
  return {
    at: performance.now(),
    hq: treeCpuMs(hqPid) ?? 0,
    hqThreads: new Map(processTree(hqPid).map((pid) => [pid, mainThreadMs(pid)])),
    bench: (usage.user + usage.system) / 1000,
    machine: machineMs(),
  };
}

export interface ProbeReport {
  wallMs: number;
  hqMs: number;
  /** The busiest JavaScript thread of HQ: CPU ms and share of the wall time. */
  hqBusiestThreadMs: number;
  hqThreads: number;
  /**
   * PostgreSQL's processes for the bench database (backends, its autovacuum, the server's
   * background writers), sampled twice a second: a process that starts and ends between
   * two samples is missed, and one seen first mid-run counts from then.
   */
  dbMs: number;
  benchMs: number;
  machineBusyMs: number;
  machineStealMs: number;
  machineTotalMs: number;
  /** PostgreSQL only: samples of the bench database's backends, by state/wait. */
  waits: Map<string, number>;
  samples: number;
}

export interface Probe {
  stop(): Promise<ProbeReport>;
}

export function startProbe(hqPid: number, databaseUrl: string | null): Probe {
  const first = read(hqPid);
  const waits = new Map<string, number>();
  const dbProcesses = new Map<number, { first: number; last: number }>();
  const databaseName = databaseUrl === null ? null : new URL(databaseUrl).pathname.slice(1);
  const sampleDb = () => {
    if (databaseName === null) return;
    for (const [pid, ms] of postgresMsFor(databaseName)) {
      const seen = dbProcesses.get(pid);
      if (seen === undefined) dbProcesses.set(pid, { first: ms, last: ms });
      else seen.last = ms;
    }
  };
  sampleDb();
  let samples = 0;
  let client: pg.Client | null = null;
  let isStopped = false;
  const sampling = (async () => {
    if (databaseUrl === null) return;
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    while (!isStopped) {
      const { rows } = await client.query<{ what: string; n: string }>(
        `SELECT CASE WHEN state = 'active' THEN 'active: ' || coalesce(wait_event_type || '/' || wait_event, 'on CPU')
                     ELSE state || coalesce(' (' || wait_event || ')', '') END AS what, count(*) AS n
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1`,
      );
      samples++;
      for (const row of rows) waits.set(row.what, (waits.get(row.what) ?? 0) + Number(row.n));
      if (samples % 5 === 0) sampleDb();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      isStopped = true;
      await sampling.catch(() => {});
      await (client as pg.Client | null)?.end();
      sampleDb();
      const last = read(hqPid);
      let busiest = 0;
      for (const [pid, ms] of last.hqThreads) busiest = Math.max(busiest, ms - (first.hqThreads.get(pid) ?? 0));
      return {
        wallMs: last.at - first.at,
        hqMs: last.hq - first.hq,
        hqBusiestThreadMs: busiest,
        hqThreads: last.hqThreads.size,
        dbMs: [...dbProcesses.values()].reduce((total, p) => total + p.last - p.first, 0),
        benchMs: last.bench - first.bench,
        machineBusyMs: last.machine.busy - first.machine.busy,
        machineStealMs: last.machine.steal - first.machine.steal,
        machineTotalMs: last.machine.total - first.machine.total,
        waits,
        samples,
      };
    },
  };
}

/**
 * Share of the machine's CPU (0–1) used by anything but this bench over `ms`. On a
 * machine other people's test runs share, the bench can wait for a quiet moment before
 * it starts the clock (it still prints what else ran during the run).
 */
export async function othersBusyShare(hqPid: number, ms: number): Promise<number> {
  const before = { machine: machineMs(), hq: treeCpuMs(hqPid) ?? 0, bench: process.cpuUsage() };
  await new Promise((resolve) => setTimeout(resolve, ms));
  const machine = machineMs();
  const hq = (treeCpuMs(hqPid) ?? 0) - before.hq;
  const bench = process.cpuUsage(before.bench);
  const ours = hq + (bench.user + bench.system) / 1000;
  return Math.max(0, machine.busy - before.machine.busy - ours) / Math.max(1, machine.total - before.machine.total);
}
