import {
  fail,
  isStorableText,
  type LoginRequest,
  type Officer,
  officerSchema,
  ok,
  type RefreshRequest,
  type Result,
  roleSchema,
  type Session,
} from '../../shared/index';
import type { Db, Queryable } from '../db/db';
import type { Logger } from '../log';
import { type AccessClaims, issueAccessToken, verifyAccessToken } from './access-tokens';
import { prepareDecoy, verifyAgainstDecoy, verifyPassword } from './passwords';
import {
  findRefreshTokenForUpdate,
  issueRefreshToken,
  markRefreshTokenUsed,
  portOfRefreshToken,
  revokeFamily,
} from './refresh-tokens';
import { type NewLock, SignInThrottle, type ThrottlePolicy } from './sign-in-throttle';

/** One message for an unknown user and a wrong password: the answer must not say which. */
const BAD_CREDENTIALS = '用户名或密码错误 / Wrong user name or password';
const SIGN_IN_AGAIN = '会话已失效，请重新登录 / Session ended: sign in again';
/** The desk deletes the port's local data on this answer (docs/sync-protocol.md). */
const ACCESS_REVOKED = '您对本口岸的访问权限已被撤销（账户停用或已调离），本机将删除该口岸的数据 / Your access to this port was revoked (account disabled or posted elsewhere): this desk removes the port\'s data';

