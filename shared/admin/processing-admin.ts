import { z } from 'zod';
import { isoDateSchema } from '../model/common';
import { processingFirmSchema, processingPolicySchema } from '../model/processing';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from '../storable-text';
import { ROUTES } from '../sync/protocol';
import { writeAnswerSchema } from './admin-answers';

/**
 * The administrator's requests about landing processing (落地加工, issue 4): processing
 * firms (加工企业) and the processing policy. Both are reference data: HQ their only
 * writer, desks pull them. A firm is known by its unified social credit code, one firm
 * per code in a port; a policy is a new version with its own effective date, never an edit.
 */
const at = (...segments: string[]) => `${ROUTES.admin}${segments.map(encodeURIComponent).join('/')}`;

export const PROCESSING_ADMIN_PATHS = {
  firms: (port: string) => at('ports', port, 'processing-firms'),
  firm: (port: string, firmId: string) => at('ports', port, 'processing-firms', firmId),
  policies: (port: string) => at('ports', port, 'processing-policies'),
} as const;

function storable<S extends z.ZodType>(schema: S) {
  return schema.superRefine((value, context) => {
    const path = findUnstorableText(value);
    if (path !== null) context.addIssue({ code: 'custom', path, message: UNSTORABLE_TEXT_MESSAGE });
  });
}

const firmFields = {
  name: processingFirmSchema.shape.name,
  creditCode: z
    .string()
    .trim()
    .transform((text) => text.toUpperCase())
    .pipe(processingFirmSchema.shape.creditCode),
  warehouseAddress: processingFirmSchema.shape.warehouseAddress,
};

/** POST ports/:port/processing-firms */
export const newProcessingFirmRequestSchema = storable(z.object(firmFields));
export type NewProcessingFirmRequest = z.infer<typeof newProcessingFirmRequestSchema>;

/** PATCH ports/:port/processing-firms/:firm — the name and the warehouse; the credit code names the firm and does not change. */
export const updateProcessingFirmRequestSchema = storable(
  z
    .object({ name: firmFields.name.optional(), warehouseAddress: firmFields.warehouseAddress.optional() })
    .refine((v) => v.name !== undefined || v.warehouseAddress !== undefined, '没有要修改的字段 / Nothing to change'),
);
export type UpdateProcessingFirmRequest = z.infer<typeof updateProcessingFirmRequestSchema>;

/** POST ports/:port/processing-policies */
export const newProcessingPolicyRequestSchema = z.object({ isSaleTaxable: z.boolean(), effectiveFrom: isoDateSchema });
export type NewProcessingPolicyRequest = z.infer<typeof newProcessingPolicyRequestSchema>;

export const processingFirmsAnswerSchema = z.object({ firms: z.array(processingFirmSchema) });
export const processingPoliciesAnswerSchema = z.object({ policies: z.array(processingPolicySchema) });
export const processingFirmWriteAnswerSchema = writeAnswerSchema(processingFirmSchema);
export const processingPolicyWriteAnswerSchema = writeAnswerSchema(processingPolicySchema);
