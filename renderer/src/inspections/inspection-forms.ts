import {
  type ConsignmentDraft,
  consignmentDraftSchema,
  cstDateOf,
  type DeviationKind,
  fail,
  type InspectionAttachment,
  type InspectionDeviation,
  type InspectionMethod,
  type InspectionOrder,
  type InspectionProblem,
  type InspectionRecord,
  type InspectionResult,
  type Disposal,
  INSPECTION_METHOD_LABELS,
  inspectionRecordProblems,
  normalizePlate,
  ok,
  type Result,
  requiredDeviations,
  type Site,
  type SiteCategory,
  siteStatusOn,
  usableSites,
} from '../../../shared/index';

/**
 * The inspection screens' forms as plain values and the pure steps from them to the
 * records the desk saves: what the officer typed (text, as inputs hold it) becomes a
 * consignment draft, or an order and a record, or the first problem naming its field.
 * Times are typed in CST (the yard's clock), whatever the desk's time zone.
 */

const CST = '+08:00';

/** A datetime-local value ("2026-11-22T10:30"), read as CST, as an ISO instant with its offset; null when not a time. */
export function cstInputToIso(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (match === null) return null;
  const iso = `${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}${CST}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** An instant as a datetime-local value in CST, to the minute. */
export function cstInputOf(instant: Date): string {
  const shifted = new Date(instant.getTime() + 8 * 3_600_000).toISOString();
  return shifted.slice(0, 16);
}

export interface FieldProblem {
  field: string;
  message: string;
}

// ── Consignments ─────────────────────────────────────────────────────────────────────

export interface ConsignmentFormValues {
  category: SiteCategory;
  arrivedAt: string;
  siteId: string;
  goodsName: string;
  hsCode: string;
  originCountry: string;
  quantity: string;
  unit: string;
  grossKg: string;
  vehiclePlate: string;
}

export interface DeskIdentity {
  portId: string;
  officerId: string;
  deviceId: string;
}

/** Field labels for messages that name the field (zh, en). */
export const CONSIGNMENT_FIELD_LABELS: Record<keyof ConsignmentFormValues, { zh: string; en: string }> = {
  category: { zh: '货物类别', en: 'category' },
  arrivedAt: { zh: '到场时间', en: 'arrival time' },
  siteId: { zh: '指定监管场地', en: 'designated site' },
  goodsName: { zh: '货物名称', en: 'goods' },
  hsCode: { zh: 'HS 编码', en: 'HS code' },
  originCountry: { zh: '原产国', en: 'origin' },
  quantity: { zh: '数量', en: 'quantity' },
  unit: { zh: '单位', en: 'unit' },
  grossKg: { zh: '毛重（千克）', en: 'gross weight (kg)' },
  vehiclePlate: { zh: '车牌号', en: 'vehicle plate' },
};

const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/**
 * The form as a consignment draft, or the first problem with the field it is in. The
 * site is NOT checked here: saveConsignment checks it against the desk's copy and
 * refuses with the reason (so an officer who picks any site sees why it cannot take the goods).
 */
export function consignmentDraftOf(values: ConsignmentFormValues, who: DeskIdentity, now: Date, id: string = crypto.randomUUID()): Result<ConsignmentDraft> {
  const arrivedAt = cstInputToIso(values.arrivedAt);
  const label = (field: keyof ConsignmentFormValues) => CONSIGNMENT_FIELD_LABELS[field];
  if (arrivedAt === null) return fail('validation', `${label('arrivedAt').zh}：请填写日期和时间 / ${label('arrivedAt').en}: a date and time`, 'arrivedAt');
  if (values.siteId === '') return fail('validation', `${label('siteId').zh}：请选择 / ${label('siteId').en}: choose one`, 'siteId');
  const draft = {
    id,
    portId: who.portId,
    siteId: values.siteId,
    category: values.category,
    arrivedAt,
    goodsName: values.goodsName.trim(),
    hsCode: values.hsCode.trim() === '' ? null : values.hsCode.trim(),
    originCountry: values.originCountry.trim().toUpperCase(),
    quantity: numberOf(values.quantity),
    unit: values.unit.trim(),
    grossKg: numberOf(values.grossKg),
    vehiclePlate: normalizePlate(values.vehiclePlate),
    officerId: who.officerId,
    deviceId: who.deviceId,
    recordedAt: now.toISOString(),
  };
  const parsed = consignmentDraftSchema.safeParse(draft);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  const named = field in CONSIGNMENT_FIELD_LABELS ? label(field as keyof ConsignmentFormValues) : { zh: field, en: field };
  return fail('validation', `${named.zh} / ${named.en}: ${issue?.message ?? ''}`, field);
}

export interface SiteChoices {
  /** Approved and in use for the category on the date (shared usableSites). */
  usable: Site[];
  /** Every other site of the port: offered too, so that the refusal and its reason show. */
  others: Site[];
}

export function siteChoices(sites: readonly Site[], portId: string, category: SiteCategory, date: string): SiteChoices {
  const usable = usableSites(sites, portId, category, date).sort((a, b) => a.id.localeCompare(b.id));
  const ids = new Set(usable.map((s) => s.id));
  const others = sites.filter((s) => s.portId === portId && !ids.has(s.id)).sort((a, b) => a.id.localeCompare(b.id));
  return { usable, others };
}

/** The category's status at a site on a date, for the picker's labels. */
export const statusAt = (site: Site, category: SiteCategory, date: string) => siteStatusOn(site, category, date).status;

/** The consignments that arrived on a CST date, latest first. */
export function consignmentsOn<T extends Pick<ConsignmentDraft, 'arrivedAt'>>(consignments: readonly T[], date: string): T[] {
  return consignments.filter((c) => cstDateOf(new Date(c.arrivedAt)) === date).sort((a, b) => Date.parse(b.arrivedAt) - Date.parse(a.arrivedAt));
}

// ── Inspections ──────────────────────────────────────────────────────────────────────

export interface InspectionFormValues {
  consignmentId: string;
  requirementCode: string;
  dispatchedAt: string;
  isRiskHit: boolean;
  orderedMethods: InspectionMethod[];
  orderedPercent: string;
  instructions: string;
  methodsDone: InspectionMethod[];
  percentDone: string;
  findings: string;
  result: InspectionResult;
  disposal: Disposal;
  deviations: InspectionDeviation[];
  attachments: InspectionAttachment[];
}

export const INSPECTION_FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  consignmentId: { zh: '货物', en: 'consignment' },
  'order.requirementCode': { zh: '布控指令代码', en: 'requirement code' },
  'order.dispatchedAt': { zh: '下达时间', en: 'dispatch time' },
  'order.methods': { zh: '布控要求的查验方式', en: 'ordered methods' },
  'order.proportionPercent': { zh: '布控查验比例', en: 'ordered share' },
  'order.instructions': { zh: '布控要求', en: 'instructions' },
  methodsDone: { zh: '实际查验方式', en: 'methods done' },
  proportionPercent: { zh: '实际查验比例', en: 'share opened' },
  findings: { zh: '查验情况', en: 'findings' },
  result: { zh: '查验结果', en: 'result' },
  disposal: { zh: '处置', en: 'disposal' },
  deviations: { zh: '偏差', en: 'deviations' },
  attachments: { zh: '附件', en: 'attachments' },
  orderId: { zh: '布控指令', en: 'order' },
};

/** The label of a field path such as `deviations.1.reason` or `order.methods`. */
export function fieldLabel(path: string): { zh: string; en: string } {
  if (path in INSPECTION_FIELD_LABELS) return INSPECTION_FIELD_LABELS[path] ?? { zh: path, en: path };
  const deviation = /^deviations\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (deviation !== null) {
    const n = Number(deviation[1]) + 1;
    return deviation[2] === 'reason' ? { zh: `偏差 ${n} 的原因`, en: `reason of deviation ${n}` } : { zh: `偏差 ${n}`, en: `deviation ${n}` };
  }
  const head = path.split('.').slice(0, path.startsWith('order.') ? 2 : 1).join('.');
  return INSPECTION_FIELD_LABELS[head] ?? { zh: path, en: path };
}

const percentOf = (text: string): number | null => (text.trim() === '' ? null : Number(text.trim()));

export interface InspectionIds {
  orderId: string;
  recordId: string;
}

/** The form as an order and a record (not yet checked: see inspectionProblemsOf). */
export function inspectionOf(values: InspectionFormValues, who: DeskIdentity, now: Date, ids: InspectionIds): Result<{ order: InspectionOrder; record: InspectionRecord }> {
  if (values.consignmentId === '') return fail('validation', '货物：请选择 / consignment: choose one', 'consignmentId');
  const dispatchedAt = cstInputToIso(values.dispatchedAt);
  if (dispatchedAt === null) return fail('validation', '下达时间：请填写日期和时间 / dispatch time: a date and time', 'order.dispatchedAt');
  const order: InspectionOrder = {
    id: ids.orderId,
    portId: who.portId,
    consignmentId: values.consignmentId,
    requirementCode: values.requirementCode.trim().toUpperCase(),
    dispatchedAt,
    isRiskHit: values.isRiskHit,
    methods: values.orderedMethods,
    proportionPercent: percentOf(values.orderedPercent),
    instructions: values.instructions.trim(),
  };
  const record: InspectionRecord = {
    id: ids.recordId,
    portId: who.portId,
    orderId: ids.orderId,
    consignmentId: values.consignmentId,
    officerId: who.officerId,
    deviceId: who.deviceId,
    inspectedAt: now.toISOString(),
    methodsDone: values.methodsDone,
    proportionPercent: percentOf(values.percentDone),
    findings: values.findings.trim(),
    result: values.result,
    disposal: values.disposal,
    deviations: values.deviations.map((d) => ({ ...d, reason: d.reason.trim() })),
    attachments: values.attachments,
  };
  return ok({ order, record });
}

/** Every problem of the record against its order, each naming its field, for the form to show beside the fields. */
export function inspectionProblemsOf(order: InspectionOrder, record: InspectionRecord): (InspectionProblem & { label: { zh: string; en: string } })[] {
  return inspectionRecordProblems(record, order).map((p) => ({ ...p, label: fieldLabel(p.path) }));
}

/**
 * The deviations list with a row added for each departure from the order not yet
 * explained (its reason left for the officer), and rows for departures that no longer
 * happen dropped unless the officer wrote a reason. `other` rows are always kept.
 */
export function withRequiredDeviations(values: Pick<InspectionFormValues, 'orderedMethods' | 'orderedPercent' | 'methodsDone' | 'percentDone' | 'deviations'>): InspectionDeviation[] {
  const required = requiredDeviations(
    { methodsDone: values.methodsDone, proportionPercent: percentOf(values.percentDone) },
    { methods: values.orderedMethods, proportionPercent: percentOf(values.orderedPercent) },
  );
  const isRequired = (kind: DeviationKind, method: InspectionMethod | null) => required.some((r) => r.kind === kind && r.method === method);
  const kept = values.deviations.filter((d) => d.kind === 'other' || isRequired(d.kind, d.method) || d.reason.trim() !== '');
  for (const r of required) {
    if (!kept.some((d) => d.kind === r.kind && d.method === r.method)) kept.push({ kind: r.kind, method: r.method, reason: '' });
  }
  return kept;
}

export const DEVIATION_KIND_LABELS: Record<DeviationKind, { zh: string; en: string }> = {
  method_skipped: { zh: '未做', en: 'skipped' },
  method_added: { zh: '增加', en: 'added' },
  proportion_lower: { zh: '查验比例低于布控要求', en: 'share opened below the order' },
  other: { zh: '其他', en: 'other' },
};

/** What a deviation is, in words: "未做 机检" / "skipped machine scan". */
export function deviationText(d: Pick<InspectionDeviation, 'kind' | 'method'>): { zh: string; en: string } {
  const kind = DEVIATION_KIND_LABELS[d.kind];
  if (d.method === null) return kind;
  const method = INSPECTION_METHOD_LABELS[d.method];
  return { zh: `${kind.zh}「${method.zh}」`, en: `${kind.en} ${method.en}` };
}
