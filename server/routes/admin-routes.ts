import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import {
  auditEntriesQuerySchema,
  deviceIdSchema,
  fail,
  idSchema,
  marketPointSchema,
  newGoodsListRequestSchema,
  newOfficerRequestSchema,
  newPointRequestSchema,
  newPolicyRequestSchema,
  newTwoStepPolicyRequestSchema,
  ok,
  portIdSchema,
  type Result,
  type Role,
  ROUTES,
  updateOfficerRequestSchema,
  updatePointRequestSchema,
} from '../../shared/index';
import { deskKnown, readAudit, readEntries } from '../admin/audit-read';
import { verifyStoredChain } from '../admin/audit-verify';
import { addOfficer, updateOfficer } from '../admin/officer-write';
import { listPorts, portExists } from '../admin/ports';
import { readReference } from '../admin/reference-read';
import { addPoint, publishGoodsList, publishPolicy, renamePoint, type Written } from '../admin/reference-write';
import { publishTwoStepPolicy, readTwoStepPolicies } from '../admin/two-step-policy-write';
import type { AccessClaims } from '../auth/access-tokens';
import type { AuthService } from '../auth/auth-service';
import type { Db } from '../db/db';
import { readJsonBody } from '../http/json-body';
import { singleQuery } from '../http/query';
import { type createRouter, json, type Match, type Method, type Reply } from '../http/router';
import { parseWith } from '../http/validate';
import { type Logger, silentLogger } from '../log';
import { describePort, refuseScope } from './scope';
import { siteAdminRoutes } from '../admin/site-routes';
import { residentAdminRoutes } from '../admin/resident-routes';
import { gatePolicyAdminRoutes } from '../admin/gate-policy-routes';
import { processingAdminRoutes } from '../admin/processing-routes';
import { groupAdminRoutes } from '../admin/group-routes';

/**
 * The HQ administrator's API (ROUTES.admin, behind the web console; docs/console.md).
 * Paths carry parameters (ports/:port/officers/:id), which HQ's exact-path router does
 * not, so this module matches everything under ROUTES.admin itself and hands every
 * other path to the router it wraps.
 *
 * Every route: a valid access token (401) of an officer still enabled at their port
 * (403 access_revoked), the admin role as HQ holds it now (any other role: 403, the
 * attempt written to refused_requests and nothing read or changed), then the path's
 * parameters and the body by their schemas (400), then the port (404).
 */
export interface AdminDeps {
  db: Db;
  auth: AuthService;
  logger: Logger;
  now: () => Date;
}

export interface AdminRequest {
  req: IncomingMessage;
  url: URL;
  claims: AccessClaims;
  /** Path parameters, percent-decoded, not yet validated. */
  params: Record<string, string>;
}

export interface AdminRoute {
  method: Method;
  /** Segments after ROUTES.admin; `:name` captures one segment. */
  pattern: string;
  /** Names the route in logs and refusals. */
  name: string;
  handle(request: AdminRequest): Promise<Result<Reply>>;
}

type Matcher = ReturnType<typeof createRouter>;

function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The captured raw segments when `pattern` fits `segments`, else null. */
function matchPattern(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = Object.create(null);
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i] ?? '';
    const segment = segments[i] ?? '';
    if (part.startsWith(':')) {
      if (segment === '') return null;
      params[part.slice(1)] = segment;
    } else if (part !== segment) return null;
  }
  return params;
}

function param<S extends z.ZodType>(request: AdminRequest, name: string, schema: S): Result<z.output<S>> {
  return parseWith(schema, request.params[name], name);
}

async function body<S extends z.ZodType>(request: AdminRequest, schema: S): Promise<Result<z.output<S>>> {
  const raw = await readJsonBody(request.req);
  if (!raw.ok) return raw;
  return parseWith(schema, raw.data);
}

const noPort = (port: string) => fail<never>('not_found', `没有口岸 ${port} / No port ${port}`, 'port');

/** The one role the administrator API serves (as HQ holds it now); every other is refused and logged. */
export const ADMIN_API_ROLE = 'admin' satisfies Role;

/** What a route needs, as the scope test (admin-scope.test.ts) enumerates it: no route is left out of it. */
export interface AdminRouteScope {
  method: Method;
  pattern: string;
  name: string;
  role: typeof ADMIN_API_ROLE;
  /** The route names a port in its path (`:port`); the others (ports) span every port. */
  isPortScoped: boolean;
}

