import { z } from 'zod';
import { idSchema, portIdSchema } from '../model/common';
import { processingFirmSchema, processingPolicySchema } from '../model/processing';
import {
  centralDeclarationDraftSchema,
  centralDeclarationRecordSchema,
  directTransportDraftSchema,
  directTransportRecordSchema,
  processingSaleDraftSchema,
  processingSaleRecordSchema,
  transportArrivalSchema,
} from '../model/processing-record';
import { centralDeclarationEventSchema } from '../rules/processing-flow';

/**
 * Landing processing's mutations and pull entities (落地加工, issue 4), spread into
 * protocol.ts's unions. Additive to protocol v2.
 *
 * - `processing_sale.create`: a resident sells declared goods to a firm. `countedSaleIds`
 *   names the earlier sales of the same declaration the desk counted: HQ refuses a sale
 *   that is above what was declared even by those (the desk should have), and keeps but
 *   FLAGS one that is above only because of sales the desk had not seen (another desk's).
 * - `central_declaration.create`: the agent's bundle of one firm's sales, as a draft.
 * - `central_declaration.event`: declare, assess_tax, settle_tax (shared applyCentralEvent);
 *   HQ assesses the tax again with its own records and keeps its own, flagged, if it differs.
 * - `direct_transport.create`: the goods leave under seal; `direct_transport.arrive`:
 *   arrival at the firm's warehouse with the seal as found (shared recordArrival).
 */
export const PROCESSING_MUTATION_TYPES = [
  'processing_sale.create',
  'central_declaration.create',
  'central_declaration.event',
  'direct_transport.create',
  'direct_transport.arrive',
] as const;

export function processingMutationSchemas<B extends z.ZodRawShape>(base: B) {
  return [
    z.object({ ...base, type: z.literal('processing_sale.create'), record: processingSaleDraftSchema, countedSaleIds: z.array(idSchema).max(5000) }),
    z.object({ ...base, type: z.literal('central_declaration.create'), record: centralDeclarationDraftSchema }),
    z.object({ ...base, type: z.literal('central_declaration.event'), portId: portIdSchema, recordId: idSchema, event: centralDeclarationEventSchema }),
    z.object({ ...base, type: z.literal('direct_transport.create'), record: directTransportDraftSchema }),
    z.object({ ...base, type: z.literal('direct_transport.arrive'), portId: portIdSchema, recordId: idSchema, arrival: transportArrivalSchema }),
  ] as const;
}

export const PROCESSING_ENTITIES = ['processing_firm', 'processing_policy', 'processing_sale', 'central_declaration', 'direct_transport'] as const;

export function processingChangeSchemas() {
  return [
    z.object({ seq: z.int(), entity: z.literal('processing_firm'), data: processingFirmSchema }),
    z.object({ seq: z.int(), entity: z.literal('processing_policy'), data: processingPolicySchema }),
    z.object({ seq: z.int(), entity: z.literal('processing_sale'), data: processingSaleRecordSchema }),
    z.object({ seq: z.int(), entity: z.literal('central_declaration'), data: centralDeclarationRecordSchema }),
    z.object({ seq: z.int(), entity: z.literal('direct_transport'), data: directTransportRecordSchema }),
  ] as const;
}
