import { describe, expect, it } from 'vitest';
import { newProcessingFirmRequestSchema, newProcessingPolicyRequestSchema, updateProcessingFirmRequestSchema } from '../admin/processing-admin';
import { mutationSchema } from '../sync/protocol';
import { centralDeclarationDraftSchema, directTransportDraftSchema, processingSaleRecordSchema, transportArrivalSchema } from './processing-record';

const id = (n: number) => `4b5c6d7e-0000-4000-8000-${String(n).padStart(12, '0')}`;
const who = { officerId: id(90), deviceId: 'desk-test-0001' };
const draft = {
  id: id(1),
  portId: 'DONGXING',
  firmId: id(2),
  agent: { name: '代理', creditCode: '91450681MA5KX12342' },
  saleIds: [id(3)],
  status: 'draft',
  declaredAt: null,
  assessment: null,
  settlement: null,
  ...who,
};

describe('landing-processing records and requests', () => {
  it('takes a central declaration only as a draft, and a transport only before it arrived', () => {
    expect(centralDeclarationDraftSchema.safeParse(draft).success).toBe(true);
    expect(centralDeclarationDraftSchema.safeParse({ ...draft, status: 'declared' }).success).toBe(false);
    const transport = { id: id(4), portId: 'DONGXING', centralDeclarationId: id(1), firmId: id(2), vehiclePlate: '桂P12345', sealNo: 'DX-0001', departedAt: '2026-12-07T09:00:00+08:00', arrivedAt: null, ...who };
    expect(directTransportDraftSchema.safeParse(transport).success).toBe(true);
    expect(directTransportDraftSchema.safeParse({ ...transport, arrivedAt: '2026-12-07T10:00:00+08:00' }).success).toBe(false);
    expect(directTransportDraftSchema.safeParse({ ...transport, vehiclePlate: '29C12345' }).error?.issues[0]?.path).toEqual(['vehiclePlate']);
  });

  it('keeps the sale’s own checks (one declared line once) in the record HQ sends, with its flags', () => {
    const sale = { id: id(5), portId: 'DONGXING', residentId: id(6), firmId: id(2), declarationId: id(7), soldAt: '2026-12-07T09:00:00+08:00', ...who, hqReceivedAt: null, flags: [] };
    const line = { declarationLine: 0, quantity: 1, valueFen: 100 };
    expect(processingSaleRecordSchema.safeParse({ ...sale, lines: [line] }).success).toBe(true);
    expect(processingSaleRecordSchema.safeParse({ ...sale, lines: [line, line] }).success).toBe(false);
    expect(processingSaleRecordSchema.safeParse({ ...sale, lines: [line], flags: [{ code: 'unknown', message: '', messageEn: '', at: sale.soldAt }] }).success).toBe(false);
  });

  it('parses the processing mutations in the protocol union, and refuses an unknown event', () => {
    const base = { id: id(8), deskTime: '2026-12-07T09:00:00+08:00', audit: { n: 1, prev: '0'.repeat(64), hash: 'a'.repeat(64) } };
    expect(mutationSchema.safeParse({ ...base, type: 'central_declaration.create', record: draft }).success).toBe(true);
    expect(mutationSchema.safeParse({ ...base, type: 'central_declaration.event', portId: 'DONGXING', recordId: id(1), event: { type: 'declare', at: base.deskTime } }).success).toBe(true);
    expect(mutationSchema.safeParse({ ...base, type: 'central_declaration.event', portId: 'DONGXING', recordId: id(1), event: { type: 'cancel' } }).success).toBe(false);
    const arrival = { arrivedAt: base.deskTime, sealNo: 'DX-0001', isSealIntact: true };
    expect(transportArrivalSchema.parse({ ...arrival, sealNo: ' DX-0001 ' }).sealNo).toBe('DX-0001');
    expect(mutationSchema.safeParse({ ...base, type: 'direct_transport.arrive', portId: 'DONGXING', recordId: id(4), arrival }).success).toBe(true);
  });

  it('reads a firm request with the credit code upper-cased and checked, an update with something to change, a policy with a date', () => {
    const firm = { name: ' 东兴加工厂 ', creditCode: ' 91450681ma5kx12342 ', warehouseAddress: '东兴' };
    expect(newProcessingFirmRequestSchema.parse(firm)).toEqual({ name: '东兴加工厂', creditCode: '91450681MA5KX12342', warehouseAddress: '东兴' });
    expect(newProcessingFirmRequestSchema.safeParse({ ...firm, creditCode: '91450681MA5KX12343' }).error?.issues[0]?.path).toEqual(['creditCode']);
    expect(updateProcessingFirmRequestSchema.safeParse({}).success).toBe(false);
    expect(updateProcessingFirmRequestSchema.safeParse({ name: '新名' }).success).toBe(true);
    expect(newProcessingPolicyRequestSchema.safeParse({ isSaleTaxable: true, effectiveFrom: '2026-02-30' }).success).toBe(false);
  });
});
