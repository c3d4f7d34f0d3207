import { randomUUID } from 'node:crypto';
import type { CentralAssessment, CentralDeclarationDraft, DeclarationDraft, DirectTransportDraft, ProcessingSaleDraft } from '../../shared/index';
import { DEMO_FIRMS } from '../seed/processing-demo';
import { officerId } from './hq-harness';

/**
 * Landing-processing mutations as a desk makes them (unlinked: link them into a desk's
 * chain before pushing). Plain code for HQ's tests and the e2e node desks.
 */
export const DEMO_FIRM_ID = DEMO_FIRMS[0]?.id ?? '';
export const OTHER_FIRM_ID = DEMO_FIRMS[1]?.id ?? '';
export const AGENT = { name: '东兴市通关代理服务有限公司', creditCode: '91450681MA5KX12342' } as const;

interface Who {
  officer?: string;
  deviceId: string;
}

/** A sale of `quantity` out of line 0 of `declaration`, priced pro rata after `soldBefore`. */
export function saleMutation(declaration: DeclarationDraft, quantity: number, who: Who & { soldBefore?: number; countedSaleIds?: string[]; firmId?: string }) {
  const line = declaration.lines[0];
  const total = line?.quantity ?? 1;
  const value = line?.valueFen ?? 0;
  const from = who.soldBefore ?? 0;
  const share = (q: number) => Math.floor((value * Math.round(Math.min(q, total) * 1000)) / Math.round(total * 1000));
  const record: ProcessingSaleDraft = {
    id: randomUUID(),
    portId: declaration.portId,
    residentId: declaration.residentId,
    firmId: who.firmId ?? DEMO_FIRM_ID,
    declarationId: declaration.id,
    soldAt: new Date().toISOString(),
    lines: [{ declarationLine: 0, quantity, valueFen: share(from + quantity) - share(from) }],
    officerId: officerId(who.officer ?? 'dx.officer1'),
    deviceId: who.deviceId,
  };
  return { id: randomUUID(), deskTime: new Date().toISOString(), type: 'processing_sale.create' as const, record, countedSaleIds: who.countedSaleIds ?? [] };
}

export function centralMutation(saleIds: string[], who: Who & { firmId?: string; portId?: string }) {
  const record: CentralDeclarationDraft = {
    id: randomUUID(),
    portId: who.portId ?? 'DONGXING',
    firmId: who.firmId ?? DEMO_FIRM_ID,
    agent: { ...AGENT },
    saleIds,
    status: 'draft',
    declaredAt: null,
    assessment: null,
    settlement: null,
    officerId: officerId(who.officer ?? 'dx.officer1'),
    deviceId: who.deviceId,
  };
  return { id: randomUUID(), deskTime: new Date().toISOString(), type: 'central_declaration.create' as const, record };
}

type CentralEvent =
  | { type: 'declare'; at: string }
  | { type: 'assess_tax'; assessment: CentralAssessment }
  | { type: 'settle_tax'; paidFen: number; receiptNo: string; at: string };

export function centralEvent(recordId: string, event: CentralEvent) {
  return { id: randomUUID(), deskTime: new Date().toISOString(), type: 'central_declaration.event' as const, portId: 'DONGXING', recordId, event };
}

export function transportMutation(centralId: string, who: Who & { firmId?: string }) {
  const record: DirectTransportDraft = {
    id: randomUUID(),
    portId: 'DONGXING',
    centralDeclarationId: centralId,
    firmId: who.firmId ?? DEMO_FIRM_ID,
    vehiclePlate: '桂P12345',
    sealNo: 'DX-2026-000123',
    departedAt: new Date(Date.now() - 3_600_000).toISOString(),
    arrivedAt: null,
    officerId: officerId(who.officer ?? 'dx.officer1'),
    deviceId: who.deviceId,
  };
  return { id: randomUUID(), deskTime: new Date().toISOString(), type: 'direct_transport.create' as const, record };
}

export function arrivalMutation(transportId: string, arrival: { sealNo?: string; isSealIntact?: boolean; arrivedAt?: string } = {}) {
  return {
    id: randomUUID(),
    deskTime: new Date().toISOString(),
    type: 'direct_transport.arrive' as const,
    portId: 'DONGXING',
    recordId: transportId,
    arrival: { arrivedAt: arrival.arrivedAt ?? new Date().toISOString(), sealNo: arrival.sealNo ?? 'DX-2026-000123', isSealIntact: arrival.isSealIntact ?? true },
  };
}
