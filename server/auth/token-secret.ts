import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db';

/**
 * The key that signs access tokens: HQ_TOKEN_SECRET when given (several HQ processes must
 * share it), else made once on first start and kept in the database, so tokens survive a
 * restart. It is never logged.
 */
export async function loadTokenSecret(db: Db, fromEnv: string | undefined): Promise<Buffer> {
  if (fromEnv !== undefined && fromEnv.length > 0) {
    if (fromEnv.length < 32) throw new Error('HQ_TOKEN_SECRET must be at least 32 characters');
    return Buffer.from(fromEnv, 'utf8');
  }
  await db.query("INSERT INTO hq_settings (key, value) VALUES ('token_secret', $1) ON CONFLICT (key) DO NOTHING", [
    randomBytes(32).toString('base64'),
  ]);
  const rows = await db.query<{ value: string }>("SELECT value FROM hq_settings WHERE key = 'token_secret'");
  const value = rows[0]?.value;
  if (value === undefined) throw new Error('token secret missing after insert');
  return Buffer.from(value, 'base64');
}
