import { z } from 'zod';
import { deviceIdSchema, isoDateTimeSchema, portIdSchema } from '../model/common';
import { auditLinkSchema } from '../audit/chain';
import { conflictSchema } from '../model/conflict';
import { declarationChangesSchema, declarationDraftSchema, declarationSchema } from '../model/declaration';
import { dutyFreePolicySchema, goodsListSchema } from '../model/goods-list';
import { marketPointSchema, officerSchema } from '../model/port';
import { residentSchema } from '../model/resident';
import { twoStepEntrySchema } from '../model/two-step';
import { twoStepPolicySchema } from '../model/two-step-policy';
import { deskTwoStepEventSchema, twoStepChangesSchema, twoStepRecordSchema } from '../model/two-step-record';
import { ERROR_CODES } from '../result';
import { INSPECTION_ENTITIES, inspectionChangeSchemas, inspectionMutationSchemas } from './inspection-mutations';
import { DECLARATION_LIFE_ENTITIES, declarationLifeChangeSchemas, declarationLifeMutationSchemas } from './declaration-life-mutations';
import { GROUP_ENTITIES, groupChangeSchemas, groupMutationSchemas } from './group-mutations';
import { PROCESSING_ENTITIES, processingChangeSchemas, processingMutationSchemas } from './processing-mutations';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from '../storable-text';

/**
 * The desk ⇄ HQ sync protocol. docs/sync-protocol.md is its prose description.
 * Bump PROTOCOL_VERSION on any change a desk of the previous version would misread;
 * HQ answers 426 `protocol_version` to a desk it cannot serve.
 */
export const PROTOCOL_VERSION = 2;
export const PROTOCOL_HEADER = 'x-borderdesk-protocol';
export const MAX_PUSH_MUTATIONS = 2000;
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 2000;
/** Largest request body HQ reads, in bytes. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

// ── Auth ─────────────────────────────────────────────────────────────────────────────

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  deviceId: deviceIdSchema,
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z.object({
  refreshToken: z.string().min(20).max(512),
  deviceId: deviceIdSchema,
});
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** The port's own name, for people: the desk's header shows it (the id stays in the title). */
export const portLabelSchema = z.object({
  name: z.string().min(1).max(64),
  nameEn: z.string().max(128),
});
export type PortLabel = z.infer<typeof portLabelSchema>;

export const sessionSchema = z.object({
  accessToken: z.string(),
  /** ISO instant (HQ clock) when the access token stops working. */
  accessExpiresAt: isoDateTimeSchema,
  refreshToken: z.string(),
  officer: officerSchema,
  /** Absent from HQs before 2026-12; a desk then shows the port id. */
  port: portLabelSchema.optional(),
});
export type Session = z.infer<typeof sessionSchema>;

// ── Push ─────────────────────────────────────────────────────────────────────────────

/**
 * Every change a desk makes travels as a mutation with an id the desk made, and is a
 * link of the desk's audit chain (`audit`, shared/audit/chain.ts): the link's hash
 * covers the whole mutation but `audit` itself.
 */
