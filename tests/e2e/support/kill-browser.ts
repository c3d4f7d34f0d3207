import { readdirSync, readFileSync } from 'node:fs';

/**
 * Kills a desk's Chromium the hard way (SIGKILL, no chance to flush or close anything),
 * as a power cut or a killed process would. A persistent context exposes no Browser
 * object, so the process is found by its profile folder among THIS process's children
 * (Linux /proc), and its whole process group is killed when it leads one.
 */
function readProc(pid: string, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

function statOf(pid: string): { state: string; ppid: number; pgid: number } | null {
  const stat = readProc(pid, 'stat');
  if (stat === null) return null;
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', ppid: Number(fields[1]), pgid: Number(fields[2]) };
}

export function browserPidOf(profileDir: string): number {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const cmdline = readProc(pid, 'cmdline');
    if (cmdline === null || !cmdline.split('\0').includes(`--user-data-dir=${profileDir}`)) continue;
    if (statOf(pid)?.ppid === process.pid) return Number(pid);
  }
  throw new Error(`no Chromium of this test process runs on ${profileDir}`);
}

export async function killBrowser(profileDir: string): Promise<void> {
  const pid = browserPidOf(profileDir);
  const leadsGroup = statOf(String(pid))?.pgid === pid;
  process.kill(leadsGroup ? -pid : pid, 'SIGKILL');
  const alive = () => {
    const state = statOf(String(pid))?.state;
    return state !== undefined && state !== 'Z';
  };
  for (let i = 0; i < 200 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (alive()) throw new Error(`Chromium ${pid} survived SIGKILL`);
}
