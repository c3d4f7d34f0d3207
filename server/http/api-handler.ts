import type { IncomingMessage, ServerResponse } from 'node:http';
import { fail } from '../../shared/index';
import type { Logger } from '../log';
import { judgeOrigin, setCorsHeaders } from './cors';
import { sendBytes, sendEmpty, sendError, sendJson, sendJsonText } from './respond';
import type { createRouter } from './router';

/**
 * The API edge: CORS, routing, and turning each handler's Result into an answer. A
 * handler never throws for bad input; anything it does throw is a bug, answered with
 * 500 `internal` while the stack stays in HQ's log.
 */
export function createApiHandler(
  match: ReturnType<typeof createRouter>,
  options: { corsOrigins: readonly string[]; logger: Logger },
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const { logger } = options;
  return async (req, res, url) => {
    const method = req.method ?? 'GET';
    const origin = judgeOrigin(req, options.corsOrigins);
    if (origin.kind === 'refused') {
      // Not a scope refusal (no officer is known yet), so no refused_requests row: the log has it.
      logger.log('warn', 'cors.refused', { method, path: url.pathname.slice(0, 100), origin: String(req.headers.origin).slice(0, 100) });
      sendError(res, { code: 'forbidden', message: '不允许的来源 / Origin not allowed' });
      return;
    }
    if (origin.kind === 'allowed') setCorsHeaders(res, origin.origin, method === 'OPTIONS');
    if (method === 'OPTIONS') {
      sendEmpty(res, 204);
      return;
    }
    const found = match(method, url.pathname);
    if (found.kind === 'none') {
      sendError(res, { code: 'not_found', message: `没有此接口 / No such route: ${url.pathname.slice(0, 100)}` });
      return;
    }
    if (found.kind === 'wrong_method') {
      res.setHeader('Allow', found.allowed.join(', '));
      sendJson(res, 405, { error: { code: 'bad_request', message: `请使用 ${found.allowed.join('/')} / Use ${found.allowed.join(' or ')}` } });
      return;
    }
    const started = performance.now();
    let result: Awaited<ReturnType<typeof found.handler>>;
    try {
      result = await found.handler({ req, url, setHeader: (name, value) => void res.setHeader(name, value) });
    } catch (error) {
      logger.log('error', 'request.failed', {
        method,
        path: url.pathname,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      result = fail('internal', 'HQ 内部错误，已记录 / Internal error at HQ (logged)');
    }
    if (res.headersSent) return;
    if (!result.ok) sendError(res, result.error);
    else if (result.data.kind === 'json') sendJson(res, result.data.status, result.data.body);
    else if (result.data.kind === 'json-text') sendJsonText(res, result.data.status, result.data.text);
    else if (result.data.kind === 'bytes') await sendBytes(res, result.data);
    else sendEmpty(res, result.data.status);
    logger.log('info', 'request', { method, path: url.pathname, status: res.statusCode, ms: Math.round(performance.now() - started) });
  };
}