const mutationBase = {
  id: z.uuid(),
  /** The desk's clock when the change was made. */
  deskTime: isoDateTimeSchema,
  audit: auditLinkSchema,
};
export const mutationSchema = z.discriminatedUnion('type', [
  z.object({
    ...mutationBase,
    type: z.literal('declaration.create'),
    record: declarationDraftSchema,
  }),
  /** Changes some editable fields of a declaration; merged field by field at HQ (shared/rules/field-merge.ts). */
  z.object({
    ...mutationBase,
    type: z.literal('declaration.update'),
    portId: portIdSchema,
    recordId: z.uuid(),
    /** The record's version the desk edited (HQ's `version`, 1 for a record the desk made and has not yet pulled). */
    baseVersion: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
    changes: declarationChangesSchema,
  }),
  /** A supervisor settles a conflict by choosing one side; the choice becomes the field's latest change. */
  z.object({
    ...mutationBase,
    type: z.literal('conflict.resolve'),
    portId: portIdSchema,
    conflictId: z.uuid(),
    choice: z.enum(['winner', 'loser']),
  }),
  /** A new two-step entry (两步申报), a draft until the desk declares it. */
  z.object({
    ...mutationBase,
    type: z.literal('two_step.create'),
    record: twoStepEntrySchema,
  }),
  /** Changes fields of a draft or returned entry; merged field by field like declaration.update. */
  z.object({
    ...mutationBase,
    type: z.literal('two_step.update'),
    portId: portIdSchema,
    recordId: z.uuid(),
    baseVersion: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
    changes: twoStepChangesSchema,
  }),
  /** An event recorded at the desk (declare, arrival, inspection, advance review, gate release); HQ runs the machine again. */
  z.object({
    ...mutationBase,
    type: z.literal('two_step.event'),
    portId: portIdSchema,
    recordId: z.uuid(),
    event: deskTwoStepEventSchema,
  }),
  ...inspectionMutationSchemas(mutationBase),
  ...declarationLifeMutationSchemas(mutationBase),
  ...groupMutationSchemas(mutationBase),
  ...processingMutationSchemas(mutationBase),
]).superRefine((mutation, context) => {
  // Checked on the parsed value: unknown keys are already stripped and never stored.
  const path = findUnstorableText(mutation);
  if (path !== null) context.addIssue({ code: 'custom', path, message: UNSTORABLE_TEXT_MESSAGE });
});
export type Mutation = z.infer<typeof mutationSchema>;
export type MutationType = Mutation['type'];

/**
 * The envelope is checked strictly; the mutations one by one, so that one bad mutation
 * is answered with its own error while the others apply.
 */
export const pushRequestSchema = z.object({
  protocolVersion: z.int(),
  deviceId: deviceIdSchema,
  mutations: z.array(z.unknown()).min(1).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = { protocolVersion: number; deviceId: string; mutations: Mutation[] };

export const mutationErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
});

