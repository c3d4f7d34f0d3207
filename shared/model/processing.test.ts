import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CentralDeclaration,
  centralDeclarationSchema,
  type DirectTransport,
  directTransportSchema,
  isChinesePlate,
  normalizePlate,
  processingFirmSchema,
  processingPolicySchema,
  type ProcessingSale,
  processingSaleSchema,
} from './processing';
import { creditCodeCheckCharacter } from './two-step-codes';

const creditCode = (first17: string) => `${first17}${creditCodeCheckCharacter(first17)}`;
const FIRM_CODE = creditCode('91450681MA5K12345');

const paths = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } }, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => i.path.join('.')) ?? [];

describe('isChinesePlate', () => {
  it.each(['桂P12345', '桂PA1234', '桂A1234挂', '粤Z1234港', '粤Z1234澳', '桂A1234学', '桂AD12345', '桂ADF1234', '桂A12345D', '京AK12345', '琼B0000Z'])('accepts %s', (plate) => {
    expect(isChinesePlate(plate)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['P12345', 'no province'],
    ['桂12345', 'no letter after the province'],
    ['桂p12345', 'lower case'],
    ['桂P1234', 'too short'],
    ['桂P123456', 'too long for an ordinary plate and not new energy'],
    ['桂PI2345', 'letter I'],
    ['桂PO2345', 'letter O'],
    ['美P12345', 'not a province'],
    ['桂P·12345', 'not normalised'],
    ['29C-123.45', 'a Vietnamese plate'],
    ['桂AZ12345', 'Z is not a new-energy letter'],
    ['桂A1234挂X', 'trailing garbage'],
  ])('refuses %s (%s)', (plate) => {
    expect(isChinesePlate(plate)).toBe(false);
  });

  it('accepts what normalizePlate makes of what officers type', () => {
    expect(normalizePlate(' 桂p·12345 ')).toBe('桂P12345');
    expect(normalizePlate('桂P-AD 123-45')).toBe('桂PAD12345');
    expect(isChinesePlate(normalizePlate('桂a 1234挂'))).toBe(true);
  });

  it('is linear on long hostile input', () => {
    const started = Date.now();
    expect(isChinesePlate(`桂P${'1'.repeat(1_000_000)}`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('refuses any plate of the wrong length (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        if (isChinesePlate(text)) expect([7, 8]).toContain([...text].length);
      }),
    );
  });
});

describe('processingFirmSchema and processingPolicySchema', () => {
  const firm = { id: '3a4b5c6d-0000-4000-8000-000000000001', portId: 'DONGXING', name: '东兴坚果加工有限公司', creditCode: FIRM_CODE, warehouseAddress: '东兴市江平工业园 3 号仓' };

  it('accepts a firm with a valid credit code and refuses a wrong check character', () => {
    expect(processingFirmSchema.parse(firm)).toEqual(firm);
    const wrong = `${FIRM_CODE.slice(0, 17)}${FIRM_CODE.endsWith('0') ? '1' : '0'}`;
    expect(paths(processingFirmSchema, { ...firm, creditCode: wrong })).toEqual(['creditCode']);
    expect(paths(processingFirmSchema, { ...firm, warehouseAddress: ' ' })).toEqual(['warehouseAddress']);
  });

  it('needs the taxability of processing sales stated', () => {
    const policy = { id: '3a4b5c6d-0000-4000-8000-000000000002', portId: 'DONGXING', version: 1, effectiveFrom: '2020-01-01', isSaleTaxable: false };
    expect(processingPolicySchema.parse(policy)).toEqual(policy);
    expect(paths(processingPolicySchema, { ...policy, isSaleTaxable: undefined })).toEqual(['isSaleTaxable']);
  });
});

const SALE: ProcessingSale = {
  id: '4b5c6d7e-0000-4000-8000-000000000001',
  portId: 'DONGXING',
  residentId: '4b5c6d7e-0000-4000-8000-0000000000a1',
  firmId: '3a4b5c6d-0000-4000-8000-000000000001',
  declarationId: '4b5c6d7e-0000-4000-8000-0000000000d1',
  soldAt: '2026-03-02T10:00:00+08:00',
  lines: [{ declarationLine: 0, quantity: 40, valueFen: 200_000 }],
};

describe('processingSaleSchema', () => {
  it('accepts a sale and refuses one naming the same declared line twice', () => {
    expect(processingSaleSchema.parse(SALE)).toEqual(SALE);
    expect(paths(processingSaleSchema, { ...SALE, lines: [SALE.lines[0], { declarationLine: 0, quantity: 1, valueFen: 1 }] })).toEqual(['lines.1.declarationLine']);
    expect(paths(processingSaleSchema, { ...SALE, lines: [] })).toEqual(['lines']);
    expect(paths(processingSaleSchema, { ...SALE, lines: [{ declarationLine: 0, quantity: 0, valueFen: 0 }] })).toEqual(['lines.0.quantity']);
  });
});

describe('centralDeclarationSchema', () => {
  const central: CentralDeclaration = {
    id: '5c6d7e8f-0000-4000-8000-000000000001',
    portId: 'DONGXING',
    firmId: SALE.firmId,
    agent: { name: '东兴报关代理', creditCode: FIRM_CODE },
    saleIds: [SALE.id],
    status: 'draft',
    declaredAt: null,
    assessment: null,
    settlement: null,
  };

  it('accepts a draft and refuses an empty or repeated list of sales', () => {
    expect(centralDeclarationSchema.parse(central)).toEqual(central);
    expect(paths(centralDeclarationSchema, { ...central, saleIds: [] })).toEqual(['saleIds']);
    expect(paths(centralDeclarationSchema, { ...central, saleIds: [SALE.id, SALE.id] })).toEqual(['saleIds']);
    expect(paths(centralDeclarationSchema, { ...central, status: 'paid' })).toEqual(['status']);
  });
});

describe('directTransportSchema', () => {
  const transport: DirectTransport = {
    id: '6d7e8f9a-0000-4000-8000-000000000001',
    portId: 'DONGXING',
    centralDeclarationId: '5c6d7e8f-0000-4000-8000-000000000001',
    firmId: SALE.firmId,
    vehiclePlate: '桂P12345',
    sealNo: 'GX2026-000123',
    departedAt: '2026-03-02T10:30:00+08:00',
    arrivedAt: null,
  };

  it('accepts a transport under way and one that arrived after it left', () => {
    expect(directTransportSchema.parse(transport)).toEqual(transport);
    expect(directTransportSchema.safeParse({ ...transport, arrivedAt: '2026-03-02T11:10:00+08:00' }).success).toBe(true);
    expect(directTransportSchema.safeParse({ ...transport, arrivedAt: transport.departedAt }).success).toBe(true);
  });

  it('refuses an arrival before the departure, across time zones', () => {
    expect(paths(directTransportSchema, { ...transport, arrivedAt: '2026-03-02T02:29:59Z' })).toEqual(['arrivedAt']);
  });

  it('refuses a bad plate or seal number, naming the field', () => {
    expect(paths(directTransportSchema, { ...transport, vehiclePlate: '桂P·12345' })).toEqual(['vehiclePlate']);
    expect(paths(directTransportSchema, { ...transport, sealNo: 'gx 1' })).toEqual(['sealNo']);
  });
});
