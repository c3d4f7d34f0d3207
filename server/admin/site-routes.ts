import type { z } from 'zod';
import {
  ok,
  type Result,
  sha256HexSchema,
  siteEventRequestSchema,
  siteIdSchema,
  newSiteRequestSchema,
  portIdSchema,
  updateSiteRequestSchema,
} from '../../shared/index';
import { blobStatus, chunkReceipts } from '../blobs/blob-store';
import type { Db } from '../db/db';
import { json, type Reply } from '../http/router';
import type { AdminRequest, AdminRoute } from '../routes/admin-routes';
import type { Written } from './reference-write';
import { addSite, listSites, recordEvent, updateSite } from './site-write';

/**
 * The administrator API's routes for designated sites and attachments
 * (SITE_ADMIN_PATHS; docs/console.md). Guarded like every admin route (token, the
 * admin role as HQ holds it now) by admin-routes.ts, which hands its helpers over.
 */
export interface SiteRouteKit {
  db: Db;
  now: () => Date;
  knownPort(request: AdminRequest): Promise<Result<string>>;
  param<S extends z.ZodType>(request: AdminRequest, name: string, schema: S): Result<z.output<S>>;
  body<S extends z.ZodType>(request: AdminRequest, schema: S): Promise<Result<z.output<S>>>;
  written<T>(request: AdminRequest, route: string, portId: string, result: Result<Written<T>>, status: number): Result<Reply>;
}

export function siteAdminRoutes(kit: SiteRouteKit): AdminRoute[] {
  const { db, now, knownPort, param, body, written } = kit;
  return [
    {
      method: 'GET',
      pattern: 'ports/:port/sites',
      name: 'admin.sites',
      async handle(request) {
        const port = await knownPort(request);
        return port.ok ? ok(json({ portId: port.data, sites: await listSites(db, port.data) })) : port;
      },
    },
    {
      method: 'POST',
      pattern: 'ports/:port/sites',
      name: 'admin.sites.add',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const change = await body(request, newSiteRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.sites.add', port.data, await addSite(db, port.data, change.data, now()), 201);
      },
    },
    {
      method: 'PATCH',
      pattern: 'ports/:port/sites/:site',
      name: 'admin.sites.update',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const siteId = param(request, 'site', siteIdSchema);
        if (!siteId.ok) return siteId;
        const change = await body(request, updateSiteRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.sites.update', port.data, await updateSite(db, port.data, siteId.data, change.data, now()), 200);
      },
    },
    {
      method: 'POST',
      pattern: 'ports/:port/sites/:site/events',
      name: 'admin.sites.event',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const siteId = param(request, 'site', siteIdSchema);
        if (!siteId.ok) return siteId;
        const event = await body(request, siteEventRequestSchema);
        if (!event.ok) return event;
        return written(request, 'admin.sites.event', port.data, await recordEvent(db, port.data, siteId.data, event.data, now()), 201);
      },
    },
    {
      method: 'GET',
      pattern: 'ports/:port/blobs/:sha256',
      name: 'admin.blob',
      async handle(request) {
        const port = await knownPort(request);
        if (!port.ok) return port;
        const sha256 = param(request, 'sha256', sha256HexSchema);
        if (!sha256.ok) return sha256;
        const status = await blobStatus(db, port.data, sha256.data);
        return ok(json({ sha256: sha256.data, state: status.state, size: status.size, chunks: await chunkReceipts(db, port.data, sha256.data) }));
      },
    },
  ];
}
