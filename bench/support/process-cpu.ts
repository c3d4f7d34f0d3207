import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system, in ms) that processes have used so far, read from /proc
 * (Linux only; elsewhere every figure is null). Wall-clock rates on a shared 2-core
 * machine move with whatever else runs; CPU time spent per declaration moves much less,
 * so the bench prints both.
 */
const TICK_MS = 10; // USER_HZ is 100 on every Linux the project runs on

interface Stat {
  pid: number;
  ppid: number;
  name: string;
  cpuMs: number;
}

function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return { pid, ppid, name, cpuMs: (utime + stime) * TICK_MS };
  } catch {
    return null;
  }
}

function allStats(): Stat[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries.filter((name) => /^\d+$/.test(name)).flatMap((name) => readStat(Number(name)) ?? []);
}

/**
 * What a Chromium process does, from its --type= and --utility-sub-type= switches.
 * Chromium rewrites its children's titles, which then hold spaces, not NULs, between
 * arguments.
 */
function roleOf(pid: number): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const type = args.find((a) => a.startsWith('--type='))?.slice(7);
    const sub = args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
    return sub ?? type ?? 'main';
  } catch {
    return 'gone';
  }
}

/**
 * CPU ms of a process and all its living descendants, in total and by role (for
 * Chromium: main = the browser process, which also runs IndexedDB; renderer;
 * network.mojom.NetworkService; …).
 */
export function treeCpu(rootPid: number | undefined): { total: number; byRole: Map<string, number> } | null {
  if (rootPid === undefined) return null;
  const stats = allStats();
  if (stats.length === 0) return null;
  const children = new Map<number, Stat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const root = stats.find((s) => s.pid === rootPid);
  if (root === undefined) return null;
  let total = 0;
  const byRole = new Map<string, number>();
  const queue = [root];
  while (queue.length > 0) {
    const next = queue.pop() as Stat;
    total += next.cpuMs;
    const role = roleOf(next.pid);
    byRole.set(role, (byRole.get(role) ?? 0) + next.cpuMs);
    queue.push(...(children.get(next.pid) ?? []));
  }
  return { total, byRole };
}

export function treeCpuMs(rootPid: number | undefined): number | null {
  return treeCpu(rootPid)?.total ?? null;
}

/** The pid of the Chromium browser process using `profileDir` (its renderers are its descendants). */
export function chromiumPid(profileDir: string): number | undefined {
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split(/[\0 ]/);
      if (cmdline.some((arg) => arg === `--user-data-dir=${profileDir}`) && !cmdline.some((arg) => arg.startsWith('--type='))) {
        return Number(name);
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

/**
 * CPU ms used so far by every living process of the local PostgreSQL server (its
 * backends are children of the postmaster, not of HQ), or null without /proc. Counts
 * whatever else uses that server at the same time.
 */
export function postgresCpuMs(): number | null {
  const stats = allStats();
  if (stats.length === 0) return null;
  return stats.filter((stat) => stat.name === 'postgres').reduce((sum, stat) => sum + stat.cpuMs, 0);
}
