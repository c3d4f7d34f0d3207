import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common';
import { editStampSchema } from './conflict';
import { twoStepEntrySchema } from './two-step';
import { receiptCodeSchema, TWO_STEP_EVENT_TYPES, twoStepStateSchema, twoStepStatusSchema } from './two-step-event';

/**
 * A two-step entry as desk and HQ hold it: the entry's data, where the machine stands,
 * and the events that brought it there (who, when). Desk and HQ reach the same state by
 * applying the same events with the same function (`applyTwoStepEvent`).
 */

/** Events an officer records at the desk; every other event comes with a customs receipt. */
export const DESK_TWO_STEP_EVENTS = [
  'declare_summary',
  'declare_one_step',
  'declare_full',
  'record_arrival',
  'record_inspection',
  'review', // 提前审结 (advance review), recorded at the yard
  'release', // 卡口验放 (release at the gate)
  'delete', // a draft discarded
] as const;
export const deskTwoStepEventSchema = z.enum(DESK_TWO_STEP_EVENTS);
export type DeskTwoStepEvent = z.infer<typeof deskTwoStepEventSchema>;

export const twoStepHistoryItemSchema = z.object({
  type: z.enum(TWO_STEP_EVENT_TYPES),
  receipt: receiptCodeSchema.nullable(),
  /** The desk's clock (desk events) or the customs system's (receipts). */
  at: isoDateTimeSchema,
  /** The status the event led to. */
  status: twoStepStatusSchema,
  by: z.enum(['desk', 'customs']),
  /** The officer who recorded it at the desk; null for receipts. */
  officerId: idSchema.nullable(),
});
export type TwoStepHistoryItem = z.infer<typeof twoStepHistoryItemSchema>;

/** At most this many events are kept with an entry (a real entry sees a dozen). */
export const MAX_TWO_STEP_HISTORY = 200;

export const twoStepRecordSchema = twoStepEntrySchema.extend({
  state: twoStepStateSchema,
  history: z.array(twoStepHistoryItemSchema).max(MAX_TWO_STEP_HISTORY),
  /** 1 at creation, +1 per applied change (edit or event). */
  version: z.int().min(1),
  edits: z.record(z.string(), editStampSchema),
  /** Null on the desk until HQ has the entry. */
  hqReceivedAt: isoDateTimeSchema.nullable(),
});
export type TwoStepRecord = z.infer<typeof twoStepRecordSchema>;

/** The entry fields a desk may edit while the entry is a draft or returned. */
export const TWO_STEP_EDITABLE_FIELDS = [
  'entryNo',
  'consignee',
  'transport',
  'billOfLadingNo',
  'tradeMode',
  'flags',
  'lines',
  'containers',
  'licence',
  'guaranteeNo',
] as const;
export type TwoStepEditableField = (typeof TWO_STEP_EDITABLE_FIELDS)[number];

export const twoStepChangesSchema = twoStepEntrySchema
  .pick({
    entryNo: true,
    consignee: true,
    transport: true,
    billOfLadingNo: true,
    tradeMode: true,
    flags: true,
    lines: true,
    containers: true,
    licence: true,
    guaranteeNo: true,
  })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, 'changes: at least one field');
export type TwoStepChanges = z.infer<typeof twoStepChangesSchema>;
