import {
  idSchema,
  newProcessingFirmRequestSchema,
  newProcessingPolicyRequestSchema,
  ok,
  portIdSchema,
  updateProcessingFirmRequestSchema,
} from '../../shared/index';
import { json } from '../http/router';
import type { AdminRoute } from '../routes/admin-routes';
import { addFirm, listFirms, listProcessingPolicies, publishProcessingPolicy, updateFirm } from './processing-write';
import type { SiteRouteKit } from './site-routes';

/**
 * The administrator API's landing-processing routes (PROCESSING_ADMIN_PATHS; docs/console.md):
 * processing firms and processing policy versions. Guarded like every admin route (token,
 * the admin role as HQ holds it now, refusals logged) by admin-routes.ts.
 */
export function processingAdminRoutes(kit: SiteRouteKit): AdminRoute[] {
  const { db, now, knownPort, param, body, written } = kit;
  return [
    {
      method: 'GET',
      pattern: 'ports/:port/processing-firms',
      name: 'admin.processing_firms',
      async handle(request) {
        const port = await knownPort(request);
        return port.ok ? ok(json({ firms: await listFirms(db, port.data) })) : port;
      },
    },
    {
      method: 'POST',
      pattern: 'ports/:port/processing-firms',
      name: 'admin.processing_firms.add',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const change = await body(request, newProcessingFirmRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.processing_firms.add', port.data, await addFirm(db, port.data, change.data), 201);
      },
    },
    {
      method: 'PATCH',
      pattern: 'ports/:port/processing-firms/:firm',
      name: 'admin.processing_firms.update',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const firmId = param(request, 'firm', idSchema);
        if (!firmId.ok) return firmId;
        const change = await body(request, updateProcessingFirmRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.processing_firms.update', port.data, await updateFirm(db, port.data, firmId.data.toLowerCase(), change.data), 200);
      },
    },
    {
      method: 'GET',
      pattern: 'ports/:port/processing-policies',
      name: 'admin.processing_policies',
      async handle(request) {
        const port = await knownPort(request);
        return port.ok ? ok(json({ policies: await listProcessingPolicies(db, port.data) })) : port;
      },
    },
    {
      method: 'POST',
      pattern: 'ports/:port/processing-policies',
      name: 'admin.processing_policies.publish',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const change = await body(request, newProcessingPolicyRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.processing_policies.publish', port.data, await publishProcessingPolicy(db, port.data, change.data, now()), 201);
      },
    },
  ];
}
