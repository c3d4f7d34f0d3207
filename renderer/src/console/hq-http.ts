import type { z } from 'zod';
import { errorBodySchema, fail, ok, type Result } from '../../../shared/index';

/**
 * HTTP to HQ, same origin (HQ serves the console). Every answer becomes a Result: HQ's
 * error body as it came (its message is already "中文 / English"), a network failure
 * as `offline`, an answer of the wrong shape as `internal`.
 */
const OFFLINE = '无法连接 HQ / Cannot reach HQ';
const UNEXPECTED = 'HQ 的回答无法识别 / Unexpected answer from HQ';

async function send(path: string, init: RequestInit): Promise<Result<unknown>> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, credentials: 'omit', cache: 'no-store' });
  } catch {
    return fail('offline', OFFLINE);
  }
  const text = await res.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    return fail('internal', UNEXPECTED);
  }
  if (res.ok) return ok(body);
  const error = errorBodySchema.safeParse(body);
  return error.success ? { ok: false, error: error.data.error } : fail('internal', `${UNEXPECTED} (HTTP ${res.status})`);
}

export function postJson(path: string, body: unknown, token?: string): Promise<Result<unknown>> {
  return send(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  body?: unknown;
}

/** One request with a bearer token, its answer parsed by `schema`. */
export async function callWithToken<S extends z.ZodType>(token: string, path: string, schema: S, options: CallOptions = {}): Promise<Result<z.output<S>>> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const answer = await send(path, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  if (!answer.ok) return answer;
  const parsed = schema.safeParse(answer.data);
  return parsed.success ? ok(parsed.data) : fail('internal', UNEXPECTED);
}
