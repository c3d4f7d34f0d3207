import type { IncomingMessage } from 'node:http';
import type { Result } from '../../shared/index';

/** What a handler answers with when it succeeds. Failures are `Result` errors. */
export type Reply =
  | { kind: 'json'; status: number; body: unknown }
  /** A body already serialised (e.g. jsonb text straight from the database). */
  | { kind: 'json-text'; status: number; text: string }
  | { kind: 'empty'; status: 204 }
  /** Raw bytes (an attachment), streamed piece by piece so a large one is never whole in memory. */
  | { kind: 'bytes'; status: 200; contentType: string; length: number; pieces: () => AsyncIterable<Uint8Array> };

export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  /** Adds a header to the answer, whether it succeeds or fails (e.g. Retry-After). */
  setHeader(name: string, value: string): void;
}

export type Handler = (context: RequestContext) => Promise<Result<Reply>>;

export type Method = 'GET' | 'POST' | 'PATCH';

export interface Route {
  method: Method;
  path: string;
  handler: Handler;
}

export const json = (body: unknown, status = 200): Reply => ({ kind: 'json', status, body });

export type Match = { kind: 'found'; handler: Handler } | { kind: 'wrong_method'; allowed: Method[] } | { kind: 'none' };

/** Exact-path routing: the API has a handful of fixed paths and no parameters in them. */
export function createRouter(routes: readonly Route[]): (method: string, path: string) => Match {
  const byPath = new Map<string, Map<string, Handler>>();
  for (const route of routes) {
    const methods = byPath.get(route.path) ?? new Map<string, Handler>();
    methods.set(route.method, route.handler);
    byPath.set(route.path, methods);
  }
  return (method, path) => {
    const methods = byPath.get(path);
    if (methods === undefined) return { kind: 'none' };
    const handler = methods.get(method === 'HEAD' ? 'GET' : method);
    if (handler !== undefined) return { kind: 'found', handler };
    return { kind: 'wrong_method', allowed: [...methods.keys()].filter((m): m is Method => m === 'GET' || m === 'POST' || m === 'PATCH') };
  }
}
