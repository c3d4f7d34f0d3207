import { z } from 'zod';
import { AUDIT_PROBLEM_KINDS } from '../audit/chain';
import { deviceIdSchema, idSchema, isoDateTimeSchema, portIdSchema } from '../model/common';
import { dutyFreePolicySchema, goodsListSchema } from '../model/goods-list';
import { marketPointSchema, officerSchema } from '../model/port';

/**
 * What HQ answers the administrator's console (server/admin/). Records are the ones
 * desks pull (officerSchema, goodsListSchema…), with what only HQ keeps beside them
 * (an officer's `disabled`). Password hashes never leave HQ.
 */
const count = z.int().min(0);

/** GET ports */
export const portSummarySchema = z.object({
  id: portIdSchema,
  name: z.string(),
  nameEn: z.string(),
  /** The port's change counter: the seq of its latest change. */
  lastSeq: count,
  counts: z.object({ declarations: count, residents: count, officers: count }),
  openConflicts: count,
  /** Desks whose audit chain HQ found broken. */
  brokenChains: count,
});
export type PortSummary = z.infer<typeof portSummarySchema>;
export const portsAnswerSchema = z.object({ ports: z.array(portSummarySchema) });
export type PortsAnswer = z.infer<typeof portsAnswerSchema>;

/** An officer as the console lists them: the pulled record, and whether they may sign in. */
export const adminOfficerSchema = officerSchema.extend({ disabled: z.boolean() });
export type AdminOfficer = z.infer<typeof adminOfficerSchema>;

/** GET ports/:port/reference — every version, newest first. */
export const referenceAnswerSchema = z.object({
  portId: portIdSchema,
  policies: z.array(dutyFreePolicySchema),
  goodsLists: z.array(goodsListSchema),
  officers: z.array(adminOfficerSchema),
  points: z.array(marketPointSchema),
});
export type ReferenceAnswer = z.infer<typeof referenceAnswerSchema>;

/** Every write answers the record as desks will pull it, and the seq it took in the port's feed. */
export function writeAnswerSchema<S extends z.ZodType>(record: S) {
  return z.object({ seq: z.int().min(1), record });
}
export const policyWriteAnswerSchema = writeAnswerSchema(dutyFreePolicySchema);
export const goodsListWriteAnswerSchema = writeAnswerSchema(goodsListSchema);
export const officerWriteAnswerSchema = writeAnswerSchema(adminOfficerSchema);
export const pointWriteAnswerSchema = writeAnswerSchema(marketPointSchema);

/** One desk's audit chain as HQ has checked it (table audit_chains). */
export const auditChainSummarySchema = z.object({
  deviceId: deviceIdSchema,
  officerId: idSchema,
  /** Null when the officer is not (or no longer) on the port's roll. */
  officerName: z.string().nullable(),
  /** The last link of the unbroken run from link 1. */
  headN: count,
  entries: count,
  broken: z.boolean(),
  lastReceivedAt: isoDateTimeSchema,
  verifiedAt: isoDateTimeSchema.nullable(),
});
export type AuditChainSummary = z.infer<typeof auditChainSummarySchema>;

export const auditBreakSchema = z.object({
  breakId: idSchema,
  deviceId: deviceIdSchema,
  n: count,
  /** An AuditProblemKind; kept as text, as the push side may name kinds of its own. */
  kind: z.string(),
  message: z.string(),
  /** 'push': found as the entry arrived; 'verify': found when an administrator re-verified. */
  source: z.string(),
  detectedAt: isoDateTimeSchema,
});
export type AuditBreak = z.infer<typeof auditBreakSchema>;

/** GET ports/:port/audit — every desk's chain, and the most recent breaks. */
export const auditAnswerSchema = z.object({
  portId: portIdSchema,
  chains: z.array(auditChainSummarySchema),
  breaks: z.array(auditBreakSchema),
});
export type AuditAnswer = z.infer<typeof auditAnswerSchema>;

/** One stored entry of a desk's chain: who, what, both clocks, and the link. */
export const auditEntrySchema = z.object({
  n: count,
  mutationId: idSchema,
  type: z.string().nullable(),
  officerId: idSchema,
  /** The desk's clock (may be wrong) and HQ's when it received the entry. */
  deskTime: isoDateTimeSchema.nullable(),
  hqTime: isoDateTimeSchema,
  hash: z.string(),
  prev: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** GET ports/:port/audit/:deviceId/entries — ask again with `after = nextAfter` while it is not null. */
export const auditEntriesAnswerSchema = z.object({
  deviceId: deviceIdSchema,
  entries: z.array(auditEntrySchema),
  nextAfter: count.nullable(),
});
export type AuditEntriesAnswer = z.infer<typeof auditEntriesAnswerSchema>;

/** POST ports/:port/audit/:deviceId/verify — the verdict on the whole stored chain. */
export const auditVerdictSchema = z.object({
  deviceId: deviceIdSchema,
  checked: count,
  head: z.object({ n: count, hash: z.string() }),
  /** The first problems found (at most 1,000), in chain order. */
  problems: z.array(z.object({ n: count, kind: z.enum(AUDIT_PROBLEM_KINDS), message: z.string() })),
  /** Every problem found, however many. */
  problemCount: count,
  /** Problems not recorded before this verification (now in audit_breaks, source 'verify'). */
  newBreaks: count,
  broken: z.boolean(),
  verifiedAt: isoDateTimeSchema,
});
export type AuditVerdict = z.infer<typeof auditVerdictSchema>;