export function adminRouteScope(route: AdminRoute): AdminRouteScope {
  return { method: route.method, pattern: route.pattern, name: route.name, role: ADMIN_API_ROLE, isPortScoped: route.pattern.split('/').includes(':port') };
}

const notServing = async (): Promise<never> => {
  throw new Error('adminRouteTable() describes the routes; it serves none');
};
/** A store for building the routes only to describe them: any use of it is a bug. */
const describingOnly: Db = { kind: 'pglite', query: notServing, exec: notServing, transaction: notServing, close: notServing };

/** The administrator API's route table (method, path pattern, role and port scope), built from the routes HQ serves. */
export function adminRouteTable(): AdminRouteScope[] {
  return adminRoutes({ db: describingOnly, logger: silentLogger, now: () => new Date(0) }).map(adminRouteScope);
}

/**
 * Every route of the administrator API, unguarded: withAdminRoutes puts the token and
 * role check in front of each. Exported so that the scope test tries each one.
 */
export function adminRoutes(deps: Omit<AdminDeps, 'auth'>): AdminRoute[] {
  const { db, logger, now } = deps;

  /** The `port` parameter of a port that exists. */
  async function knownPort(request: AdminRequest): Promise<Result<string>> {
    const port = param(request, 'port', portIdSchema);
    if (!port.ok) return port;
    return (await portExists(db, port.data)) ? port : noPort(port.data);
  }

  function written<T>(request: AdminRequest, route: string, portId: string, result: Result<Written<T>>, status: number): Result<Reply> {
    if (!result.ok) return result;
    logger.log('info', 'admin.write', { route, adminId: request.claims.sub, portId, seq: result.data.seq });
    return ok(json(result.data, status));
  }

  return [
    {
      method: 'GET',
      pattern: 'ports',
      name: 'admin.ports',
      handle: async () => ok(json({ ports: await listPorts(db) })),
    },
    {
      method: 'GET',
      pattern: 'ports/:port/reference',
      name: 'admin.reference',
      async handle(request) {
        const port = await knownPort(request);
        return port.ok ? ok(json(await readReference(db, port.data))) : port;
      },
    },
    {
      method: 'POST',
      pattern: 'ports/:port/policies',
      name: 'admin.policies.publish',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const change = await body(request, newPolicyRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.policies.publish', port.data, await publishPolicy(db, port.data, change.data, now()), 201);
      },
    },
    {
      method: 'GET',
      pattern: 'ports/:port/two-step-policies',
      name: 'admin.two_step_policies',
      async handle(request) {
        const port = await knownPort(request);
        return port.ok ? ok(json({ policies: await readTwoStepPolicies(db, port.data) })) : port;
      },
    },
    {
      method: 'POST',
      pattern: 'ports/:port/two-step-policies',
      name: 'admin.two_step_policies.publish',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const change = await body(request, newTwoStepPolicyRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.two_step_policies.publish', port.data, await publishTwoStepPolicy(db, port.data, change.data, now()), 201);
      },
    },
    {
      method: 'POST',
      pattern: 'ports/:port/goods-lists',
      name: 'admin.goods_lists.publish',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const change = await body(request, newGoodsListRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.goods_lists.publish', port.data, await publishGoodsList(db, port.data, change.data, now()), 201);
      },
    },
    {
      method: 'POST',
      pattern: 'ports/:port/officers',
      name: 'admin.officers.add',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const change = await body(request, newOfficerRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.officers.add', port.data, await addOfficer(db, port.data, change.data), 201);
      },
    },
    {
      method: 'PATCH',
      pattern: 'ports/:port/officers/:officer',
      name: 'admin.officers.update',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const officerId = param(request, 'officer', idSchema);
        if (!officerId.ok) return officerId;
        const change = await body(request, updateOfficerRequestSchema);
        if (!change.ok) return change;
        const result = await updateOfficer(db, port.data, officerId.data.toLowerCase(), change.data, request.claims, now());
        if (!result.ok) return result;
        logger.log('info', 'admin.officer_updated', {
          adminId: request.claims.sub,
          portId: port.data,
          officerId: officerId.data,
          fields: Object.keys(change.data).filter((key) => change.data[key as keyof typeof change.data] !== undefined),
          revokedTokens: result.data.revokedTokens,
        });
        return written(request, 'admin.officers.update', port.data, ok(result.data.written), 200);
      },
    },
    {
      method: 'POST',
      pattern: 'ports/:port/points',
      name: 'admin.points.add',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const change = await body(request, newPointRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.points.add', port.data, await addPoint(db, port.data, change.data), 201);
      },
    },
    {
      method: 'PATCH',
      pattern: 'ports/:port/points/:point',
      name: 'admin.points.update',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const pointId = param(request, 'point', marketPointSchema.shape.id);
        if (!pointId.ok) return pointId;
        const change = await body(request, updatePointRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.points.update', port.data, await renamePoint(db, port.data, pointId.data, change.data), 200);
      },
    },
    {
      method: 'GET',
      pattern: 'ports/:port/audit',
      name: 'admin.audit',
      async handle(request) {
        const port = await knownPort(request);
        return port.ok ? ok(json(await readAudit(db, port.data))) : port;
      },
    },
    {
      method: 'GET',
      pattern: 'ports/:port/audit/:device/entries',
      name: 'admin.audit.entries',
      async handle(request) {
        const port = await knownPort(request);
        if (!port.ok) return port;
        const deviceId = param(request, 'device', deviceIdSchema);
        if (!deviceId.ok) return deviceId;
        const params = singleQuery(request.url);
        if (!params.ok) return params;
        const query = parseWith(auditEntriesQuerySchema, params.data);
        if (!query.ok) return query;
        if (!(await deskKnown(db, port.data, deviceId.data))) {
          return fail('not_found', `HQ 没有此柜台的审计记录 / HQ holds no audit trail of desk ${deviceId.data}`, 'device');
        }
        return ok(json(await readEntries(db, port.data, deviceId.data, query.data)));
      },
    },
    {
      method: 'POST',
      pattern: 'ports/:port/audit/:device/verify',
      name: 'admin.audit.verify',
      async handle(request) {
        const port = await knownPort(request);
        if (!port.ok) return port;
        const deviceId = param(request, 'device', deviceIdSchema);
        if (!deviceId.ok) return deviceId;
        const verdict = await verifyStoredChain(db, logger, port.data, deviceId.data, now());
        return verdict.ok ? ok(json(verdict.data)) : verdict;
      },
    },
    ...siteAdminRoutes({ db, knownPort, param, body, written, now }),
    ...residentAdminRoutes({ db, knownPort, param, body, logger }),
    ...gatePolicyAdminRoutes({ db, knownPort, param, body, written, now }),
    ...processingAdminRoutes({ db, knownPort, param, body, written, now }),
    ...groupAdminRoutes({ db, knownPort, param, body, written }),
  ];
}

