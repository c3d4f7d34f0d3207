import { z } from 'zod';
import { deviceIdSchema, fenSchema, idSchema, isoDateTimeSchema } from './common';
import { centralDeclarationSchema, directTransportSchema, processingSaleSchema } from './processing';

/**
 * Landing-processing records (落地加工) as HQ holds them and desks pull them: the shared
 * shapes of model/processing.ts, with who recorded them, HQ's receive time (clocks lie)
 * and the flags HQ raised when its re-check disagreed with what the desk knew.
 */

export const PROCESSING_FLAG_CODES = [
  // The sale goes over what the resident declared only because of another desk's sale this desk had not seen.
  'oversold_elsewhere',
  // HQ's tax assessment of a central declaration differs from the desk's: HQ's is kept.
  'assessment_differs',
] as const;
export type ProcessingFlagCode = (typeof PROCESSING_FLAG_CODES)[number];

export const processingFlagSchema = z.object({
  code: z.enum(PROCESSING_FLAG_CODES),
  message: z.string(),
  messageEn: z.string(),
  at: isoDateTimeSchema,
});
export type ProcessingFlag = z.infer<typeof processingFlagSchema>;

const recordedBy = { officerId: idSchema, deviceId: deviceIdSchema };
const heldByHq = { hqReceivedAt: isoDateTimeSchema.nullable(), flags: z.array(processingFlagSchema) };

/** What a desk sends for a sale: the sale and who recorded it. */
export const processingSaleDraftSchema = processingSaleSchema.extend(recordedBy);
export type ProcessingSaleDraft = z.infer<typeof processingSaleDraftSchema>;

export const processingSaleRecordSchema = processingSaleDraftSchema.extend(heldByHq);
export type ProcessingSaleRecord = z.infer<typeof processingSaleRecordSchema>;

/** A central declaration as it is first recorded: a draft, nothing declared, assessed or settled yet. */
export const centralDeclarationDraftSchema = centralDeclarationSchema.extend({
  ...recordedBy,
  status: z.literal('draft'),
  declaredAt: z.null(),
  assessment: z.null(),
  settlement: z.null(),
});
export type CentralDeclarationDraft = z.infer<typeof centralDeclarationDraftSchema>;

export const centralDeclarationRecordSchema = centralDeclarationSchema.extend({
  ...recordedBy,
  ...heldByHq,
  /** Set with the tax assessment: how much of each declaration's exempt amount it used (exemptUsedByDeclaration). */
  exemptByDeclaration: z.record(idSchema, fenSchema).optional(),
});
export type CentralDeclarationRecord = z.infer<typeof centralDeclarationRecordSchema>;

/** A direct transport as it leaves: not arrived yet. */
export const directTransportDraftSchema = directTransportSchema.safeExtend({ ...recordedBy, arrivedAt: z.null() });
export type DirectTransportDraft = z.infer<typeof directTransportDraftSchema>;

export const directTransportRecordSchema = directTransportSchema.safeExtend({ ...recordedBy, ...heldByHq });
export type DirectTransportRecord = z.infer<typeof directTransportRecordSchema>;

/** The arrival at the firm's warehouse, with the seal as found (shared recordArrival). */
export const transportArrivalSchema = z.object({
  arrivedAt: isoDateTimeSchema,
  sealNo: z.string().trim().max(32),
  isSealIntact: z.boolean(),
});
export type TransportArrival = z.infer<typeof transportArrivalSchema>;

