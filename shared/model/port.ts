import { z } from 'zod';
import { portIdSchema } from './common';

/** A mutual-market point (互市点) of a port: a declaration hall and a gate (卡口). */
export const marketPointSchema = z.object({
  id: z.string().regex(/^[A-Z0-9-]{2,32}$/),
  portId: portIdSchema,
  name: z.string().min(1).max(64),
  nameEn: z.string().max(64),
});
export type MarketPoint = z.infer<typeof marketPointSchema>;

export const officerSchema = z.object({
  id: z.uuid(),
  portId: portIdSchema,
  username: z.string().regex(/^[a-z0-9._-]{3,32}$/),
  name: z.string().min(1).max(64),
  role: z.enum(['officer', 'supervisor', 'admin']),
});
export type Officer = z.infer<typeof officerSchema>;
