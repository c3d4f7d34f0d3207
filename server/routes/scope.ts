import { fail, ok, portIdSchema, type Result } from '../../shared/index';
import type { AccessClaims } from '../auth/access-tokens';
import type { Db } from '../db/db';
import type { Logger } from '../log';
import { parseWith } from '../http/validate';
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

/**
 * The port a read names with `?port=`: the caller's own when absent or the same; another
 * port only for an HQ administrator (role as HQ holds it now), and only one that exists.
 * Anyone else naming another port is refused and logged.
 */
export async function portAsked(
  deps: ScopeDeps,
  claims: AccessClaims,
  asked: string | undefined,
  refusal: { route: string; message: string },
): Promise<Result<string>> {
  if (asked === undefined || asked === claims.port) return ok(claims.port);
  if (claims.role !== 'admin') {
    return refuseScope(
      deps,
      claims,
      { route: refusal.route, deviceId: null, detail: { askedPort: describePort(asked), role: claims.role } },
      refusal.message,
      'port',
    );
  }
  const portId = parseWith(portIdSchema, asked, 'port');
  if (!portId.ok) return portId;
  const [known] = await deps.db.query('SELECT 1 FROM ports WHERE port_id = $1', [portId.data]);
  return known === undefined ? fail('not_found', `口岸 ${portId.data} 不存在 / No such port`, 'port') : portId;
}
