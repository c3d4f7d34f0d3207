import { z } from 'zod';
import { deviceIdSchema, idSchema, isoDateTimeSchema, portIdSchema } from './common';

/**
 * Who changed a field, when and from where (DESIGN.md promise 5, the audit trail).
 * `version` is the record's version that the change produced.
 */
export const editStampSchema = z.object({
  version: z.int().min(1),
  /** Null for the values a record was created with before HQ kept mutation ids on them. */
  mutationId: z.uuid().nullable(),
  officerId: idSchema,
  deviceId: deviceIdSchema,
  /** The desk's clock (may be wrong) and HQ's when it applied the change. */
  deskTime: isoDateTimeSchema,
  hqTime: isoDateTimeSchema,
});
export type EditStamp = z.infer<typeof editStampSchema>;

/** A value an editable field can hold. */
export const fieldValueSchema = z.union([z.string(), z.boolean(), z.number(), z.null()]);
export type FieldValue = z.infer<typeof fieldValueSchema>;

export const conflictSideSchema = z.object({ value: fieldValueSchema, stamp: editStampSchema });
export type ConflictSide = z.infer<typeof conflictSideSchema>;

export const CONFLICT_ENTITIES = ['declaration', 'two_step_entry'] as const;
export type ConflictEntity = (typeof CONFLICT_ENTITIES)[number];

/**
 * Two desks changed the same field of one record while apart. HQ kept the change it
 * applied first (`winner`: HQ's order decides, never a desk's clock) and records the
 * other (`loser`) here; a supervisor resolves it, and the resolution is itself a change.
 */
export const conflictSchema = z.object({
  id: idSchema,
  portId: portIdSchema,
  entity: z.enum(CONFLICT_ENTITIES),
  recordId: idSchema,
  field: z.string().min(1).max(64),
  winner: conflictSideSchema,
  loser: conflictSideSchema,
  detectedAt: isoDateTimeSchema,
  status: z.enum(['open', 'resolved']),
  resolution: z
    .object({
      choice: z.enum(['winner', 'loser']),
      value: fieldValueSchema,
      stamp: editStampSchema,
    })
    .nullable(),
});
export type Conflict = z.infer<typeof conflictSchema>;
