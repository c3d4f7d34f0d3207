import type { z } from 'zod';
import { type AppError, type ErrorCode, errorBodySchema, fail, ok, type Result } from '../../../shared/index';
import { asciiJson } from './ascii-json';

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 426) return 'protocol_version';
  if (status === 429) return 'rate_limited';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'internal';
}

/** The HTTP status travels with the error so callers can tell "HQ said no" from "no HQ". */
export type HttpError = AppError & { status: number };
export type HttpResult<T> = { ok: true; data: T } | { ok: false; error: HttpError };

/**
 * One JSON call to HQ. Never throws: a network failure is `offline` (status 0), a
 * non-2xx answer keeps HQ's own code and message, an unreadable answer is `internal`.
 */
export async function callJson<S extends z.ZodType>(
  fetchFn: FetchFn,
  url: string,
  init: RequestInit,
  schema: S,
): Promise<HttpResult<z.output<S>>> {
  let response: Response;
  try {
    response = await fetchFn(url, init);
  } catch {
    return { ok: false, error: { code: 'offline', message: 'HQ 无法连接 / HQ unreachable', status: 0 } };
  }
  let body: unknown = null;
  if (response.status !== 204) {
    let text: string;
    try {
      text = await response.text();
    } catch {
      // The connection dropped while the answer was on its way: HQ is unreachable, it did
      // not answer nonsense (and nothing of the answer was used).
      return { ok: false, error: { code: 'offline', message: 'HQ 连接中断 / Connection to HQ lost', status: 0 } };
    }
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(body);
    const error: AppError = parsed.success
      ? parsed.data.error
      : { code: codeForStatus(response.status), message: `HQ 返回 ${response.status} / HQ answered ${response.status}` };
    return { ok: false, error: { ...error, status: response.status } };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.')}: ${issue.message}`;
    return { ok: false, error: { code: 'internal', message: `HQ 的回答无法识别 / Unreadable answer from HQ${where}`, status: response.status } };
  }
  return { ok: true, data: parsed.data };
}

export function toResult<T>(result: HttpResult<T>): Result<T> {
  if (result.ok) return ok(result.data);
  const { code, message, field } = result.error;
  return fail(code, message, field);
}

/** A JSON request; `body` is a value to serialise, or JSON text already serialised (`{ json }`). */
export function jsonInit(method: 'GET' | 'POST', body: unknown, headers: Record<string, string> = {}): RequestInit {
  const init: RequestInit = { method, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    init.body = body instanceof SerializedJson ? body.body : asciiJson(body);
  }
  return init;
}

/**
 * A JSON body serialised once (e.g. a push sent again after a token refresh), as text or
 * as a Blob made ahead of time: Chromium's fetch hands a 2 MB string to its network
 * service in ~20 ms on the calling thread, a ready Blob in ~1.
 */
export class SerializedJson {
  constructor(readonly body: string | Blob) {}
}
