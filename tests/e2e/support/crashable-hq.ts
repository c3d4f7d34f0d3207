import { type ChildProcess, spawn } from 'node:child_process';
import { e2eStaticDir } from './hq-process';

/**
 * A real HQ (`server/main.ts`) that a test can kill with SIGKILL and start again on the
 * same data folder and port. Unlike hq-process.ts it runs HQ as ONE process
 * (`node --import tsx`): the tsx CLI would put a parent in front of HQ, and a SIGKILL
 * cannot be passed on, so it would kill the parent and leave HQ running.
 */
export interface CrashableHq {
  readonly url: string;
  readonly dataDir: string;
  /** Everything HQ printed since the first start, for failure messages. */
  output(): string;
  /** SIGKILL: no clean shutdown, PGlite's data folder left as it is. Resolves once HQ is gone. */
  crash(): Promise<void>;
  /** Starts HQ again on the same data folder and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = process.cwd();

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
  url: string;
}

export async function startCrashableHq(dataDir: string): Promise<CrashableHq> {
  let seen = '';
  const launch = async (port: number): Promise<Running> => {
    const args = ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--data-dir', dataDir, '--seed-demo'];
    args.push('--static', e2eStaticDir());
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`HQ did not start within 90 s:\n${seen}`)), 90_000);
      let head = '';
      const collect = (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.length > 200_000) seen = seen.slice(-100_000);
        if (head.length < 10_000) head += chunk.toString();
        const match = /HQ listening on (http:\/\/[^\s/]+)/.exec(head);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`HQ exited (${code ?? signal}) before listening:\n${seen}`));
      });
    });
    return { child, exited, url };
  };

  let running: Running | null = await launch(0);
  const url = running.url;
  const port = Number(new URL(url).port);
  const stopWith = async (signal: NodeJS.Signals) => {
    const current = running;
    running = null;
    if (current === null || current.child.exitCode !== null || current.child.signalCode !== null) return;
    current.child.kill(signal);
    const timer = setTimeout(() => current.child.kill('SIGKILL'), 10_000);
    await current.exited;
    clearTimeout(timer);
  };
  return {
    url,
    dataDir,
    output: () => seen,
    crash: () => stopWith('SIGKILL'),
    async restart() {
      if (running !== null) throw new Error('HQ is still running: crash() or stop() it first');
      seen += '\n--- restart ---\n';
      running = await launch(port);
    },
    stop: () => stopWith('SIGTERM'),
  };
}
