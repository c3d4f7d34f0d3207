import { z } from 'zod';
import { fenSchema, isoDateSchema, portIdSchema } from '../model/common';

/**
 * GET /api/v1/reports/day's answer: the port's day (shared DayStats) as HQ holds it. The
 * first fields are the report's original ones (declarations, residents, amounts, flagged);
 * the rest came with issue 4 and are additive.
 */
const count = z.int().min(0);

export const dayGoodsRowSchema = z.object({
  hsCode: z.string(),
  name: z.string(),
  tickets: count,
  valueFen: fenSchema,
  netKg: z.number().min(0),
  sharePercent: z.number().min(0).max(100),
});

export const dayPointRowSchema = z.object({
  pointId: z.string(),
  name: z.string(),
  nameEn: z.string(),
  tickets: count,
  residents: count,
  totalFen: fenSchema,
  exemptFen: fenSchema,
  taxableFen: fenSchema,
  flagged: count,
});

export const dayReportSchema = z.object({
  portId: portIdSchema,
  date: isoDateSchema,
  declarations: count,
  residents: count,
  totalFen: fenSchema,
  exemptFen: fenSchema,
  taxableFen: fenSchema,
  flagged: count,
  hqAssessed: count,
  byGoods: z.array(dayGoodsRowSchema),
  byPoint: z.array(dayPointRowSchema),
  trend: z.array(z.object({ date: isoDateSchema, tickets: count })),
});
export type DayReport = z.infer<typeof dayReportSchema>;
