import { z } from 'zod';

/**
 * Where a two-step entry stands. The one-step path (一次申报) shares the full-declaration,
 * inspection and release statuses; the machine state's `path` tells them apart.
 */
export const TWO_STEP_STATUSES = [
  'draft',
  'summary_declared', // 概要申报
  'returned', // 概要申报退单, may be corrected and declared again
  'reviewed', // 概要申报审结 (or 提前审结)
  'inspection_ordered', // 布控查验
  'inspected', // 查验完毕
  'released_for_removal', // 准予提离
  'full_declared', // 完整申报 (or the one-step declaration)
  'full_returned', // 完整申报退单
  'full_reviewed', // 完整申报审结
  'tax_settled_released', // 缴税放行
  'closed', // 结关
  'deleted', // 删单
] as const;
export const twoStepStatusSchema = z.enum(TWO_STEP_STATUSES);
export type TwoStepStatus = z.infer<typeof twoStepStatusSchema>;

export const TERMINAL_TWO_STEP_STATUSES: readonly TwoStepStatus[] = ['closed', 'deleted'];

export const DECLARATION_PATHS = ['two_step', 'one_step'] as const;
export type DeclarationPath = (typeof DECLARATION_PATHS)[number];

/**
 * What the machine remembers between events. Desk and HQ store it with the entry; both
 * reach it by replaying the same events, so it must hold nothing but what events set.
 */
export const twoStepStateSchema = z.object({
  status: twoStepStatusSchema,
  /** Null while a draft: the first declaration chooses the path. */
  path: z.enum(DECLARATION_PATHS).nullable(),
  hasArrived: z.boolean(), // 运抵, recorded at the yard
  isSuspended: z.boolean(), // 挂起 (receipt H)
});
export type TwoStepState = z.infer<typeof twoStepStateSchema>;

export const INITIAL_TWO_STEP_STATE: TwoStepState = Object.freeze({
  status: 'draft',
  path: null,
  hasArrived: false,
  isSuspended: false,
});

/**
 * Receipt codes from customs systems. Sp* are the summary declaration's own and apply
 * only at the summary stage; the single letters are generic and apply to whichever
 * declaration the entry is at.
 */
export const SUMMARY_RECEIPT_CODES = ['SpL', 'SpE', 'SpJ', 'Sp1', 'SpC', 'SpK'] as const;
export const GENERIC_RECEIPT_CODES = ['L', 'E', 'G', 'C', 'P', 'R', 'D', 'H'] as const;
export const RECEIPT_CODES = [...SUMMARY_RECEIPT_CODES, ...GENERIC_RECEIPT_CODES] as const;
export const receiptCodeSchema = z.enum(RECEIPT_CODES);
export type ReceiptCode = z.infer<typeof receiptCodeSchema>;

export function isSummaryReceipt(code: ReceiptCode): boolean {
  return (SUMMARY_RECEIPT_CODES as readonly string[]).includes(code);
}

export const TWO_STEP_EVENT_TYPES = [
  'declare_summary', // desk: send the summary (again after a return)
  'declare_one_step', // desk: declare everything at once (一次申报)
  'declare_full', // desk: the full declaration (again after a return)
  'accept', // L / SpL: customs received it
  'supplement', // Sp1: summary supplemented
  'return', // E / SpE: returned for correction (退单)
  'review', // G / SpJ, or advance review (提前审结) recorded at the yard
  'order_inspection', // C / SpC
  'record_arrival', // yard: goods arrived (运抵)
  'record_inspection', // yard: inspection finished
  'release', // P / SpK, or release at the gate (卡口验放)
  'close', // R: 结关
  'delete', // D: 删单, or a desk discarding its draft
  'suspend', // H: 挂起
  'resume', // hold lifted
] as const;
export type TwoStepEventType = (typeof TWO_STEP_EVENT_TYPES)[number];

/** The event each receipt code carries. */
export const RECEIPT_EVENT_TYPES = {
  SpL: 'accept',
  SpE: 'return',
  SpJ: 'review',
  Sp1: 'supplement',
  SpC: 'order_inspection',
  SpK: 'release',
  L: 'accept',
  E: 'return',
  G: 'review',
  C: 'order_inspection',
  P: 'release',
  R: 'close',
  D: 'delete',
  H: 'suspend',
} as const satisfies Record<ReceiptCode, TwoStepEventType>;

/** One event. `receipt` is set when a customs receipt carried it (see `receiptToEvent`). */
export const twoStepEventSchema = z
  .object({
    type: z.enum(TWO_STEP_EVENT_TYPES),
    receipt: receiptCodeSchema.optional(),
  })
  .refine((event) => event.receipt === undefined || RECEIPT_EVENT_TYPES[event.receipt] === event.type, {
    message: 'receipt code does not carry this event type',
    path: ['receipt'],
  });
export type TwoStepEvent = z.infer<typeof twoStepEventSchema>;

/** Names for the desk and for refusal reasons. */
export const TWO_STEP_STATUS_LABELS: Record<TwoStepStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  summary_declared: { zh: '已概要申报', en: 'summary declared' },
  returned: { zh: '概要申报已退单', en: 'summary returned' },
  reviewed: { zh: '概要申报已审结', en: 'summary reviewed' },
  inspection_ordered: { zh: '待查验', en: 'inspection ordered' },
  inspected: { zh: '已查验', en: 'inspected' },
  released_for_removal: { zh: '准予提离', en: 'released for removal' },
  full_declared: { zh: '已完整申报', en: 'full declaration made' },
  full_returned: { zh: '完整申报已退单', en: 'full declaration returned' },
  full_reviewed: { zh: '完整申报已审结', en: 'full declaration reviewed' },
  tax_settled_released: { zh: '已缴税放行', en: 'tax settled, released' },
  closed: { zh: '已结关', en: 'closed' },
  deleted: { zh: '已删单', en: 'deleted' },
};

export const TWO_STEP_EVENT_LABELS: Record<TwoStepEventType, { zh: string; en: string }> = {
  declare_summary: { zh: '概要申报', en: 'declare the summary' },
  declare_one_step: { zh: '一次申报', en: 'declare in one step' },
  declare_full: { zh: '完整申报', en: 'make the full declaration' },
  accept: { zh: '接受申报', en: 'accept' },
  supplement: { zh: '补充申报', en: 'supplement' },
  return: { zh: '退单', en: 'return' },
  review: { zh: '审结', en: 'review' },
  order_inspection: { zh: '布控查验', en: 'order inspection' },
  record_arrival: { zh: '登记运抵', en: 'record arrival' },
  record_inspection: { zh: '登记查验完毕', en: 'record the inspection' },
  release: { zh: '放行', en: 'release' },
  close: { zh: '结关', en: 'close' },
  delete: { zh: '删单', en: 'delete' },
  suspend: { zh: '挂起', en: 'suspend' },
  resume: { zh: '解除挂起', en: 'resume' },
};
