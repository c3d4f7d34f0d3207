import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DESK_APP_ORIGIN } from '../shared/index';
import { createAuthService } from './auth/auth-service';
import { loadTokenSecret } from './auth/token-secret';
import { type Db, openStore, type StoreOptions } from './db/db';
import { migrate } from './db/migrate';
import { createApiHandler } from './http/api-handler';
import { sendError, setSecurityHeaders } from './http/respond';
import { createRouter } from './http/router';
import { createStaticHandler } from './http/static-files';
import { consoleLogger, type Logger } from './log';
import { withAdminRoutes } from './routes/admin-routes';
import { apiRoutes } from './routes/api-routes';
import { seedDemoData } from './seed/seed';

export interface HqOptions {
  store: StoreOptions;
  /** Folder with the built renderer; null serves no files (API only). Default dist/renderer. */
  staticDir?: string | null;
  /** Load the demo ports, officers and residents when the store has no port yet. */
  seedDemo?: boolean;
  /** Access-token signing key; default HQ_TOKEN_SECRET, else one kept in the database. */
  tokenSecret?: string;
  /** Origins allowed besides the Electron desk and HQ's own. */
  corsOrigins?: readonly string[];
  logger?: Logger;
  /** HQ's clock (tests move it to expire tokens). */
  now?: () => Date;
}

export interface Hq {
  /** Not yet listening: call listen(), or hand `handler` to a server of your own. */
  server: Server;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  db: Db;
  /** Starts listening; resolves to the base URL, e.g. http://127.0.0.1:8787. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting requests, ends open connections, closes the store. */
  close(): Promise<void>;
}

function baseUrl(address: AddressInfo): string {
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}

/** Builds HQ over a store: migrates it, optionally seeds it, and wires the routes. */
export async function createHq(options: HqOptions): Promise<Hq> {
  const logger = options.logger ?? consoleLogger;
  const now = options.now ?? (() => new Date());
  const db = await openStore(options.store);
  try {
    await migrate(db);
    if (options.seedDemo === true) await seedDemoData(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  const secret = await loadTokenSecret(db, options.tokenSecret ?? process.env.HQ_TOKEN_SECRET);
  const auth = createAuthService(db, secret, now, logger);
  const match = withAdminRoutes(createRouter(apiRoutes(db.kind, { db, auth, logger, now })), { db, auth, logger, now });
  const api = createApiHandler(match, { corsOrigins: [DESK_APP_ORIGIN, ...(options.corsOrigins ?? [])], logger });
  const staticDir = options.staticDir === undefined ? 'dist/renderer' : options.staticDir;
  const files = staticDir === null ? null : createStaticHandler(staticDir);

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    setSecurityHeaders(res);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://hq.invalid');
    } catch {
      sendError(res, { code: 'bad_request', message: 'Bad URL' });
      return;
    }
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    const work = isApi ? api(req, res, url) : files === null ? Promise.resolve(sendError(res, { code: 'not_found', message: 'Not found' })) : files(req, res, url);
    work.catch((error: unknown) => {
      logger.log('error', 'request.crashed', { path: url.pathname, error: error instanceof Error ? error.stack : String(error) });
      if (!res.headersSent) sendError(res, { code: 'internal', message: 'HQ 内部错误，已记录 / Internal error at HQ (logged)' });
      else res.destroy();
    });
  };

  const server = createServer({ requestTimeout: 120_000, headersTimeout: 30_000 }, handler);
  // HTTP that Node's own parser refuses (a broken request line, a lying Content-Length)
  // never reaches the handler: answer it in the same JSON shape as every other refusal.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const body = JSON.stringify({ error: { code: 'bad_request', message: `请求格式错误 / Malformed HTTP request (${error.code ?? 'parse error'})` } });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  let isClosed = false;
  return {
    server,
    handler,
    db,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          if (address === null || typeof address === 'string') {
            reject(new Error('HQ must listen on a TCP port'));
            return;
          }
          resolve(baseUrl(address));
        });
      });
    },
    async close() {
      if (isClosed) return;
      isClosed = true;
      if (server.listening) {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
        await stopped;
      }
      await db.close();
    },
  };
}
