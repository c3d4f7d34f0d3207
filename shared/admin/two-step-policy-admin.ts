import { z } from 'zod';
import { isoDateSchema } from '../model/common';
import { twoStepPolicySchema, twoStepPolicyValuesSchema } from '../model/two-step-policy';
import { writeAnswerSchema } from './admin-answers';

/**
 * POST ports/:port/two-step-policies — a new version of the two-step policy (两步申报:
 * full-declaration days, late-fee rate and minimum, eligibility threshold…), whole, with
 * its effective date; GET lists every version, newest first. Like the duty-free policy,
 * a version never changes once published (checkEffectiveFrom).
 */
export const newTwoStepPolicyRequestSchema = twoStepPolicyValuesSchema.extend({ effectiveFrom: isoDateSchema });
export type NewTwoStepPolicyRequest = z.infer<typeof newTwoStepPolicyRequestSchema>;

export const twoStepPoliciesAnswerSchema = z.object({ policies: z.array(twoStepPolicySchema) });
export type TwoStepPoliciesAnswer = z.infer<typeof twoStepPoliciesAnswerSchema>;

export const twoStepPolicyWriteAnswerSchema = writeAnswerSchema(twoStepPolicySchema);
