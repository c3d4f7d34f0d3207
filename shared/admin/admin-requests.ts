import { z } from 'zod';
import { addDays, daysBetween } from '../dates';
import { fenSchema, isoDateSchema, roleSchema } from '../model/common';
import { goodsItemSchema } from '../model/goods-list';
import { marketPointSchema, officerSchema } from '../model/port';
import { fail, ok, type Result } from '../result';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from '../storable-text';

/**
 * What the HQ administrator's console sends to HQ (server/admin/). Each body is parsed
 * with one of these at HQ's edge; the console uses the same schemas and rules to check a
 * form before it is sent. Every text must be storable (no NUL, no lone surrogate).
 */
function storable<S extends z.ZodType>(schema: S) {
  return schema.superRefine((value, context) => {
    const path = findUnstorableText(value);
    if (path !== null) context.addIssue({ code: 'custom', path, message: UNSTORABLE_TEXT_MESSAGE });
  });
}

/** Initial and reset passwords: long enough to resist guessing, short enough for scrypt's input. */
export const OFFICER_PASSWORD_MIN = 10;
export const officerPasswordSchema = z
  .string()
  .min(OFFICER_PASSWORD_MIN, `密码至少 ${OFFICER_PASSWORD_MIN} 个字符 / Password: at least ${OFFICER_PASSWORD_MIN} characters`)
  .max(256);

/**
 * How far ahead a new reference version may take effect. Further than this is far more
 * likely a typo (2062 for 2026) than a plan, and would sit unnoticed in every desk.
 */
export const MAX_EFFECTIVE_DAYS_AHEAD = 730;

/**
 * Whether a new policy or goods-list version may take effect on `effectiveFrom`, given
 * today's date in CST. Never before today: declarations already made were checked against
 * the version in force on their trade date, and a version dated into the past would
 * change, behind their backs, which rules those records were judged by. A mistake is
 * corrected by a newer version with the same date (versionInForce prefers the higher
 * version on the same day), never by rewriting the past.
 */
export function checkEffectiveFrom(effectiveFrom: string, today: string): Result<string> {
  const ahead = daysBetween(today, effectiveFrom);
  if (ahead < 0) {
    return fail(
      'validation',
      `生效日期不能早于今天（${today}）/ effectiveFrom: may not be before today (${today}, CST)`,
      'effectiveFrom',
    );
  }
  if (ahead > MAX_EFFECTIVE_DAYS_AHEAD) {
    const latest = addDays(today, MAX_EFFECTIVE_DAYS_AHEAD);
    return fail('validation', `生效日期不能晚于 ${latest} / effectiveFrom: may not be after ${latest}`, 'effectiveFrom');
  }
  return ok(effectiveFrom);
}

/** POST ports/:port/policies — a new version of the duty-free policy (免税额度). */
export const newPolicyRequestSchema = z.object({
  /** The daily duty-free amount per resident, in fen. */
  dailyExemptFen: fenSchema,
  effectiveFrom: isoDateSchema,
});
export type NewPolicyRequest = z.infer<typeof newPolicyRequestSchema>;

/** POST ports/:port/goods-lists — a new version of the goods list, whole. */
export const newGoodsListRequestSchema = storable(
  z.object({
    effectiveFrom: isoDateSchema,
    items: z.array(goodsItemSchema).min(1, '清单至少一项 / A list needs at least one item').max(20_000),
  }),
).superRefine((request, context) => {
  // Goods are matched by the longest HS prefix (shared/rules/goods-check.ts): one prefix
  // listed twice would make the answer depend on the order of the list.
  const seen = new Set<string>();
  request.items.forEach((item, i) => {
    if (seen.has(item.hsCode)) {
      context.addIssue({ code: 'custom', path: ['items', i, 'hsCode'], message: `HS ${item.hsCode} 重复 / HS prefix listed twice` });
    }
    seen.add(item.hsCode);
  });
});
export type NewGoodsListRequest = z.infer<typeof newGoodsListRequestSchema>;

/** POST ports/:port/officers — a new officer with an initial password. */
export const newOfficerRequestSchema = storable(
  z.object({
    username: officerSchema.shape.username,
    name: officerSchema.shape.name,
    role: roleSchema,
    password: officerPasswordSchema,
  }),
);
export type NewOfficerRequest = z.infer<typeof newOfficerRequestSchema>;

/** PATCH ports/:port/officers/:id — any of these; at least one. */
export const updateOfficerRequestSchema = storable(
  z
    .object({
      name: officerSchema.shape.name.optional(),
      role: roleSchema.optional(),
      disabled: z.boolean().optional(),
      password: officerPasswordSchema.optional(),
    })
    .refine((r) => Object.values(r).some((v) => v !== undefined), '至少修改一项 / Change at least one field'),
);
export type UpdateOfficerRequest = z.infer<typeof updateOfficerRequestSchema>;

/** POST ports/:port/points — a new market point (互市点). */
export const newPointRequestSchema = storable(
  z.object({ id: marketPointSchema.shape.id, name: marketPointSchema.shape.name, nameEn: marketPointSchema.shape.nameEn }),
);
export type NewPointRequest = z.infer<typeof newPointRequestSchema>;

/** PATCH ports/:port/points/:id — new names; at least one. */
export const updatePointRequestSchema = storable(
  z
    .object({ name: marketPointSchema.shape.name.optional(), nameEn: marketPointSchema.shape.nameEn.optional() })
    .refine((r) => r.name !== undefined || r.nameEn !== undefined, '至少修改一项 / Change at least one field'),
);
export type UpdatePointRequest = z.infer<typeof updatePointRequestSchema>;

export const MAX_AUDIT_PAGE = 1000;

/** GET ports/:port/audit/:deviceId/entries?after=&limit= */
export const auditEntriesQuerySchema = z.object({
  /** Entries with a chain number above this. */
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(200),
});
export type AuditEntriesQuery = z.infer<typeof auditEntriesQuerySchema>;
