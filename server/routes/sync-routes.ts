import { ok, PROTOCOL_VERSION, pullQuerySchema, pushRequestSchema, type Result, ROUTES } from '../../shared/index';
import type { AccessClaims } from '../auth/access-tokens';
import type { AuthService } from '../auth/auth-service';
import type { Db } from '../db/db';
import { parseJsonBody, readJsonBytes } from '../http/json-body';
import { singleQuery } from '../http/query';
import { json, type Reply, type Route } from '../http/router';
import { parseWith } from '../http/validate';
import type { Logger } from '../log';
import { pullPage } from '../sync/pull';
import { handlePush } from '../sync/push';
import { foreignPorts } from '../sync/push-plan';
import { PortQueue } from '../sync/port-queue';
import { GoodsListCache } from '../sync/reference-snapshot';
import { checkProtocol } from './guards';
import { receiptsRoute } from './receipts-route';
import { reportRoute } from './report-route';
import { describePort, portAsked, refuseScope } from './scope';

export interface SyncDeps {
  db: Db;
  auth: AuthService;
  logger: Logger;
  now: () => Date;
}

export function syncRoutes(deps: SyncDeps): Route[] {
  const { db, auth, logger, now } = deps;
  const push = { db, logger, goodsLists: new GoodsListCache(), queue: new PortQueue() };
  // Two pushes of a port parsed at a time: the one in its transaction and the next (port-queue.ts).
  const parsing = new PortQueue(2);

  /** A push's body, parsed and handled once its turn to be parsed came (`parsing`). */
  async function pushBody(claims: AccessClaims, bytes: Buffer): Promise<Result<Reply>> {
    const body = parseJsonBody(bytes);
    if (!body.ok) return body;
    // Scope first, here at the edge, so that what is logged of a refused push is
    // described safely: a port name as sent may hold text no database can store
    // (a NUL turned this 403 into a 500). handlePush checks scope again.
    const envelope = pushRequestSchema.safeParse(body.data);
    if (envelope.success && envelope.data.protocolVersion === PROTOCOL_VERSION) {
      const foreign = foreignPorts(envelope.data.mutations, claims.port);
      if (foreign.length > 0) {
        return refuseScope(
          deps,
          claims,
          {
            route: 'sync.push',
            deviceId: envelope.data.deviceId,
            detail: { foreignPorts: [...new Set(foreign.map(describePort))], mutations: envelope.data.mutations.length },
          },
          `只能提交本口岸（${claims.port}）的记录 / Only records of your port (${claims.port}) may be pushed`,
        );
      }
    }
    const response = await handlePush(push, claims, body.data, now());
    return response.ok ? ok(json(response.data)) : response;
  }

  return [
    {
      method: 'POST',
      path: ROUTES.push,
      async handler({ req }) {
        const protocol = checkProtocol(req);
        if (!protocol.ok) return protocol;
        const claims = await auth.authorize(req.headers.authorization);
        if (!claims.ok) return claims;
        const bytes = await readJsonBytes(req);
        if (!bytes.ok) return bytes;
        return parsing.run(claims.data.port, () => pushBody(claims.data, bytes.data));
      },
    },
    {
      method: 'GET',
      path: ROUTES.pull,
      async handler({ req, url }) {
        const protocol = checkProtocol(req);
        if (!protocol.ok) return protocol;
        const claims = await auth.authorize(req.headers.authorization);
        if (!claims.ok) return claims;
        const params = singleQuery(url);
        if (!params.ok) return params;
        const { port: askedPort, ...rest } = params.data;
        // An HQ administrator reads any port's feed (read across ports); anyone else only their own.
        const portId = await portAsked(deps, claims.data, askedPort, {
          route: 'sync.pull',
          message: `只能同步本口岸（${claims.data.port}）的数据 / Only your own port can be pulled`,
        });
        if (!portId.ok) return portId;
        const query = parseWith(pullQuerySchema, rest);
        if (!query.ok) return query;
        return ok({ kind: 'json-text', status: 200, text: await pullPage(db, portId.data, query.data, now()) });
      },
    },
    reportRoute(deps),
    receiptsRoute(deps),
  ];
}
