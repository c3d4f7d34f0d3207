import { randomUUID } from 'node:crypto';
import {
  type AdminOfficer,
  fail,
  type NewOfficerRequest,
  type Officer,
  ok,
  type Result,
  type UpdateOfficerRequest,
} from '../../shared/index';
import type { AccessClaims } from '../auth/access-tokens';
import { hashPassword } from '../auth/passwords';
import type { Db, Queryable } from '../db/db';
import { upsertOfficers } from '../reference/reference-store';
import { lockPortCounter, takeSeqs } from '../sync/seq';
import { unknownPort, type Written } from './reference-write';

/**
 * The administrator's writes of officers. The officer record desks pull (`data`) holds
 * the public fields only; the password hash and `disabled` live in their own columns.
 * Each write locks the port's counter and gives the row a new seq, so desks pull the
 * change; the sync service reads `disabled` to refuse a disabled officer's desks (which
 * then remove the port's data).
 */
const NAME_TAKEN = '用户名已被使用 / This user name is already taken';

export async function addOfficer(db: Db, portId: string, request: NewOfficerRequest): Promise<Result<Written<AdminOfficer>>> {
  // scrypt takes a tenth of a second: hash before taking the port's lock, not under it.
  const passwordHash = await hashPassword(request.password);
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    // A user name names one officer across HQ (sign-in arrives with no port). Claim it
    // first: a name already held makes a clear 409 here, not an error of the store.
    const officer: Officer = { id: randomUUID(), portId, username: request.username, name: request.name, role: request.role };
    const claimed = await tx.query(
      'INSERT INTO officer_logins (username, port_id, officer_id) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING RETURNING username',
      [officer.username, portId, officer.id],
    );
    if (claimed.length === 0) return fail('conflict', NAME_TAKEN, 'username');
    await upsertOfficers(tx, portId, [{ officer, passwordHash }]);
    return ok({ seq: await officerSeq(tx, portId, officer.id), record: { ...officer, disabled: false } });
  });
}

async function officerSeq(tx: Queryable, portId: string, officerId: string): Promise<number> {
  const [row] = await tx.query<{ seq: number }>('SELECT seq FROM officers WHERE port_id = $1 AND officer_id = $2', [portId, officerId]);
  if (row === undefined) throw new Error('officers: the row just written is missing');
  return row.seq;
}

export interface OfficerUpdate {
  written: Written<AdminOfficer>;
  /** Refresh tokens ended by this change (disabled, or a new password). */
  revokedTokens: number;
}

/**
 * Changes an officer's name, role, disabled state or password. Disabling an officer, or
 * setting a new password, also ends every session they hold: their refresh tokens are
 * revoked, so no desk can get a new access token for them (the one it holds lasts at
 * most 15 minutes). An administrator cannot disable or demote themselves: HQ would be
 * left with nobody to undo it.
 */
export async function updateOfficer(
  db: Db,
  portId: string,
  officerId: string,
  request: UpdateOfficerRequest,
  actor: AccessClaims,
  now: Date,
): Promise<Result<OfficerUpdate>> {
  if (officerId === actor.sub && (request.disabled === true || (request.role !== undefined && request.role !== 'admin'))) {
    return fail('conflict', '不能停用自己或降低自己的角色 / You cannot disable or demote your own account', request.disabled === true ? 'disabled' : 'role');
  }
  const passwordHash = request.password === undefined ? null : await hashPassword(request.password);
  return db.transaction(async (tx): Promise<Result<OfficerUpdate>> => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const [row] = await tx.query<{ data: Officer; disabled: boolean }>(
      'SELECT data, disabled FROM officers WHERE port_id = $1 AND officer_id = $2',
      [portId, officerId],
    );
    if (row === undefined) return fail('not_found', `口岸 ${portId} 没有此人员 / No such officer at ${portId}`, 'officer');
    const officer: Officer = { ...row.data, name: request.name ?? row.data.name, role: request.role ?? row.data.role };
    const disabled = request.disabled ?? row.disabled;
    const seq = await takeSeqs(tx, portId, 1);
    await tx.query(
      `UPDATE officers SET role = $3, disabled = $4, password_hash = coalesce($5, password_hash), seq = $6, data = $7::jsonb, updated_at = now()
       WHERE port_id = $1 AND officer_id = $2`,
      [portId, officerId, officer.role, disabled, passwordHash, seq, JSON.stringify(officer)],
    );
    let revokedTokens = 0;
    if (request.disabled === true || passwordHash !== null) {
      const revoked = await tx.query(
        'UPDATE refresh_tokens SET revoked_at = $3 WHERE port_id = $1 AND officer_id = $2 AND revoked_at IS NULL RETURNING token_hash',
        [portId, officerId, now],
      );
      revokedTokens = revoked.length;
    }
    return ok({ written: { seq, record: { ...officer, disabled } }, revokedTokens });
  });
}
