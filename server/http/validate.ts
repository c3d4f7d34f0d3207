import type { z } from 'zod';
import { fail, ok, type Result } from '../../shared/index';

/**
 * A schema failure as a `validation` error naming the first failing field's path
 * (`mutations.3.record.lines.0.hsCode`), under `prefix` when the value sat inside a
 * larger one.
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): Result<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter((part) => part !== '').join('.');
  const message = issue?.message ?? 'invalid';
  return fail('validation', path === '' ? message : `${path}: ${message}`, path === '' ? undefined : path);
}
