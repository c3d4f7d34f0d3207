import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import type { Logger } from '../log';

/**
 * Scope refusals (a request reaching outside the officer's port or role) are kept in
 * refused_requests under the officer's own port, and written to the log. What was asked
 * for is described, never the request's tokens.
 */
export interface Refusal {
  portId: string;
  officerId: string | null;
  deviceId: string | null;
  route: string;
  code: string;
  detail: Record<string, unknown>;
}

export async function recordRefusal(db: Db, logger: Logger, refusal: Refusal, at: Date): Promise<void> {
  logger.log('warn', 'scope.refused', { ...refusal });
  await db.query(
    `INSERT INTO refused_requests (port_id, refusal_id, at, officer_id, device_id, route, code, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [refusal.portId, randomUUID(), at, refusal.officerId, refusal.deviceId, refusal.route, refusal.code, JSON.stringify(refusal.detail)],
  );
}