export function withAdminRoutes(next: Matcher, deps: AdminDeps): Matcher {
  const { auth } = deps;
  const compiled = adminRoutes(deps).map((route) => ({ route, parts: route.pattern.split('/') }));

  /** Token, role, then the route itself with its parameters decoded. */
  async function guarded(route: AdminRoute, req: IncomingMessage, url: URL, raw: Record<string, string>): Promise<Result<Reply>> {
    // The role as HQ holds it now: an administrator demoted or disabled a minute ago has
    // lost this API, whatever their access token still says.
    const claims = await auth.authorize(req.headers.authorization);
    if (!claims.ok) return claims;
    if (claims.data.role !== ADMIN_API_ROLE) {
      return refuseScope(
        deps,
        claims.data,
        {
          route: route.name,
          deviceId: null,
          detail: { role: claims.data.role, ...(raw.port === undefined ? {} : { askedPort: describePort(decodeSegment(raw.port)) }) },
        },
        '仅限 HQ 管理员 / HQ administrators only',
      );
    }
    const params: Record<string, string> = Object.create(null);
    for (const [name, value] of Object.entries(raw)) {
      const decoded = decodeSegment(value);
      if (decoded === null) return fail('validation', `${name}: 路径参数无效 / Bad path parameter`, name);
      params[name] = decoded;
    }
    return route.handle({ req, url, claims: claims.data, params });
  }

  return (method, path): Match => {
    if (!path.startsWith(ROUTES.admin)) return next(method, path);
    const segments = path.slice(ROUTES.admin.length).split('/');
    const fitting = compiled.flatMap(({ route, parts }) => {
      const raw = matchPattern(parts, segments);
      return raw === null ? [] : [{ route, raw }];
    });
    if (fitting.length === 0) return { kind: 'none' };
    const wanted = method === 'HEAD' ? 'GET' : method;
    const found = fitting.find(({ route }) => route.method === wanted);
    if (found === undefined) return { kind: 'wrong_method', allowed: [...new Set(fitting.map(({ route }) => route.method))] };
    return { kind: 'found', handler: ({ req, url }) => guarded(found.route, req, url, found.raw) };
  };
}
