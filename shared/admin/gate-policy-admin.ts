import { z } from 'zod';
import { ROUTES } from '../sync/protocol';
import { gatePolicySchema, gatePolicyValuesSchema } from '../rules/declaration-life';
import { writeAnswerSchema } from './admin-answers';

/**
 * POST ports/:port/gate-policies — a new version of the gate weighing tolerance (卡口过磅误差:
 * ± a percentage of the declared gross weight and/or ± kg, the larger or the smaller
 * deciding), whole, with its effective date; GET lists every version, newest first. Like
 * the duty-free policy, a version never changes once published (checkEffectiveFrom).
 */
export const newGatePolicyRequestSchema = gatePolicyValuesSchema;
export type NewGatePolicyRequest = z.infer<typeof newGatePolicyRequestSchema>;

export const gatePoliciesAnswerSchema = z.object({ policies: z.array(gatePolicySchema) });
export type GatePoliciesAnswer = z.infer<typeof gatePoliciesAnswerSchema>;

export const gatePolicyWriteAnswerSchema = writeAnswerSchema(gatePolicySchema);

export const GATE_POLICY_ADMIN_PATHS = {
  gatePolicies: (port: string) => `${ROUTES.admin}ports/${encodeURIComponent(port)}/gate-policies`,
} as const;
