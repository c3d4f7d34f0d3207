import { ok, residentImportRequestSchema } from '../../shared/index';
import type { Logger } from '../log';
import { json } from '../http/router';
import type { AdminRoute } from '../routes/admin-routes';
import { importResidents } from './resident-import';
import type { SiteRouteKit } from './site-routes';

/** The administrator API's resident routes (RESIDENT_ADMIN_PATHS), guarded like every admin route by admin-routes.ts. */
export function residentAdminRoutes(kit: Pick<SiteRouteKit, 'db' | 'knownPort' | 'param' | 'body'> & { logger: Logger }): AdminRoute[] {
  const { db, knownPort, body, logger } = kit;
  return [
    {
      method: 'POST',
      pattern: 'ports/:port/residents/import',
      name: 'admin.residents.import',
      async handle(request) {
        const port = await knownPort(request);
        if (!port.ok) return port;
        const file = await body(request, residentImportRequestSchema);
        if (!file.ok) return file;
        const result = await importResidents(db, port.data, file.data);
        if (!result.ok) return result;
        const { added, updated, unchanged, badRowCount, written, seq } = result.data;
        // Counts only: names and ID numbers stay out of the log.
        logger.log('info', 'admin.residents_imported', { adminId: request.claims.sub, portId: port.data, written, added, updated, unchanged, badRowCount, seq });
        return ok(json(result.data, 200));
      },
    },
  ];
}
