import { z } from 'zod';
import { idSchema, isoDateSchema, portIdSchema } from './common';

/**
 * Which list an HS code (or HS prefix) is on:
 * - allowed: 准入商品, duty-free within the daily amount;
 * - negative: 负面清单, may not be traded at all (rubber, timber, pesticides…);
 * - non_exempt: may be traded but never counts against the duty-free amount.
 */
export const GOODS_LIST_KINDS = ['allowed', 'negative', 'non_exempt'] as const;
export type GoodsListKind = (typeof GOODS_LIST_KINDS)[number];

export const HS_PREFIX = /^\d{2,10}$/;

export const goodsItemSchema = z.object({
  hsCode: z.string().regex(HS_PREFIX, 'HS code: 2–10 digits'),
  name: z.string().min(1).max(100),
  nameEn: z.string().max(100),
  list: z.enum(GOODS_LIST_KINDS),
  /** 限量: most kg a resident may bring per day, where the goods are capped by weight. */
  weightCapKg: z.number().positive().nullable(),
  /** Usual unit and unit price, to prefill a goods line. */
  unit: z.string().min(1).max(8),
});
export type GoodsItem = z.infer<typeof goodsItemSchema>;

/** One version of a port's goods list, HQ reference data with an effective date. */
export const goodsListSchema = z.object({
  id: idSchema,
  portId: portIdSchema,
  version: z.int().positive(),
  effectiveFrom: isoDateSchema,
  items: z.array(goodsItemSchema).max(20_000),
});
export type GoodsList = z.infer<typeof goodsListSchema>;

/** The duty-free policy (免税额度): the daily amount per resident, dated. */
export const dutyFreePolicySchema = z.object({
  id: idSchema,
  portId: portIdSchema,
  version: z.int().positive(),
  effectiveFrom: isoDateSchema,
  /** 8,000 yuan = 800,000 fen at the time of writing. */
  dailyExemptFen: z.int().min(0),
});
export type DutyFreePolicy = z.infer<typeof dutyFreePolicySchema>;

/** The version in force on `date`: the latest whose effectiveFrom is not after it. */
export function versionInForce<T extends { effectiveFrom: string; version: number }>(
  versions: readonly T[],
  date: string,
): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > date) continue;
    if (
      best === null ||
      v.effectiveFrom > best.effectiveFrom ||
      (v.effectiveFrom === best.effectiveFrom && v.version > best.version)
    ) {
      best = v;
    }
  }
  return best;
}
