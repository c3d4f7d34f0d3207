import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface RunningHq {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  dataDir: string;
  /** Everything HQ printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const ROOT = process.cwd();

/**
 * The built desk HQ serves: dist/renderer, or BORDERDESK_E2E_STATIC (a build of one's own,
 * `vite build --config renderer/vite.config.ts --outDir DIR`, so that a rebuild elsewhere in
 * the tree cannot change the page under a running test).
 */
export function e2eStaticDir(): string {
  return process.env.BORDERDESK_E2E_STATIC ?? join(ROOT, 'dist/renderer');
}

/**
 * Starts the real HQ (`server/main.ts`, what `npm run hq` runs) as a child process on a
 * free port with the demo seed, serving the built renderer, and resolves when it prints
 * "HQ listening on". Builds nothing: the test command builds the renderer first.
 */
export async function startHq(dataDir: string): Promise<RunningHq> {
  const staticDir = e2eStaticDir();
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`${staticDir} is missing: run \`npm run build:renderer\` before the e2e tests`);
  }
  const tsx = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
  const args = [tsx, 'server/main.ts', '--port', '0', '--data-dir', dataDir, '--seed-demo', '--static', staticDir];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  const collect = (chunk: Buffer) => {
    seen += chunk.toString();
    if (seen.length > 200_000) seen = seen.slice(-100_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`HQ did not start within 90 s:\n${seen}`)), 90_000);
    const check = () => {
      const match = /HQ listening on (http:\/\/[^\s/]+)/.exec(seen);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`HQ exited with ${code} before listening:\n${seen}`));
    });
  });

  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    output: () => seen,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
