import { z } from 'zod';
import { formatFen } from '../money';
import { fenSchema, isoDateTimeSchema } from '../model/common';
import {
  type CentralDeclaration,
  type CentralDeclarationStatus,
  centralAssessmentSchema,
  type DirectTransport,
  type ProcessingSale,
} from '../model/processing';
import { fail, ok, type Result } from '../result';

/**
 * The central declaration's status (集中申报: draft → declared → tax assessed → tax
 * settled) and the direct transport (直通式) that carries its goods under seal to the
 * firm's warehouse. Tax is due once the goods are in the warehouse, so it can be settled
 * only after the transport has arrived.
 */

export const CENTRAL_DECLARATION_STATUS_LABELS: Record<CentralDeclarationStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  declared: { zh: '已申报', en: 'declared' },
  tax_assessed: { zh: '已核税', en: 'tax assessed' },
  tax_settled: { zh: '已缴税', en: 'tax settled' },
};

export const centralDeclarationEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('declare'), at: isoDateTimeSchema }),
  z.object({ type: z.literal('assess_tax'), assessment: centralAssessmentSchema }),
  z.object({ type: z.literal('settle_tax'), paidFen: fenSchema, receiptNo: z.string().max(64), at: isoDateTimeSchema }),
]);
export type CentralDeclarationEvent = z.infer<typeof centralDeclarationEventSchema>;

export interface CentralDeclarationFacts {
  /** checkCentralBundle found nothing. */
  isBundleValid: boolean;
  /** Every direct transport of the declaration has arrived at the warehouse. */
  hasArrived: boolean;
}

export interface BundleProblem {
  saleId: string;
  code: 'missing' | 'other_firm' | 'other_port' | 'already_bundled';
  zh: string;
  en: string;
}

/**
 * What stops these sales from going into one central declaration: each sale must exist,
 * be to the declaration's firm, at its port, and not be in another central declaration.
 */
export function checkCentralBundle(
  central: Pick<CentralDeclaration, 'portId' | 'firmId' | 'saleIds'>,
  sales: readonly ProcessingSale[],
  bundledElsewhere: ReadonlySet<string>,
): BundleProblem[] {
  const byId = new Map(sales.map((s) => [s.id, s]));
  const problems: BundleProblem[] = [];
  for (const saleId of central.saleIds) {
    const sale = byId.get(saleId);
    if (sale === undefined) problems.push({ saleId, code: 'missing', zh: `找不到销售记录 ${saleId}`, en: `sale ${saleId} not found` });
    else if (sale.portId !== central.portId) problems.push({ saleId, code: 'other_port', zh: `销售记录 ${saleId} 属于其他口岸`, en: `sale ${saleId} is at another port` });
    else if (sale.firmId !== central.firmId) problems.push({ saleId, code: 'other_firm', zh: `销售记录 ${saleId} 的买方是其他企业`, en: `sale ${saleId} is to another firm` });
    else if (bundledElsewhere.has(saleId)) {
      problems.push({ saleId, code: 'already_bundled', zh: `销售记录 ${saleId} 已在其他集中申报中`, en: `sale ${saleId} is already in another central declaration` });
    }
  }
  return problems;
}

function refuse(zh: string, en: string, field = 'status'): Result<CentralDeclaration> {
  return fail('conflict', `${zh} / ${en}`, field);
}

