import { BLOB_ROUTES, ROUTES } from '../../shared/index';
import type { AuthService } from '../auth/auth-service';
import type { Db, StoreKind } from '../db/db';
import type { Route } from '../http/router';
import { type Logger, silentLogger } from '../log';
import { authRoutes } from './auth-routes';
import { blobRoutes } from './blob-routes';
import { healthRoute } from './health-route';
import { syncRoutes } from './sync-routes';

/**
 * HQ's fixed-path routes (everything but the administrator API, which admin-routes.ts
 * matches itself), each with the scope it needs. The scope test
 * (server/routes/route-scope.test.ts) tries every route by this table, so a route added
 * here without a scope fails the build's tests.
 *
 * - `public`: no token (health, sign-in, refresh, sign-out).
 * - `port`: the token's port only; another port named (records pushed, `?port=` read)
 *   is refused 403 and logged, except for an HQ administrator's reads.
 * - `own_port`: writes always go to the token's own port, so there is no port to name.
 * - `admin`: HQ administrators only; any other role is refused 403 and logged.
 */
export type ApiRouteScope = 'public' | 'port' | 'own_port' | 'admin';

export const API_ROUTE_SCOPES: Readonly<Record<string, ApiRouteScope>> = {
  [`GET ${ROUTES.health}`]: 'public',
  [`POST ${ROUTES.login}`]: 'public',
  [`POST ${ROUTES.refresh}`]: 'public',
  [`POST ${ROUTES.logout}`]: 'public',
  [`POST ${ROUTES.push}`]: 'port',
  [`GET ${ROUTES.pull}`]: 'port',
  [`GET ${ROUTES.reportsDay}`]: 'port',
  [`POST ${ROUTES.receipts}`]: 'admin',
  [`GET ${BLOB_ROUTES.status}`]: 'port',
  [`POST ${BLOB_ROUTES.chunk}`]: 'own_port',
  [`POST ${BLOB_ROUTES.finish}`]: 'own_port',
  [`GET ${BLOB_ROUTES.download}`]: 'port',
};

export interface ApiDeps {
  db: Db;
  auth: AuthService;
  logger: Logger;
  now: () => Date;
}

export function apiRoutes(storeKind: StoreKind, deps: ApiDeps): Route[] {
  return [healthRoute(storeKind, deps.now), ...authRoutes(deps.auth), ...syncRoutes(deps), ...blobRoutes(deps)];
}

const notServing = (): never => {
  throw new Error('apiRouteTable() describes the routes; it serves none');
};
// Any method of these throws: the routes are built only to be listed, never called.
const describingOnly = new Proxy({}, { get: () => notServing });

/** `METHOD path` of every route `apiRoutes` serves, with its scope (undefined: none declared, a bug). */
export function apiRouteTable(): { key: string; method: string; path: string; scope: ApiRouteScope | undefined }[] {
  const deps: ApiDeps = { db: describingOnly as Db, auth: describingOnly as AuthService, logger: silentLogger, now: () => new Date(0) };
  return apiRoutes('pglite', deps).map((route) => {
    const key = `${route.method} ${route.path}`;
    return { key, method: route.method, path: route.path, scope: API_ROUTE_SCOPES[key] };
  });
}
