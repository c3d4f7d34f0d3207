import {
  DISPOSAL_LABELS,
  type Disposal,
  type DeviationKind,
  INSPECTION_METHOD_LABELS,
  INSPECTION_METHODS,
  INSPECTION_RESULT_LABELS,
  type InspectionMethod,
  type InspectionOrder,
  type InspectionRecord,
  type InspectionResult,
} from '../model/inspection';
import { fail, ok, type Result } from '../result';

/**
 * The rules that make an inspection record consistent with itself and with its order,
 * written once: the desk checks before it saves (offline), HQ checks again on arrival.
 *
 * - Disposal follows the result. A fail is never released: it is returned, destroyed
 *   or treated (检疫处理). A pass is released, or treated where the order or the
 *   protocol calls for treatment of passed goods; it is never destroyed, and never
 *   returned either (nothing was found to send back).
 * - A fail, and any disposal but release, needs findings (查验情况) that say why.
 * - Every departure from the order is a deviation with a reason: each ordered method not
 *   done, each method done that was not ordered, a share opened below the order's. A
 *   deviation that names no real departure is refused too, so the list says what happened.
 * - At least one method was done: an inspection of which every method was skipped is not
 *   an inspection.
 *
 * The risk-hit flag is carried and shown, but adds no rule here: what a risk hit requires
 * is already in the order's methods, and departures from those need reasons anyway.
 * Inspection time before dispatch time is not checked: the first is the desk's clock.
 */

export type InspectionRule =
  | 'order_mismatch' // the record is not of this order
  | 'no_method'
  | 'disposal' // not allowed for the result
  | 'findings' // required and blank
  | 'deviation_missing' // a departure without its deviation
  | 'deviation_unfounded' // a deviation for something that did not happen
  | 'deviation_duplicate'
  | 'deviation_reason'; // blank reason

export interface InspectionProblem {
  /** Field path in the record, e.g. `deviations.2.reason`, the same form zod gives. */
  path: string;
  rule: InspectionRule;
  zh: string;
  en: string;
}

/** The disposals a result allows, for the form's choices. */
export const DISPOSALS_BY_RESULT: Readonly<Record<InspectionResult, readonly Disposal[]>> = {
  pass: ['release', 'treat'],
  fail: ['return', 'destroy', 'treat'],
};

export interface RequiredDeviation {
  kind: Exclude<DeviationKind, 'other'>;
  method: InspectionMethod | null;
}

/** The departures from the order the record must explain, in a fixed order. */
export function requiredDeviations(record: Pick<InspectionRecord, 'methodsDone' | 'proportionPercent'>, order: Pick<InspectionOrder, 'methods' | 'proportionPercent'>): RequiredDeviation[] {
  const required: RequiredDeviation[] = [];
  for (const method of INSPECTION_METHODS) {
    const ordered = order.methods.includes(method);
    const done = record.methodsDone.includes(method);
    if (ordered && !done) required.push({ kind: 'method_skipped', method });
    if (!ordered && done) required.push({ kind: 'method_added', method });
  }
  if (order.proportionPercent !== null && (record.proportionPercent ?? 0) < order.proportionPercent) {
    required.push({ kind: 'proportion_lower', method: null });
  }
  return required;
}

const methodText = (method: InspectionMethod | null) => (method === null ? { zh: '', en: '' } : INSPECTION_METHOD_LABELS[method]);

function describeRequired(required: RequiredDeviation, record: Pick<InspectionRecord, 'proportionPercent'>, order: Pick<InspectionOrder, 'proportionPercent'>): { zh: string; en: string } {
  const method = methodText(required.method);
  switch (required.kind) {
    case 'method_skipped':
      return { zh: `布控要求「${method.zh}」未做`, en: `the order's ${method.en} was not done` };
    case 'method_added':
      return { zh: `做了布控未要求的「${method.zh}」`, en: `${method.en} was done without being ordered` };
    case 'proportion_lower':
      return {
        zh: `查验比例 ${record.proportionPercent ?? 0}% 低于布控要求的 ${order.proportionPercent ?? 0}%`,
        en: `${record.proportionPercent ?? 0}% opened, below the ordered ${order.proportionPercent ?? 0}%`,
      };
  }
}