export const mutationResultSchema = z.object({
  /** Position in the request, so a mutation without a readable id can still be answered. */
  index: z.int(),
  id: z.string().nullable(),
  status: z.enum(['applied', 'rejected']),
  /** True when HQ had already stored this result: the replay changed nothing. */
  replayed: z.boolean(),
  /** Sequence the change got in the port's feed (applied only). */
  seq: z.int().nullable(),
  /** Flags HQ raised while re-checking (applied only). */
  flags: z.array(z.object({ code: z.string(), message: z.string(), messageEn: z.string(), at: z.string() })),
  /** Conflicts this change met (declaration.update): ids of the conflict records HQ made. */
  conflicts: z.array(z.uuid()).default([]),
  error: mutationErrorSchema.nullable(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
  protocolVersion: z.int(),
  results: z.array(mutationResultSchema),
  hqTime: isoDateTimeSchema,
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ── Pull ─────────────────────────────────────────────────────────────────────────────

export const ENTITIES = [
  'declaration',
  'resident',
  'market_point',
  'goods_list',
  'policy',
  'officer',
  'conflict',
  'two_step_entry',
  'two_step_policy',
  ...INSPECTION_ENTITIES,
  ...DECLARATION_LIFE_ENTITIES,
  ...GROUP_ENTITIES,
  ...PROCESSING_ENTITIES,
] as const;
export type Entity = (typeof ENTITIES)[number];

/** One record in a port's change feed. Each carries the record's whole latest state. */
export const changeSchema = z.discriminatedUnion('entity', [
  z.object({ seq: z.int(), entity: z.literal('declaration'), data: declarationSchema }),
  z.object({ seq: z.int(), entity: z.literal('resident'), data: residentSchema }),
  z.object({ seq: z.int(), entity: z.literal('market_point'), data: marketPointSchema }),
  z.object({ seq: z.int(), entity: z.literal('goods_list'), data: goodsListSchema }),
  z.object({ seq: z.int(), entity: z.literal('policy'), data: dutyFreePolicySchema }),
  z.object({ seq: z.int(), entity: z.literal('officer'), data: officerSchema }),
  z.object({ seq: z.int(), entity: z.literal('conflict'), data: conflictSchema }),
  z.object({ seq: z.int(), entity: z.literal('two_step_entry'), data: twoStepRecordSchema }),
  z.object({ seq: z.int(), entity: z.literal('two_step_policy'), data: twoStepPolicySchema }),
  ...inspectionChangeSchemas(),
  ...declarationLifeChangeSchemas(),
  ...groupChangeSchemas(),
  ...processingChangeSchemas(),
]);
export type Change = z.infer<typeof changeSchema>;

export const pullQuerySchema = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
  /** Another port's feed: an HQ administrator only (read across ports); anyone else gets 403. */
  port: portIdSchema.optional(),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

export const pullResponseSchema = z.object({
  protocolVersion: z.int(),
  portId: portIdSchema,
  changes: z.array(changeSchema),
  /** Store this with the page; ask for `after=cursor` next. */
  cursor: z.int(),
  hasMore: z.boolean(),
  hqTime: isoDateTimeSchema,
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

// ── Customs receipts (两步申报回执) ─────────────────────────────────────────────────────

export const MAX_RECEIPTS = 1000;

export const receiptSchema = z.object({
  /** The customs system's id of this receipt: HQ applies each id once. */
  id: z.uuid(),
  portId: portIdSchema,
  /** The entry's record id (the desk's uuid, sent to customs with the declaration). */
  entryId: z.uuid(),
  /** Receipt code (DOMAIN.md §3); checked by receiptToEvent, so an unknown code is answered with the known ones. */
  code: z.string().max(8),
  /** The customs system's time of the receipt. */
  at: isoDateTimeSchema,
  /** 报关单号 assigned by customs (with SpL / L), kept when the entry has none. */
  entryNo: z.string().regex(/^\d{18}$/, 'entry number: 18 digits').optional(),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const receiptsRequestSchema = z.object({
  receipts: z.array(z.unknown()).min(1).max(MAX_RECEIPTS),
});

export const receiptResultSchema = z.object({
  index: z.int(),
  id: z.string().nullable(),
  status: z.enum(['applied', 'rejected']),
  replayed: z.boolean(),
  /** The HTTP status this receipt alone would get: 200, 404 unknown entry, 409 refused by the machine, 400 bad receipt. */
  httpStatus: z.int(),
  seq: z.int().nullable(),
  error: mutationErrorSchema.nullable(),
});
export type ReceiptResult = z.infer<typeof receiptResultSchema>;

export const receiptsResponseSchema = z.object({
  results: z.array(receiptResultSchema),
  hqTime: isoDateTimeSchema,
});
export type ReceiptsResponse = z.infer<typeof receiptsResponseSchema>;

/** The body of every non-2xx answer from HQ. */
export const errorBodySchema = z.object({
  error: mutationErrorSchema,
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const healthResponseSchema = z.object({
  ok: z.boolean(),
  protocolVersion: z.int(),
  store: z.enum(['pglite', 'postgres']),
  hqTime: isoDateTimeSchema,
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** HTTP routes, so desk and HQ name them once. */
export const ROUTES = {
  health: '/api/v1/health',
  login: '/api/v1/auth/login',
  refresh: '/api/v1/auth/refresh',
  logout: '/api/v1/auth/logout',
  push: '/api/v1/sync/push',
  pull: '/api/v1/sync/pull',
  reportsDay: '/api/v1/reports/day',
  /** Receipts from the customs system (two-step entries); HQ administrators until a customs service account exists. */
  receipts: '/api/v1/receipts',
  /** The HQ administrator's API behind the web console (server/admin/). */
  admin: '/api/v1/admin/',
} as const;

/** HQ's web console (HQ administrators): reference data, officers, audit chains. */
export const CONSOLE_PATH = '/console/';
