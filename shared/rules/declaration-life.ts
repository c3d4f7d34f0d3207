import { z } from 'zod';
import { idSchema, isoDateSchema, portIdSchema } from '../model/common';
import { DECLARATION_STATUSES, type DeclarationStatus } from '../model/declaration';
import { type GateWeightCheck, gateWeightCheckSchema } from '../model/gate-weight';
import { fail, ok, type Result } from '../result';

/**
 * A mutual-market declaration's life, written once for the desk and HQ:
 * draft → declared → reviewed (risk hit or not) → inspected (only when chosen) → released
 * at the gate (卡口验放), where the weight passed is compared with the declared gross
 * weight within a tolerance set by policy.
 */

/**
 * Gate weighing tolerance (卡口过磅误差), HQ reference data: dated and versioned like the
 * duty-free policy. `gatePolicyValuesSchema` is what an administrator publishes (the
 * console's form); HQ adds the id, port and version.
 */
const gatePolicyValues = {
  /** ± this percentage of the declared gross weight, e.g. 5 for 5 %: at most two decimals, so it is whole basis points. */
  tolerancePercent: z
    .number()
    .min(0)
    .max(100)
    .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, 'tolerance: at most two decimals (2.5)')
    .nullable(),
  /** ± this many kg whatever the load. */
  toleranceKg: z.number().min(0).max(100_000).nullable(),
  /** With both set: `larger` lets the more generous allowance decide, `smaller` the stricter. */
  combine: z.enum(['larger', 'smaller']),
};
const hasTolerance: [(p: { tolerancePercent: number | null; toleranceKg: number | null }) => boolean, { message: string; path: string[] }] = [
  (p) => p.tolerancePercent !== null || p.toleranceKg !== null,
  { message: 'a percentage or a weight tolerance (or both)', path: ['tolerancePercent'] },
];

export const gatePolicyValuesSchema = z.object({ effectiveFrom: isoDateSchema, ...gatePolicyValues }).refine(...hasTolerance);
export type GatePolicyValues = z.infer<typeof gatePolicyValuesSchema>;

export const gatePolicySchema = z
  .object({
    id: idSchema,
    portId: portIdSchema,
    version: z.int().positive(),
    effectiveFrom: isoDateSchema,
    ...gatePolicyValues,
  })
  .refine(...hasTolerance);
export type GatePolicy = z.infer<typeof gatePolicySchema>;

export { GATE_WEIGHT_VERDICTS, type GateWeightCheck, gateWeightCheckSchema } from '../model/gate-weight';

const grams = (kg: number) => Math.round(kg * 1000);

/** The declared gross weight of a declaration: its lines' gross weights, summed in whole grams. */
export function declaredGrossKg(lines: readonly { grossKg: number }[]): number {
  return lines.reduce((sum, line) => sum + grams(line.grossKg), 0) / 1000;
}

/**
 * The gate weight against the declared gross weight. Compared in whole grams, so a
 * difference exactly at the allowance is within, not lost to floating point.
 */
export function checkGateWeight(declaredGrossKg: number, gateWeightKg: number, policy: GatePolicy): GateWeightCheck {
  const declared = grams(declaredGrossKg);
  const difference = grams(gateWeightKg) - declared;
  const allowances: number[] = [];
  if (policy.tolerancePercent !== null) {
    // Whole grams below the exact allowance: |difference| is whole grams, so ≤ floor(x) ⇔ ≤ x.
    allowances.push(Math.floor((declared * Math.round(policy.tolerancePercent * 100)) / 10_000));
  }
  if (policy.toleranceKg !== null) allowances.push(grams(policy.toleranceKg));
  const allowance = policy.combine === 'larger' ? Math.max(...allowances) : Math.min(...allowances);
  const verdict = Math.abs(difference) <= allowance ? 'within' : difference > 0 ? 'over' : 'under';
  return {
    verdict,
    declaredKg: declared / 1000,
    gateKg: grams(gateWeightKg) / 1000,
    differenceKg: difference / 1000,
    allowanceKg: allowance / 1000,
    gatePolicyVersion: policy.version,
  };
}

