import { isoDateSchema, ok, ROUTES } from '../../shared/index';
import type { AuthService } from '../auth/auth-service';
import { singleQuery } from '../http/query';
import { json, type Route } from '../http/router';
import { parseWith } from '../http/validate';
import { dayReport } from '../sync/day-report';
import { portAsked, type ScopeDeps } from './scope';

/**
 * GET /api/v1/reports/day?date=YYYY-MM-DD[&port=PORT]: what HQ holds for a port that day.
 * An officer or supervisor sees their own port; an HQ administrator may name another
 * existing port (administrators read across ports). Anyone else naming another port is
 * refused and logged.
 */
export function reportRoute(deps: ScopeDeps & { auth: AuthService }): Route {
  return {
    method: 'GET',
    path: ROUTES.reportsDay,
    async handler({ req, url }) {
      const claims = await deps.auth.authorize(req.headers.authorization);
      if (!claims.ok) return claims;
      const query = singleQuery(url);
      if (!query.ok) return query;
      const portId = await portAsked(deps, claims.data, query.data.port, {
        route: 'reports.day',
        message: `只能查看本口岸（${claims.data.port}）的报表 / Only your own port's report can be read`,
      });
      if (!portId.ok) return portId;
      const date = parseWith(isoDateSchema, query.data.date, 'date');
      if (!date.ok) return date;
      return ok(json(await dayReport(deps.db, portId.data, date.data)));
    },
  };
}
