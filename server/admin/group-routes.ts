import { idSchema, newGroupRequestSchema, ok, portIdSchema, updateGroupRequestSchema } from '../../shared/index';
import { json } from '../http/router';
import type { AdminRoute } from '../routes/admin-routes';
import { addGroup, listGroups, updateGroup } from './group-write';
import type { SiteRouteKit } from './site-routes';

/**
 * The administrator API's mutual-aid group routes (GROUP_ADMIN_PATHS; docs/console.md),
 * guarded like every admin route by admin-routes.ts: administrators only, the port by
 * its parameter, the body by its schema (400 naming the field).
 */
export function groupAdminRoutes(kit: Pick<SiteRouteKit, 'db' | 'knownPort' | 'param' | 'body' | 'written'>): AdminRoute[] {
  const { db, knownPort, param, body, written } = kit;
  return [
    {
      method: 'GET',
      pattern: 'ports/:port/groups',
      name: 'admin.groups',
      async handle(request) {
        const port = await knownPort(request);
        return port.ok ? ok(json({ portId: port.data, groups: await listGroups(db, port.data) })) : port;
      },
    },
    {
      method: 'POST',
      pattern: 'ports/:port/groups',
      name: 'admin.groups.add',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const change = await body(request, newGroupRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.groups.add', port.data, await addGroup(db, port.data, change.data), 201);
      },
    },
    {
      method: 'PATCH',
      pattern: 'ports/:port/groups/:group',
      name: 'admin.groups.update',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const groupId = param(request, 'group', idSchema);
        if (!groupId.ok) return groupId;
        const change = await body(request, updateGroupRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.groups.update', port.data, await updateGroup(db, port.data, groupId.data.toLowerCase(), change.data), 200);
      },
    },
  ];
}
