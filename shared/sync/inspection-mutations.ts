import { z } from 'zod';
import { consignmentDraftSchema, consignmentSchema } from '../model/consignment';
import { inspectionOrderSchema, inspectionRecordSchema } from '../model/inspection';
import { siteSchema } from '../model/site';

/**
 * Issue 6's mutations and pull entities (designated sites, consignments at the yard,
 * inspection orders and records), kept here and spread into protocol.ts's unions so that
 * the protocol file only names them. Additive to protocol v2: a desk that never sends
 * them is unaffected.
 *
 * - `consignment.create`: a consignment recorded at the yard. HQ re-checks the site's
 *   status on the arrival date with its own copy of the site (assessConsignmentAtHq) and
 *   keeps the record, flagged when the site was meanwhile suspended or revoked.
 * - `inspection_order.create`: the order (布控指令) as the officer received it.
 * - `inspection.create`: the record of an inspection done against an order, with the
 *   order it was done against (which may travel in the same batch: HQ decides each kind
 *   of record on its own, so the record carries what it is checked against). HQ checks
 *   the record against that order (checkInspectionRecord), and the order against the one
 *   it holds under that id, if any. Attachments travel as blobs (blobs.ts) named by
 *   their SHA-256 in the record.
 */
export const INSPECTION_MUTATION_TYPES = ['consignment.create', 'inspection_order.create', 'inspection.create'] as const;

export function inspectionMutationSchemas<B extends z.ZodRawShape>(base: B) {
  return [
    z.object({ ...base, type: z.literal('consignment.create'), record: consignmentDraftSchema }),
    z.object({ ...base, type: z.literal('inspection_order.create'), record: inspectionOrderSchema }),
    z.object({ ...base, type: z.literal('inspection.create'), record: inspectionRecordSchema, order: inspectionOrderSchema }),
  ] as const;
}

export const INSPECTION_ENTITIES = ['site', 'consignment', 'inspection_order', 'inspection'] as const;

export function inspectionChangeSchemas() {
  return [
    z.object({ seq: z.int(), entity: z.literal('site'), data: siteSchema }),
    z.object({ seq: z.int(), entity: z.literal('consignment'), data: consignmentSchema }),
    z.object({ seq: z.int(), entity: z.literal('inspection_order'), data: inspectionOrderSchema }),
    z.object({ seq: z.int(), entity: z.literal('inspection'), data: inspectionRecordSchema }),
  ] as const;
}