/**
 * Every problem of the record against its order, each with its field path and the rule
 * in Chinese and English. An empty list means the record may be saved.
 */
export function inspectionRecordProblems(record: InspectionRecord, order: InspectionOrder): InspectionProblem[] {
  const problems: InspectionProblem[] = [];
  const add = (path: string, rule: InspectionRule, zh: string, en: string) => problems.push({ path, rule, zh, en });

  if (record.orderId !== order.id || record.consignmentId !== order.consignmentId || record.portId !== order.portId) {
    add('orderId', 'order_mismatch', `记录与布控指令 ${order.requirementCode} 不对应（指令、货物或口岸不符）`, `the record does not belong to order ${order.requirementCode} (order, consignment or port differ)`);
  }
  if (record.methodsDone.length === 0) add('methodsDone', 'no_method', '至少完成一种查验方式', 'at least one method must have been done');

  const result = INSPECTION_RESULT_LABELS[record.result];
  const disposal = DISPOSAL_LABELS[record.disposal];
  if (!DISPOSALS_BY_RESULT[record.result].includes(record.disposal)) {
    const allowed = DISPOSALS_BY_RESULT[record.result].map((d) => DISPOSAL_LABELS[d]);
    add(
      'disposal',
      'disposal',
      `查验结果「${result.zh}」不能${disposal.zh}，应为：${allowed.map((d) => d.zh).join('、')}`,
      `a ${result.en} cannot be disposed of by ${disposal.en}; choose ${allowed.map((d) => d.en).join(', ')}`,
    );
  }
  if ((record.result === 'fail' || record.disposal !== 'release') && record.findings.trim() === '') {
    add('findings', 'findings', `结果为「${result.zh}」、处置为「${disposal.zh}」时须填写查验情况`, `findings are required for a ${result.en} disposed of by ${disposal.en}`);
  }

  checkDeviations(record, order, add);
  return problems;
}

function checkDeviations(record: InspectionRecord, order: InspectionOrder, add: (path: string, rule: InspectionRule, zh: string, en: string) => void): void {
  const required = requiredDeviations(record, order);
  const isRequired = (kind: DeviationKind, method: InspectionMethod | null) => required.some((r) => r.kind === kind && r.method === method);
  const seen = new Set<string>();
  record.deviations.forEach((deviation, index) => {
    const key = `${deviation.kind} ${deviation.method ?? ''}`;
    if (deviation.kind !== 'other' && seen.has(key)) {
      add(`deviations.${index}`, 'deviation_duplicate', '同一偏差重复填写', 'the same deviation is listed twice');
    } else if (deviation.kind !== 'other' && !isRequired(deviation.kind, deviation.method)) {
      const method = methodText(deviation.method);
      const what = {
        method_skipped: { zh: `「${method.zh}」已做或布控未要求，不是未做的方式`, en: `${method.en} was done or not ordered: it is not a skipped method` },
        method_added: { zh: `「${method.zh}」未做或本在布控要求内，不是增加的方式`, en: `${method.en} was not done or was ordered: it is not an added method` },
        proportion_lower: { zh: '查验比例不低于布控要求（或布控未定比例）', en: "the share opened is not below the order's (or the order sets none)" },
      }[deviation.kind];
      add(`deviations.${index}`, 'deviation_unfounded', `偏差与记录不符：${what.zh}`, `the deviation does not match the record: ${what.en}`);
    }
    seen.add(key);
    if (deviation.reason.trim() === '') add(`deviations.${index}.reason`, 'deviation_reason', '偏差须说明原因', 'every deviation needs a reason');
  });
  for (const r of required) {
    if (record.deviations.some((d) => d.kind === r.kind && d.method === r.method)) continue;
    const text = describeRequired(r, record, order);
    add('deviations', 'deviation_missing', `${text.zh}，须作为偏差说明原因`, `${text.en}: record it as a deviation with its reason`);
  }
}

/** The desk's and HQ's check: the record, or the first problem as a validation error naming its field. */
export function checkInspectionRecord(record: InspectionRecord, order: InspectionOrder): Result<InspectionRecord> {
  const [first] = inspectionRecordProblems(record, order);
  if (first === undefined) return ok(record);
  return fail('validation', `${first.zh} / ${first.en}`, first.path);
}