export function describeGateWeight(check: GateWeightCheck): { zh: string; en: string } {
  const { declaredKg, gateKg, differenceKg, allowanceKg } = check;
  const signed = `${differenceKg > 0 ? '+' : ''}${differenceKg}`;
  const verdict = { within: ['在允许误差内', 'within tolerance'], over: ['超重', 'over the declared weight'], under: ['短重', 'under the declared weight'] }[check.verdict];
  return {
    zh: `过磅 ${gateKg} 千克，申报毛重 ${declaredKg} 千克，相差 ${signed} 千克（允许 ±${allowanceKg} 千克）：${verdict[0]}`,
    en: `Gate ${gateKg} kg, declared gross ${declaredKg} kg, difference ${signed} kg (allowed ±${allowanceKg} kg): ${verdict[1]}`,
  };
}

export const DECLARATION_LIFE_STATUSES = ['draft', ...DECLARATION_STATUSES] as const;
export type DeclarationLifeStatus = (typeof DECLARATION_LIFE_STATUSES)[number];

export const DECLARATION_LIFE_STATUS_LABELS: Record<DeclarationLifeStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  declared: { zh: '已申报', en: 'declared' },
  reviewed: { zh: '已审核', en: 'reviewed' },
  inspected: { zh: '已查验', en: 'inspected' },
  released: { zh: '已放行', en: 'released' },
};

export const declarationLifeStateSchema = z.object({
  status: z.enum(DECLARATION_LIFE_STATUSES),
  /** 风险布控命中: null until reviewed. */
  riskHit: z.boolean().nullable(),
  isChosenForInspection: z.boolean(),
  /** The gate weighing that released it; null before release. */
  gateCheck: gateWeightCheckSchema.nullable(),
});
export type DeclarationLifeState = z.infer<typeof declarationLifeStateSchema>;

export const INITIAL_DECLARATION_LIFE_STATE: DeclarationLifeState = Object.freeze({
  status: 'draft',
  riskHit: null,
  isChosenForInspection: false,
  gateCheck: null,
});

export const declarationLifeEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('declare') }),
  z.object({ type: z.literal('review'), riskHit: z.boolean(), chooseForInspection: z.boolean() }),
  /** Chosen after the review, e.g. because the gate weight did not match. */
  z.object({ type: z.literal('order_inspection') }),
  z.object({ type: z.literal('record_inspection') }),
  z.object({ type: z.literal('release'), gateWeightKg: z.number().min(0).max(1_000_000) }),
]);
export type DeclarationLifeEvent = z.infer<typeof declarationLifeEventSchema>;
export type DeclarationLifeEventType = DeclarationLifeEvent['type'];

export const DECLARATION_LIFE_EVENT_LABELS: Record<DeclarationLifeEventType, { zh: string; en: string }> = {
  declare: { zh: '申报', en: 'declare' },
  review: { zh: '审核', en: 'review' },
  order_inspection: { zh: '布控查验', en: 'order an inspection' },
  record_inspection: { zh: '登记查验结果', en: 'record the inspection' },
  release: { zh: '卡口放行', en: 'release at the gate' },
};

/** What the declaration's data says, read by the preconditions; events do not change it. */
export interface DeclarationLifeFacts {
  /** prepareDeclaration accepted the draft (resident, goods, amounts). */
  isDraftComplete: boolean;
  /** Sum of the lines' gross weights. */
  declaredGrossKg: number;
  /** The gate policy in force on the trade date. */
  gatePolicy: GatePolicy | null;
}

function refuse(zh: string, en: string, field = 'status'): Result<DeclarationLifeState> {
  return fail('conflict', `${zh} / ${en}`, field);
}

function notFrom(state: DeclarationLifeState, type: DeclarationLifeEventType): Result<DeclarationLifeState> {
  const status = DECLARATION_LIFE_STATUS_LABELS[state.status];
  const event = DECLARATION_LIFE_EVENT_LABELS[type];
  return refuse(`申报单「${status.zh}」时不能${event.zh}`, `cannot ${event.en} while the declaration is ${status.en}`);
}

/**
 * The state after `event`, or why it is refused (`conflict` on field `status`, or
 * `validation` on `gateWeightKg` when the gate weight is out of tolerance). A refused
 * event changes nothing; `state` is never mutated.
 */
