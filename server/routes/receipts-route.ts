import { ok, ROUTES } from '../../shared/index';
import type { AuthService } from '../auth/auth-service';
import { readJsonBody } from '../http/json-body';
import { json, type Route } from '../http/router';
import { handleReceipts } from '../sync/receipts';
import { refuseScope, type ScopeDeps } from './scope';

/**
 * POST /api/v1/receipts: receipts from the customs system for two-step entries
 * (server/sync/receipts.ts). Taken from an HQ administrator (role as HQ holds it now)
 * until the customs link has its own service account: the production plan is a
 * dedicated account, allowed this route only, with its own credentials (docs/sync-protocol.md).
 */
export function receiptsRoute(deps: ScopeDeps & { auth: AuthService }): Route {
  return {
    method: 'POST',
    path: ROUTES.receipts,
    async handler({ req }) {
      const claims = await deps.auth.authorize(req.headers.authorization);
      if (!claims.ok) return claims;
      if (claims.data.role !== 'admin') {
        return refuseScope(deps, claims.data, { route: 'receipts', deviceId: null, detail: { role: claims.data.role } }, '回执只能由 HQ 管理员（海关接口账号）提交 / Only HQ administrators (the customs link) post receipts');
      }
      const body = await readJsonBody(req);
      if (!body.ok) return body;
      const answer = await handleReceipts(deps.db, body.data, deps.now());
      return answer.ok ? ok(json(answer.data)) : answer;
    },
  };
}