/** The central declaration after `event`, or why not. Never mutates `central`. */
export function applyCentralEvent(central: CentralDeclaration, event: CentralDeclarationEvent, facts: CentralDeclarationFacts): Result<CentralDeclaration> {
  const from = CENTRAL_DECLARATION_STATUS_LABELS[central.status];
  const notFrom = (zh: string, en: string) => refuse(`集中申报「${from.zh}」时不能${zh}`, `cannot ${en} a central declaration that is ${from.en}`);
  switch (event.type) {
    case 'declare':
      if (central.status !== 'draft') return notFrom('申报', 'declare');
      if (!facts.isBundleValid) return refuse('所含销售记录有误，请先改正', 'some of its sales cannot be declared together: fix them first', 'saleIds');
      return ok({ ...central, status: 'declared', declaredAt: event.at });
    case 'assess_tax':
      if (central.status !== 'declared') return notFrom('核税', 'assess the tax of');
      return ok({ ...central, status: 'tax_assessed', assessment: event.assessment });
    case 'settle_tax': {
      if (central.status !== 'tax_assessed' || central.assessment === null) return notFrom('缴税', 'settle the tax of');
      if (!facts.hasArrived) return refuse('货物尚未运抵加工企业仓库，不能缴税结案', 'the goods have not arrived at the firm’s warehouse: the tax cannot be settled yet');
      const due = central.assessment.taxableFen;
      if (event.paidFen !== due) {
        return refuse(`应缴 ${formatFen(due)}，实缴 ${formatFen(event.paidFen)}，金额不符`, `${formatFen(due)} due but ${formatFen(event.paidFen)} paid`, 'paidFen');
      }
      if (due > 0 && event.receiptNo.trim() === '') return refuse('请填写缴款书号', 'the payment receipt number is missing', 'receiptNo');
      if (central.declaredAt !== null && Date.parse(event.at) < Date.parse(central.declaredAt)) {
        return refuse('缴税时间早于申报时间', 'the tax cannot be settled before the declaration', 'settledAt');
      }
      return ok({ ...central, status: 'tax_settled', settlement: { paidFen: event.paidFen, receiptNo: event.receiptNo.trim(), settledAt: event.at } });
    }
  }
}

/**
 * A direct transport may leave once its central declaration is declared, for that
 * declaration's firm and port.
 */
export function checkDeparture(transport: DirectTransport, central: CentralDeclaration): Result<DirectTransport> {
  if (transport.centralDeclarationId !== central.id) return fail('validation', '运输单与集中申报不符 / The transport names another central declaration', 'centralDeclarationId');
  if (transport.portId !== central.portId) return fail('forbidden', '运输与集中申报不在同一口岸 / The transport and the declaration are at different ports', 'portId');
  if (transport.firmId !== central.firmId) return fail('validation', '运往的企业与集中申报不符 / The transport goes to another firm', 'firmId');
  if (central.status === 'draft') return fail('conflict', '集中申报尚未申报，货物不能起运 / The central declaration is not declared yet: the goods cannot leave', 'status');
  if (transport.arrivedAt !== null) return fail('conflict', '新起运的运输不能已有到达时间 / A transport that is leaving cannot have arrived', 'arrivedAt');
  return ok(transport);
}

/**
 * The arrival at the firm's warehouse: not twice, not before the departure, and only
 * with the seal found intact and bearing the number put on at departure.
 */
export function recordArrival(transport: DirectTransport, arrival: { arrivedAt: string; sealNo: string; isSealIntact: boolean }): Result<DirectTransport> {
  if (transport.arrivedAt !== null) return fail('conflict', `已于 ${transport.arrivedAt} 登记到达 / Arrival was already recorded at ${transport.arrivedAt}`, 'arrivedAt');
  if (Date.parse(arrival.arrivedAt) < Date.parse(transport.departedAt)) {
    return fail('validation', `到达时间 ${arrival.arrivedAt} 早于出发时间 ${transport.departedAt} / Arrival ${arrival.arrivedAt} is before departure ${transport.departedAt}`, 'arrivedAt');
  }
  if (!arrival.isSealIntact || arrival.sealNo.trim().toUpperCase() !== transport.sealNo) {
    return fail('validation', `封志 ${arrival.sealNo} 与起运封志 ${transport.sealNo} 不符或已损坏 / Seal ${arrival.sealNo} does not match seal ${transport.sealNo} or is broken`, 'sealNo');
  }
  return ok({ ...transport, arrivedAt: arrival.arrivedAt });
}

export type ProcessingSaleStatus = 'sold' | 'received' | 'tax_settled';

/** A sale's status, derived (销售 → 企业收货 → 缴税): received when its transport arrived, settled with its central declaration. */
export function processingSaleStatus(input: { transport: DirectTransport | null; central: CentralDeclaration | null }): ProcessingSaleStatus {
  if (input.central?.status === 'tax_settled') return 'tax_settled';
  return input.transport?.arrivedAt != null ? 'received' : 'sold';
}
