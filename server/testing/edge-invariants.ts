import { errorBodySchema } from '../../shared/index';
import { STATUS_OF } from '../http/status';
import type { RawResponse } from './raw-http';

/**
 * What every answer of HQ's HTTP edge must be, whatever was sent (DESIGN.md promise 9):
 * never a 5xx; every non-2xx a JSON `{ error: { code, message } }` whose code is one of
 * shared/result.ts ERROR_CODES and travels with its own status; no stack trace. Returns
 * the broken rules (none: an empty list), so a test can print them all.
 */
export function edgeProblems(res: RawResponse, method = 'GET'): string[] {
  const problems: string[] = [];
  if (res.status >= 500 || res.status < 200) problems.push(`status ${res.status}`);
  if (res.text.includes('    at ') || /Error: .*\n/.test(res.text)) problems.push('a stack trace in the answer');
  // An answer to HEAD has no body by definition; its status is all there is to check.
  if (res.status < 300 || method === 'HEAD') return problems;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) problems.push(`content-type "${type}" for ${res.status}`);
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    problems.push(`not JSON: ${res.text.slice(0, 80)}`);
    return problems;
  }
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) {
    problems.push(`not an error body: ${res.text.slice(0, 120)}`);
    return problems;
  }
  const { code, message } = parsed.data.error;
  if (message.trim() === '') problems.push('empty message');
  // 405 is the one status that shares a code (bad_request) with another (400).
  const isWrongMethod = res.status === 405 && code === 'bad_request';
  if (STATUS_OF[code] !== res.status && !isWrongMethod) problems.push(`code ${code} with status ${res.status}`);
  return problems;
}
