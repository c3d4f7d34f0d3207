import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type StoreKind = 'pglite' | 'postgres';

export interface HqProcess {
  url: string;
  store: StoreKind;
  /** The HQ process itself (CPU accounting). */
  pid: number | undefined;
  /** Milliseconds HQ logged for each request to `path` so far (its 'request' log lines). */
  requestMs(path: string): number[];
  stop(): Promise<void>;
}

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A throwaway PostgreSQL database on the local server, dropped by the returned function. */
async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bd_bench_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Starts a real HQ as a child process (the same entry `npm run hq` runs) with the demo
 * data, on a free port, serving `staticDir`, and resolves once it says it listens.
 */
export async function startHq(options: { store: StoreKind; staticDir: string }): Promise<HqProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'borderdesk-hq-'));
  const scratch = options.store === 'postgres' ? await createScratchDatabase() : null;
  // BENCH_HQ_CPU_PROFILE=DIR: HQ writes a V8 CPU profile of its whole run there on exit.
  const profiling = process.env.BENCH_HQ_CPU_PROFILE;
  const args = [...(profiling ? ['--cpu-prof', '--cpu-prof-dir', profiling] : []), '--import', 'tsx', 'server/main.ts', '--port', '0', '--seed-demo', '--static', options.staticDir];
  if (scratch) args.push('--database-url', scratch.url);
  else args.push('--data-dir', dataDir);
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const logged: { path: string; ms: number }[] = [];
  let pending = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('"event":"request"')) continue;
      try {
        const entry: unknown = JSON.parse(line);
        if (typeof entry === 'object' && entry !== null && 'path' in entry && 'ms' in entry) {
          const { path, ms } = entry;
          if (typeof path === 'string' && typeof ms === 'number') logged.push({ path, ms });
        }
      } catch {
        // Not a log line of ours.
      }
    }
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`HQ did not start within 120 s:\n${seen}`)), 120_000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /HQ listening on (http:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`HQ exited with code ${code} before listening:\n${seen}`));
    });
  });
  return {
    url,
    store: options.store,
    pid: child.pid,
    requestMs: (path) => logged.filter((entry) => entry.path === path).map((entry) => entry.ms),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
