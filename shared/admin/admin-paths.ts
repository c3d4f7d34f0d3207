import { ROUTES } from '../sync/protocol';

/**
 * The administrator API's paths, under ROUTES.admin, so the console and HQ name them
 * once. Path parameters are percent-encoded here; HQ decodes and validates them.
 */
const at = (...segments: string[]) => `${ROUTES.admin}${segments.map(encodeURIComponent).join('/')}`;

export const ADMIN_PATHS = {
  ports: () => at('ports'),
  reference: (port: string) => at('ports', port, 'reference'),
  policies: (port: string) => at('ports', port, 'policies'),
  twoStepPolicies: (port: string) => at('ports', port, 'two-step-policies'),
  goodsLists: (port: string) => at('ports', port, 'goods-lists'),
  officers: (port: string) => at('ports', port, 'officers'),
  officer: (port: string, officerId: string) => at('ports', port, 'officers', officerId),
  points: (port: string) => at('ports', port, 'points'),
  point: (port: string, pointId: string) => at('ports', port, 'points', pointId),
  audit: (port: string) => at('ports', port, 'audit'),
  auditEntries: (port: string, deviceId: string) => at('ports', port, 'audit', deviceId, 'entries'),
  auditVerify: (port: string, deviceId: string) => at('ports', port, 'audit', deviceId, 'verify'),
} as const;
