import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { portIdSchema } from '../../shared/index';
import type { Queryable } from '../db/db';

/**
 * Refresh tokens: `PORT.<32 random bytes, base64url>`. The port prefix lets HQ find the
 * token's row by its full key (port_id, token_hash) — one shard under Citus. Only the
 * SHA-256 of the whole token is stored; the token itself exists only on the desk.
 */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function portOfRefreshToken(token: string): string | null {
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const port = portIdSchema.safeParse(token.slice(0, dot));
  return port.success ? port.data : null;
}

export interface StoredRefreshToken {
  family_id: string;
  officer_id: string;
  device_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export async function issueRefreshToken(
  tx: Queryable,
  grant: { portId: string; officerId: string; deviceId: string; familyId?: string },
  now: Date,
): Promise<string> {
  const token = `${grant.portId}.${randomBytes(32).toString('base64url')}`;
  await tx.query(
    `INSERT INTO refresh_tokens (port_id, token_hash, family_id, officer_id, device_id, issued_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      grant.portId,
      hashRefreshToken(token),
      grant.familyId ?? randomUUID(),
      grant.officerId,
      grant.deviceId,
      now,
      new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
    ],
  );
  return token;
}

/** The token's row, locked until the transaction ends so two refreshes cannot both use it. */
export async function findRefreshTokenForUpdate(tx: Queryable, portId: string, token: string): Promise<StoredRefreshToken | null> {
  const rows = await tx.query<StoredRefreshToken>(
    `SELECT family_id, officer_id, device_id, expires_at, used_at, revoked_at
     FROM refresh_tokens WHERE port_id = $1 AND token_hash = $2 FOR UPDATE`,
    [portId, hashRefreshToken(token)],
  );
  return rows[0] ?? null;
}

export async function markRefreshTokenUsed(tx: Queryable, portId: string, token: string, now: Date): Promise<void> {
  await tx.query('UPDATE refresh_tokens SET used_at = $3 WHERE port_id = $1 AND token_hash = $2', [
    portId,
    hashRefreshToken(token),
    now,
  ]);
}

export async function revokeFamily(tx: Queryable, portId: string, familyId: string, now: Date): Promise<void> {
  await tx.query(
    'UPDATE refresh_tokens SET revoked_at = $3 WHERE port_id = $1 AND family_id = $2 AND revoked_at IS NULL',
    [portId, familyId, now],
  );
}
