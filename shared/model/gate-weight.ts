import { z } from 'zod';

/**
 * The gate weighing (卡口过磅) that released a declaration, as the record keeps it. Here,
 * not in rules/declaration-life.ts, because the declaration's own schema carries it and
 * the rule imports the declaration's statuses.
 */
export const GATE_WEIGHT_VERDICTS = ['within', 'over', 'under'] as const;
export const gateWeightCheckSchema = z.object({
  verdict: z.enum(GATE_WEIGHT_VERDICTS),
  declaredKg: z.number(),
  gateKg: z.number(),
  /** Gate minus declared: positive when the load weighs more than declared. */
  differenceKg: z.number(),
  allowanceKg: z.number(),
  gatePolicyVersion: z.int().positive(),
});
export type GateWeightCheck = z.infer<typeof gateWeightCheckSchema>;
