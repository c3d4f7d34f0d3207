import { fail, portIdSchema, type Result } from '../../shared/index';
import type { AccessClaims } from '../auth/access-tokens';
import type { Db } from '../db/db';
import type { Logger } from '../log';
import { recordRefusal } from '../sync/refusals';

/**
 * Scope refusals of the HTTP routes (DESIGN.md promise 6): a request reaching outside
 * the officer's port or role is refused 403, written to the refusals table under the
 * officer's own port and to the log, and changes nothing else.
 */
export interface ScopeDeps {
  db: Db;
  logger: Logger;
  now: () => Date;
}

/** A port name as sent, fit to be stored: a valid port id, else '?' (it may hold anything). */
export function describePort(value: unknown): string {
  const parsed = portIdSchema.safeParse(value);
  return parsed.success ? parsed.data : '?';
}

export async function refuseScope<T>(
  deps: ScopeDeps,
  claims: AccessClaims,
  request: { route: string; deviceId: string | null; detail: Record<string, unknown> },
  message: string,
  field?: string,
): Promise<Result<T>> {
  await recordRefusal(
    deps.db,
    deps.logger,
    { portId: claims.port, officerId: claims.sub, deviceId: request.deviceId, route: request.route, code: 'forbidden', detail: request.detail },
    deps.now(),
  );
  return fail('forbidden', message, field);
}
