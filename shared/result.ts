/**
 * Errors cross every boundary (HTTP, IPC, sync results) as values, never as thrown
 * exceptions. A user's mistake has a code from this union; an unexpected throw becomes
 * `internal` at the edge and its stack stays on its own side.
 */
export const ERROR_CODES = [
  'bad_request', // malformed body, wrong JSON, wrong shape
  'validation', // well-formed but a field breaks a rule
  'unauthorized', // no or expired credentials
  'invalid_credentials',
  'forbidden', // outside the caller's port or role
  'access_revoked', // the officer is disabled or no longer posted to this port: the desk removes the port's data
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'protocol_version', // desk too old (or too new) for HQ
  'rate_limited',
  'resident_not_found',
  'resident_inactive',
  'goods_forbidden', // 负面清单
  'goods_not_listed', // not on the allowed list
  'weight_cap_exceeded', // 限量: above a goods item's daily weight cap
  'policy_missing',
  'offline',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Optional machine-readable detail, e.g. the failing field path. */
  field?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail<T = never>(code: ErrorCode, message: string, field?: string): Result<T> {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