function tooManyFailures(seconds: number): string {
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} 分钟 / ${Math.ceil(seconds / 60)} min` : `${seconds} 秒 / ${seconds} s`;
  const [zh, en] = wait.split(' / ');
  return `登录失败次数过多，请 ${zh} 后再试 / Too many failed sign-ins: try again in ${en}`;
}

export interface LoginOutcome {
  result: Result<Session>;
  /** With `rate_limited`: when the client may try again (the Retry-After header). */
  retryAfterSeconds: number | null;
}

export interface AuthService {
  /** `clientAddress` is the throttle key of the caller's address (http/client-address.ts). */
  login(request: LoginRequest, clientAddress: string): Promise<LoginOutcome>;
  refresh(request: RefreshRequest): Promise<Result<Session>>;
  logout(refreshToken: string): Promise<void>;
  /** Claims of a valid `Bearer` access token, or `unauthorized`. */
  authenticate(authorization: string | undefined): Result<AccessClaims>;
  /**
   * `authenticate`, then the officer's row as HQ holds it NOW (one primary-key lookup): a
   * missing, disabled or moved officer is `access_revoked`; the claims come back with
   * the officer's current role. Every sync and report request goes through this.
   */
  authorize(authorization: string | undefined): Promise<Result<AccessClaims>>;
}

/**
 * Why an officer no longer has the access a token (or refresh token) of `portId` grants,
 * or null when they still do. An officer posted elsewhere no longer has a row under the
 * old port, or has one whose record names another port.
 */
function lostAccess(row: { disabled: boolean; posted: string | null } | undefined, portId: string): string | null {
  if (row === undefined) return 'no officer row in this port';
  if (row.disabled) return 'disabled';
  if (row.posted !== portId) return 'posted to another port';
  return null;
}

interface OfficerRow {
  password_hash: string;
  disabled: boolean;
  data: unknown;
}

async function findOfficer(q: Queryable, portId: string, officerId: string): Promise<{ officer: Officer; row: OfficerRow } | null> {
  const rows = await q.query<OfficerRow>(
    'SELECT password_hash, disabled, data FROM officers WHERE port_id = $1 AND officer_id = $2',
    [portId, officerId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return { officer: officerSchema.parse(row.data), row };
}

export function createAuthService(
  db: Db,
  secret: Buffer,
  now: () => Date,
  logger: Logger,
  throttlePolicy: Partial<ThrottlePolicy> = {},
): AuthService {
  const throttle = new SignInThrottle(throttlePolicy);
  void prepareDecoy();

  /** The officer when the password is right and the account enabled; else null (after the same work). */
  async function checkCredentials(request: LoginRequest): Promise<{ officer: Officer | null; knownId: string | null }> {
    // A name no database can hold names nobody: treat it as any unknown name.
    const logins = isStorableText(request.username)
      ? await db.query<{ port_id: string; officer_id: string }>('SELECT port_id, officer_id FROM officer_logins WHERE username = $1', [
          request.username,
        ])
      : [];
    const login = logins[0];
    const found = login === undefined ? null : await findOfficer(db, login.port_id, login.officer_id);
    if (found === null) {
      await verifyAgainstDecoy(request.password);
      return { officer: null, knownId: null };
    }
    const isValid = await verifyPassword(request.password, found.row.password_hash);
    if (!isValid || found.row.disabled) {
      logger.log('warn', 'login.refused', { officerId: found.officer.id, deviceId: request.deviceId });
      return { officer: null, knownId: found.officer.id };
    }
    return { officer: found.officer, knownId: found.officer.id };
  }

  function logLocks(locks: readonly NewLock[], knownId: string | null, clientAddress: string): void {
    for (const lock of locks) {
      logger.log('warn', 'login.locked', {
        by: lock.by,
        ...(lock.by === 'user' ? { officerId: knownId ?? 'unknown user name' } : { address: clientAddress }),
        lockSeconds: Math.round(lock.lockMs / 1000),
        lockouts: lock.lockouts,
      });
    }
  }

  async function startSession(tx: Queryable, officer: Officer, deviceId: string, familyId?: string): Promise<Session> {
    const at = now();
    const access = issueAccessToken(secret, { officerId: officer.id, portId: officer.portId, role: officer.role }, at);
    const refreshToken = await issueRefreshToken(
      tx,
      { portId: officer.portId, officerId: officer.id, deviceId, ...(familyId === undefined ? {} : { familyId }) },
      at,
    );
    const ports = await tx.query<{ name: string; name_en: string }>('SELECT name, name_en FROM ports WHERE port_id = $1', [officer.portId]);
    const port = ports[0];
    return {
      accessToken: access.token,
      accessExpiresAt: access.expiresAt.toISOString(),
      refreshToken,
      officer,
      ...(port === undefined ? {} : { port: { name: port.name, nameEn: port.name_en } }),
    };
  }

  function authenticate(authorization: string | undefined): Result<AccessClaims> {
    const match = /^Bearer ([A-Za-z0-9_.-]{10,2048})$/.exec(authorization ?? '');
    const claims = match?.[1] === undefined ? null : verifyAccessToken(secret, match[1], now());
    return claims === null ? fail('unauthorized', '需要有效的登录凭证 / A valid access token is required') : ok(claims);
  }

  return {
    async login(request, clientAddress) {
      const verdict = throttle.begin(request.username, clientAddress, now().getTime());
      if (verdict.kind === 'locked') {
        const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
        logger.log('warn', 'login.throttled', { by: verdict.by, address: clientAddress, retryAfterSeconds: seconds });
        return { result: fail('rate_limited', tooManyFailures(seconds)), retryAfterSeconds: seconds };
      }
      let checked: Awaited<ReturnType<typeof checkCredentials>>;
      try {
        checked = await checkCredentials(request);
      } catch (error) {
        throttle.abandon(verdict.attempt);
        throw error;
      }
      const { officer, knownId } = checked;
      logLocks(throttle.finish(verdict.attempt, officer !== null, now().getTime()), knownId, clientAddress);
      if (officer === null) return { result: fail('invalid_credentials', BAD_CREDENTIALS), retryAfterSeconds: null };
      const session = await db.transaction((tx) => startSession(tx, officer, request.deviceId));
      logger.log('info', 'login', { officerId: officer.id, portId: officer.portId, deviceId: request.deviceId });
      return { result: ok(session), retryAfterSeconds: null };
    },

    refresh(request) {
      const portId = portOfRefreshToken(request.refreshToken);
      if (portId === null) return Promise.resolve(fail('unauthorized', SIGN_IN_AGAIN));
      // The transaction commits in every branch: a revoked family must stay revoked even
      // though the answer is an error.
      return db.transaction(async (tx): Promise<Result<Session>> => {
        const stored = await findRefreshTokenForUpdate(tx, portId, request.refreshToken);
        if (stored === null || stored.revoked_at !== null) return fail('unauthorized', SIGN_IN_AGAIN);
        const at = now();
        if (stored.used_at !== null || stored.device_id !== request.deviceId) {
          // Someone holds a copy of a token that was already rotated (or moved to another
          // device): end every session of this family, the rightful desk's included.
          await revokeFamily(tx, portId, stored.family_id, at);
          logger.log('warn', 'refresh.reuse_detected', { officerId: stored.officer_id, familyId: stored.family_id, deviceId: request.deviceId });
          return fail('unauthorized', SIGN_IN_AGAIN);
        }
        if (stored.expires_at.getTime() <= at.getTime()) return fail('unauthorized', SIGN_IN_AGAIN);
        const found = await findOfficer(tx, portId, stored.officer_id);
        const lost = lostAccess(found === null ? undefined : { disabled: found.row.disabled, posted: found.officer.portId }, portId);
        if (found === null || lost !== null) {
          await revokeFamily(tx, portId, stored.family_id, at);
          logger.log('warn', 'access.revoked', { officerId: stored.officer_id, portId, reason: lost, route: 'auth.refresh' });
          return fail('access_revoked', ACCESS_REVOKED);
        }
        await markRefreshTokenUsed(tx, portId, request.refreshToken, at);
        return ok(await startSession(tx, found.officer, request.deviceId, stored.family_id));
      });
    },

    async logout(refreshToken) {
      const portId = portOfRefreshToken(refreshToken);
      if (portId === null) return;
      await db.transaction(async (tx) => {
        const stored = await findRefreshTokenForUpdate(tx, portId, refreshToken);
        if (stored !== null) await revokeFamily(tx, portId, stored.family_id, now());
      });
    },

    authenticate,

    async authorize(authorization) {
      const claims = authenticate(authorization);
      if (!claims.ok) return claims;
      const { port, sub } = claims.data;
      const [row] = await db.query<{ role: string; disabled: boolean; posted: string | null }>(
        "SELECT role, disabled, data->>'portId' AS posted FROM officers WHERE port_id = $1 AND officer_id = $2",
        [port, sub],
      );
      const role = roleSchema.safeParse(row?.role);
      const lost = lostAccess(row, port) ?? (role.success ? null : 'no valid role');
      if (lost !== null || !role.success) {
        logger.log('warn', 'access.revoked', { officerId: sub, portId: port, reason: lost });
        return fail('access_revoked', ACCESS_REVOKED);
      }
      return ok(role.data === claims.data.role ? claims.data : { ...claims.data, role: role.data });
    },
  };
}
