import { parseArgs } from 'node:util';
import { createHq } from './app';
import { describeStore } from './db/db';
import { consoleLogger } from './log';
import { storeOptionsFrom } from './main-options';

/**
 * `npm run hq -- [--port 8787] [--host 127.0.0.1] [--data-dir .data/hq | --database-url URL]
 *                [--static dist/renderer] [--seed-demo]`
 * Environment: HQ_PORT, HQ_DATA_DIR, DATABASE_URL, HQ_TOKEN_SECRET, HQ_CORS_ORIGINS.
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

function fatal(error: unknown): never {
  process.stderr.write(`HQ could not start (${describeStore(store)}): ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

// Extra origins allowed to call the API (e.g. a renderer dev server), comma-separated.
const corsOrigins = (process.env.HQ_CORS_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter((origin) => origin !== '');

const hq = await createHq({ store, staticDir, seedDemo: values['seed-demo'] === true, corsOrigins, logger: consoleLogger }).catch(
  fatal,
);
const url = await hq.listen(port, host).catch(async (error: unknown) => {
  await hq.close();
  return fatal(error);
});
process.stdout.write(`HQ listening on ${url} (${describeStore(store)}, static=${staticDir})\n`);

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
