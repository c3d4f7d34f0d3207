import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { portIdSchema, roleSchema } from '../../shared/index';

/**
 * Access tokens: `base64url(claims).base64url(HMAC-SHA256(secret, claims))`. Short-lived
 * (15 minutes) and checked without touching the database.
 */
export const ACCESS_TOKEN_TTL_MS = 15 * 60 * 1000;

const claimsSchema = z.object({
  v: z.literal(1),
  sub: z.uuid(),
  port: portIdSchema,
  role: roleSchema,
  /** Expiry, milliseconds since the epoch. */
  exp: z.int(),
});
export type AccessClaims = z.infer<typeof claimsSchema>;

function sign(secret: Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function issueAccessToken(
  secret: Buffer,
  subject: { officerId: string; portId: string; role: AccessClaims['role'] },
  now: Date,
): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_TTL_MS);
  const claims: AccessClaims = { v: 1, sub: subject.officerId, port: subject.portId, role: subject.role, exp: expiresAt.getTime() };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { token: `${payload}.${sign(secret, payload).toString('base64url')}`, expiresAt };
}

/** The token's claims, or null when it is malformed, forged or expired. */
export function verifyAccessToken(secret: Buffer, token: string, now: Date): AccessClaims | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 2048) return null;
  const payload = token.slice(0, dot);
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = sign(secret, payload);
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const claims = claimsSchema.safeParse(decoded);
  if (!claims.success || claims.data.exp <= now.getTime()) return null;
  return claims.data;
}
