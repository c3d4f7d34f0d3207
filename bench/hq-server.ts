import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { StoreOptions } from '../server/db/db';

/**
 * HQ for bench:hq as production runs it: a separate Node process (`server/main.ts`, the
 * entry `npm run hq` runs) over a throwaway store the bench made — a scratch database on
 * the local PostgreSQL, or a PGlite data folder in a temp directory. The bench fills the
 * store BEFORE HQ starts (PGlite's folder can be open in one process only) and counts it
 * AFTER HQ stopped, through the same store code HQ uses.
 */
export type BenchStore = 'pglite' | 'postgres';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROOT = resolve(import.meta.dirname, '..');

export interface ScratchStore {
  kind: BenchStore;
  options: StoreOptions;
  /** For the log: where the data lives, without credentials. */
  where: string;
  /** The flags HQ's command line takes for this store. */
  hqFlags: string[];
  /** A plain connection to the store's database (PostgreSQL only; null for PGlite). */
  url: string | null;
  remove(): Promise<void>;
}

export async function makeScratchStore(kind: BenchStore): Promise<ScratchStore> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'bd-bench-hq-'));
    return {
      kind,
      options: { kind: 'pglite', dataDir },
      where: dataDir,
      hqFlags: ['--data-dir', dataDir],
      url: null,
      async remove() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `bd_bench_hq_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    options: { kind: 'postgres', url: url.toString() },
    where: `${url.hostname}:${url.port || '5432'}/${name}`,
    hqFlags: ['--database-url', url.toString()],
    url: url.toString(),
    async remove() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface HqChild {
  url: string;
  pid: number;
  /** Milliseconds HQ logged per request to `path` (its 'request' log lines), and lines at level error. */
  requestMs(path: string): number[];
  errorLines(): string[];
  stop(): Promise<void>;
}

/** Starts HQ over `store` on a free port; resolves once it says it listens. `extraArgs` go to main.ts. */
export async function startHqChild(store: ScratchStore, extraArgs: readonly string[] = []): Promise<HqChild> {
  // BENCH_HQ_CPU_PROFILE=DIR: HQ writes a V8 CPU profile of its run there on exit.
  const profiling = process.env.BENCH_HQ_CPU_PROFILE;
  const args = [
    ...(profiling ? ['--cpu-prof', '--cpu-prof-dir', profiling] : []),
    '--import',
    'tsx',
    'server/main.ts',
    '--port',
    '0',
    ...store.hqFlags,
    ...extraArgs,
  ];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  if (child.pid === undefined) throw new Error('HQ did not start');
  const pid = child.pid;
  const requests: { path: string; ms: number }[] = [];
  const errors: string[] = [];
  let pending = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes('"level":"error"')) errors.push(line);
      if (!line.includes('"event":"request"')) continue;
      try {
        const entry: unknown = JSON.parse(line);
        if (typeof entry === 'object' && entry !== null && 'path' in entry && 'ms' in entry) {
          const { path, ms } = entry;
          if (typeof path === 'string' && typeof ms === 'number') requests.push({ path, ms });
        }
      } catch {
        // Not one of HQ's log lines.
      }
    }
  });
  const url = await new Promise<string>((done, failed) => {
    let seen = '';
    const timer = setTimeout(() => failed(new Error(`HQ did not start within 120 s:\n${seen}`)), 120_000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /HQ listening on (http:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      failed(new Error(`HQ exited with code ${code} before listening:\n${seen}`));
    });
  });
  return {
    url,
    pid,
    requestMs: (path) => requests.filter((entry) => entry.path === path).map((entry) => entry.ms),
    errorLines: () => [...errors],
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
