import { isoDateSchema, ok, portIdSchema, ROUTES } from '../../shared/index';
import type { AuthService } from '../auth/auth-service';
import { singleQuery } from '../http/query';
import { json, type Route } from '../http/router';
import { parseWith } from '../http/validate';
import { dayReport } from '../sync/day-report';
import { describePort, refuseScope, type ScopeDeps } from './scope';

/**
 * GET /api/v1/reports/day?date=YYYY-MM-DD[&port=PORT]: what HQ holds for a port that day.
 * An officer or supervisor sees their own port; an HQ administrator may name another
 * (administrators read across ports). Anyone else naming another port is refused.
 */
export function reportRoute(deps: ScopeDeps & { auth: AuthService }): Route {
  return {
    method: 'GET',
    path: ROUTES.reportsDay,
    async handler({ req, url }) {
      const claims = deps.auth.authenticate(req.headers.authorization);
      if (!claims.ok) return claims;
      const query = singleQuery(url);
      if (!query.ok) return query;
      const asked = query.data.port;
      if (asked !== undefined && asked !== claims.data.port && claims.data.role !== 'admin') {
        return refuseScope(
          deps,
          claims.data,
          { route: 'reports.day', deviceId: null, detail: { askedPort: describePort(asked), role: claims.data.role } },
          `只能查看本口岸（${claims.data.port}）的报表 / Only your own port's report can be read`,
          'port',
        );
      }
      const portId = parseWith(portIdSchema, asked ?? claims.data.port, 'port');
      if (!portId.ok) return portId;
      const date = parseWith(isoDateSchema, query.data.date, 'date');
      if (!date.ok) return date;
      return ok(json(await dayReport(deps.db, portId.data, date.data)));
    },
  };
}
