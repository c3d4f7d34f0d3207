import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { createHq } from './app';
import { describeStore } from './db/db';
import { consoleLogger } from './log';
import { storeOptionsFrom, workerCountFrom } from './main-options';

/**
 * `npm run hq -- [--port 8787] [--host 127.0.0.1] [--data-dir .data/hq | --database-url URL]
 *                [--static dist/renderer] [--seed-demo] [--workers N]`
 * Environment: HQ_PORT, HQ_DATA_DIR, DATABASE_URL, HQ_TOKEN_SECRET, HQ_CORS_ORIGINS, HQ_WORKERS.
 * Prints one line "HQ listening on http://HOST:PORT (…)" when ready; scripts wait for it.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    static: { type: 'string' },
    'seed-demo': { type: 'boolean' },
    workers: { type: 'string' },
  },
  strict: true,
});

const port = Number(values.port ?? process.env.HQ_PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`--port: expected 0–65535, got ${values.port ?? process.env.HQ_PORT}\n`);
  process.exit(2);
}
const host = values.host ?? '127.0.0.1';
const store = storeOptionsFrom(values, process.env);
const staticDir = values.static ?? 'dist/renderer';
const workers = workerCountFrom(values.workers, process.env, store, availableParallelism());
if (typeof workers === 'string') {
  process.stderr.write(`${workers}\n`);
  process.exit(2);
}

function fatal(error: unknown): never {
  process.stderr.write(`HQ could not start (${describeStore(store)}): ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

// Extra origins allowed to call the API (e.g. a renderer dev server), comma-separated.
const corsOrigins = (process.env.HQ_CORS_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter((origin) => origin !== '');

/** One whole HQ in this process: store, routes, and the port (shared with the other workers, if any). */
async function serve(): Promise<void> {
  const hq = await createHq({ store, staticDir, seedDemo: values['seed-demo'] === true, corsOrigins, logger: consoleLogger }).catch(
    fatal,
  );
  const url = await hq.listen(port, host).catch(async (error: unknown) => {
    await hq.close();
    return fatal(error);
  });
  // A worker tells the primary, which prints the one line scripts wait for.
  if (cluster.isWorker) process.send?.({ hqListening: url });
  else process.stdout.write(`HQ listening on ${url} (${describeStore(store)}, static=${staticDir})\n`);

  let isStopping = false;
  async function stop(signal: string): Promise<void> {
    if (isStopping) return;
    isStopping = true;
    consoleLogger.log('info', 'hq.stopping', { signal });
    // PGlite must be closed cleanly, or its data folder may need recovery at next start.
    await hq.close();
    process.exit(0);
  }
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * --workers N: this process only supervises N workers, each a whole HQ (serve) on the
 * same port; the primary hands each new connection to the next worker. They stay correct
 * together because every shared decision is the database's: writers of a port serialise
 * on its counter row (sync/seq.ts), the resident and goods-list caches are checked
 * against seqs read under that lock, migrations and the demo seed take database locks,
 * and the token secret is kept in the database (or HQ_TOKEN_SECRET). What stays per
 * process: the sign-in throttle's counts (docs/security.md).
 */
function superviseWorkers(count: number): void {
  let listening = 0;
  let alive = count;
  let isStopping = false;
  const stopAll = () => {
    isStopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  cluster.on('message', (_worker, message: unknown) => {
    if (typeof message !== 'object' || message === null || !('hqListening' in message)) return;
    listening++;
    if (listening === count) {
      process.stdout.write(`HQ listening on ${String(message.hqListening)} (${describeStore(store)}, static=${staticDir}, workers=${count})\n`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (!isStopping) {
      // Serving on at part strength would hide the failure: stop, and let the service manager restart HQ.
      consoleLogger.log('error', 'hq.worker_exited', { pid: worker.process.pid, code, signal });
      process.exitCode = 1;
      stopAll();
    }
    alive--;
    if (alive === 0) process.exit();
  });
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);
  for (let i = 0; i < count; i++) cluster.fork();
}

if (workers > 1 && cluster.isPrimary) superviseWorkers(workers);
else await serve();
