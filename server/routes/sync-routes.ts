import { fail, isoDateSchema, ok, portIdSchema, pullQuerySchema, ROUTES } from '../../shared/index';
import type { AuthService } from '../auth/auth-service';
import type { Db } from '../db/db';
import { readJsonBody } from '../http/json-body';
import { json, type Route } from '../http/router';
import { parseWith } from '../http/validate';
import type { Logger } from '../log';
import { dayReport } from '../sync/day-report';
import { pullPage } from '../sync/pull';
import { handlePush } from '../sync/push';
import { GoodsListCache } from '../sync/reference-snapshot';
import { recordRefusal } from '../sync/refusals';
import { checkProtocol } from './guards';

export interface SyncDeps {
  db: Db;
  auth: AuthService;
  logger: Logger;
  now: () => Date;
}

export function syncRoutes({ db, auth, logger, now }: SyncDeps): Route[] {
  const push = { db, logger, goodsLists: new GoodsListCache() };
  return [
    {
      method: 'POST',
      path: ROUTES.push,
      async handler({ req }) {
        const protocol = checkProtocol(req);
        if (!protocol.ok) return protocol;
        const claims = auth.authenticate(req.headers.authorization);
        if (!claims.ok) return claims;
        const body = await readJsonBody(req);
        if (!body.ok) return body;
        const response = await handlePush(push, claims.data, body.data, now());
        return response.ok ? ok(json(response.data)) : response;
      },
    },
    {
      method: 'GET',
      path: ROUTES.pull,
      async handler({ req, url }) {
        const protocol = checkProtocol(req);
        if (!protocol.ok) return protocol;
        const claims = auth.authenticate(req.headers.authorization);
        if (!claims.ok) return claims;
        const params = Object.fromEntries(url.searchParams);
        const askedPort = params.port;
        if (askedPort !== undefined && askedPort !== claims.data.port) {
          await recordRefusal(
            db,
            logger,
            {
              portId: claims.data.port,
              officerId: claims.data.sub,
              deviceId: null,
              route: 'sync.pull',
              code: 'forbidden',
              detail: { askedPort: portIdSchema.safeParse(askedPort).success ? askedPort : '?' },
            },
            now(),
          );
          return fail('forbidden', `只能同步本口岸（${claims.data.port}）的数据 / Only your own port can be pulled`, 'port');
        }
        const query = parseWith(pullQuerySchema, params);
        if (!query.ok) return query;
        return ok({ kind: 'json-text', status: 200, text: await pullPage(db, claims.data.port, query.data, now()) });
      },
    },
    {
      method: 'GET',
      path: ROUTES.reportsDay,
      async handler({ req, url }) {
        const claims = auth.authenticate(req.headers.authorization);
        if (!claims.ok) return claims;
        const date = parseWith(isoDateSchema, url.searchParams.get('date') ?? undefined, 'date');
        if (!date.ok) return date;
        return ok(json(await dayReport(db, claims.data.port, date.data)));
      },
    },
  ];
}