export function applyDeclarationEvent(
  state: DeclarationLifeState,
  event: DeclarationLifeEvent,
  facts: DeclarationLifeFacts,
): Result<DeclarationLifeState> {
  const to = (status: DeclarationLifeStatus, change: Partial<DeclarationLifeState> = {}) => ok({ ...state, ...change, status });
  switch (event.type) {
    case 'declare':
      if (state.status !== 'draft') return notFrom(state, event.type);
      if (!facts.isDraftComplete) return refuse('申报内容不全或有误，请先改正', 'the draft has problems: fix them first');
      return to('declared');
    case 'review':
      if (state.status !== 'declared') return notFrom(state, event.type);
      // A risk hit (布控命中) is what inspection is for; letting it pass unseen would defeat the risk check.
      if (event.riskHit && !event.chooseForInspection) {
        return refuse('风险布控命中的申报须查验', 'a declaration with a risk hit must be chosen for inspection', 'chooseForInspection');
      }
      return to('reviewed', { riskHit: event.riskHit, isChosenForInspection: event.chooseForInspection });
    case 'order_inspection':
      if (state.status !== 'reviewed') return notFrom(state, event.type);
      if (state.isChosenForInspection) return refuse('已布控查验', 'already chosen for inspection');
      return to('reviewed', { isChosenForInspection: true });
    case 'record_inspection':
      if (state.status !== 'reviewed') return notFrom(state, event.type);
      if (!state.isChosenForInspection) return refuse('未被选中查验，不能登记查验', 'not chosen for inspection: there is nothing to record');
      return to('inspected');
    case 'release':
      return release(state, event.gateWeightKg, facts);
  }
}

function release(state: DeclarationLifeState, gateWeightKg: number, facts: DeclarationLifeFacts): Result<DeclarationLifeState> {
  if (state.status === 'reviewed' && state.isChosenForInspection) {
    return refuse('已被选中查验，须先查验再放行', 'chosen for inspection: inspect it before release');
  }
  if (state.status !== 'reviewed' && state.status !== 'inspected') return notFrom(state, 'release');
  if (facts.gatePolicy === null) {
    return fail('policy_missing', '没有当日生效的卡口过磅规则，请先同步 / No gate weighing policy in force: sync first');
  }
  const gateCheck = checkGateWeight(facts.declaredGrossKg, gateWeightKg, facts.gatePolicy);
  // After an inspection the officer has seen the goods, so the weighing is recorded, not decisive.
  if (gateCheck.verdict !== 'within' && state.status === 'reviewed') {
    const text = describeGateWeight(gateCheck);
    return fail('validation', `${text.zh}，须布控查验 / ${text.en}: order an inspection`, 'gateWeightKg');
  }
  return ok({ ...state, status: 'released', gateCheck });
}

/** Replays events from the start; stops at the first refused one and names it (`events.3: …`). */
export function replayDeclarationLife(events: readonly DeclarationLifeEvent[], facts: DeclarationLifeFacts): Result<DeclarationLifeState> {
  let state = INITIAL_DECLARATION_LIFE_STATE;
  for (const [index, event] of events.entries()) {
    const next = applyDeclarationEvent(state, event, facts);
    if (!next.ok) return fail(next.error.code, next.error.message, `events.${index}${next.error.field ? `.${next.error.field}` : ''}`);
    state = next.data;
  }
  return ok(state);
}

/** The stored declaration status for a life state; null while it is still a draft. */
export function declarationStatusOf(state: DeclarationLifeState): DeclarationStatus | null {
  return state.status === 'draft' ? null : state.status;
}

/** Which events could be accepted now, for the buttons the desk shows (facts may still refuse them). */
export function nextDeclarationEvents(state: DeclarationLifeState): DeclarationLifeEventType[] {
  switch (state.status) {
    case 'draft':
      return ['declare'];
    case 'declared':
      return ['review'];
    case 'reviewed':
      return state.isChosenForInspection ? ['record_inspection'] : ['order_inspection', 'release'];
    case 'inspected':
      return ['release'];
    case 'released':
      return [];
  }
}
