import { z } from 'zod';
import { fenSchema, idSchema, isoDateSchema, portIdSchema } from './common';

/** True when `rate` is a whole number of millionths, so the fee can be computed in integers. */
export function isWholeMillionths(rate: number): boolean {
  return Math.abs(rate * 1_000_000 - Math.round(rate * 1_000_000)) < 1e-6;
}

/**
 * The deadline and late-fee values of two-step declaration, as HQ reference data (dated
 * and versioned like the duty-free policy): the law sets them, HQ may need to change them.
 */
export const twoStepPolicyValuesSchema = z.object({
  /** Full declaration (完整申报) due this many days after the transport-means declaration: 14. */
  fullDeclarationDays: z.int().min(1).max(365),
  /** The late-declaration fee (滞报金) accrues from the day after this many days: 14, so from day 15. */
  lateFeeStartsAfterDays: z.int().min(0).max(365),
  /** Share of the dutiable value charged per late day: 0.0005 (0.5‰). */
  lateFeeRatePerDay: z.number().min(0).max(0.01).refine(isWholeMillionths, 'late-fee rate: a whole number of millionths (0.0005)'),
  /** 起征点: a fee below this is not charged at all (customs: 5,000 fen = RMB 50). */
  lateFeeMinFen: fenSchema,
  /** Goods still undeclared this many months after the transport declaration are sold off: 3. */
  sellOffAfterMonths: z.int().min(1).max(24),
  /** "Due soon" when this many days or fewer are left: e.g. 3. */
  dueSoonDays: z.int().min(0).max(60),
  /** Late full declarations count against a consignee over this many days back: e.g. 365. */
  lateCountWindowDays: z.int().min(1).max(3660),
  /** Warn that a consignee's two-step eligibility is at risk from this many late full declarations. */
  lateCountWarnAt: z.int().min(1).max(1000),
  /**
   * 法定节假日或休息日 (CST dates). A deadline whose last day is one of them moves to the next
   * working day. A list rather than a weekday rule, because China moves working days.
   */
  nonWorkingDays: z.array(isoDateSchema).max(4000),
});
export type TwoStepPolicyValues = z.infer<typeof twoStepPolicyValuesSchema>;

export const twoStepPolicySchema = twoStepPolicyValuesSchema.extend({
  id: idSchema,
  portId: portIdSchema,
  version: z.int().positive(),
  effectiveFrom: isoDateSchema,
});
export type TwoStepPolicy = z.infer<typeof twoStepPolicySchema>;
