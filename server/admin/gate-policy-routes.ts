import { newGatePolicyRequestSchema, ok, portIdSchema } from '../../shared/index';
import { json } from '../http/router';
import type { AdminRoute } from '../routes/admin-routes';
import { publishGatePolicy, readGatePolicies } from './gate-policy-write';
import type { SiteRouteKit } from './site-routes';

/**
 * GET/POST ports/:port/gate-policies (GATE_POLICY_ADMIN_PATHS; docs/console.md): the gate
 * weighing tolerance versions. Guarded like every admin route (token, the admin role as
 * HQ holds it now, refusals logged) by admin-routes.ts; the body by its schema (400), the
 * effective date by checkEffectiveFrom (400), the port (404).
 */
export function gatePolicyAdminRoutes(kit: Pick<SiteRouteKit, 'db' | 'now' | 'knownPort' | 'param' | 'body' | 'written'>): AdminRoute[] {
  const { db, now, knownPort, param, body, written } = kit;
  return [
    {
      method: 'GET',
      pattern: 'ports/:port/gate-policies',
      name: 'admin.gate_policies',
      async handle(request) {
        const port = await knownPort(request);
        return port.ok ? ok(json({ policies: await readGatePolicies(db, port.data) })) : port;
      },
    },
    {
      method: 'POST',
      pattern: 'ports/:port/gate-policies',
      name: 'admin.gate_policies.publish',
      async handle(request) {
        const port = param(request, 'port', portIdSchema);
        if (!port.ok) return port;
        const change = await body(request, newGatePolicyRequestSchema);
        if (!change.ok) return change;
        return written(request, 'admin.gate_policies.publish', port.data, await publishGatePolicy(db, port.data, change.data, now()), 201);
      },
    },
  ];
}
