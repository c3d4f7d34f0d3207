import { describe, expect, it } from 'vitest';
import {
  type Declaration,
  type DeclarationDraft,
  declarationDraftSchema,
  declarationSchema,
  flagSchema,
  type GoodsLine,
  goodsLineSchema,
} from './declaration';

const line: GoodsLine = {
  hsCode: '08011100',
  name: '腰果 cashew nuts',
  originCountry: 'VN',
  quantity: 12.5,
  unit: 'kg',
  grossKg: 13,
  netKg: 12.5,
  unitPriceFen: 4000,
  valueFen: 50_000,
};

const draft: DeclarationDraft = {
  id: '0c7d3b0e-2f4a-4b8e-9c3d-5e6f7a8b9c0d',
  portId: 'DONGXING',
  pointId: 'DX-01',
  residentId: '3f0b8c1e-6a52-4c1e-9d7e-0b7f3a2c9e11',
  certificateNo: 'DX000001',
  residentName: '黄氏兰',
  tradeDate: '2026-11-22',
  declaredAt: '2026-11-22T09:15:00+08:00',
  vehiclePlate: '桂P12345',
  carPool: false,
  lines: [line],
  totalFen: 50_000,
  exemptFen: 50_000,
  taxableFen: 0,
  policyVersion: 1,
  goodsListVersion: 1,
  officerId: '9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
  deviceId: 'desk-dx01-a',
};

const declaration: Declaration = {
  ...draft,
  status: 'declared',
  hqExemptFen: null,
  hqTaxableFen: null,
  hqReceivedAt: null,
  flags: [],
  version: 1,
  edits: {},
};

function issuePaths(schema: { safeParse(v: unknown): { success: true } | { success: false; error: { issues: { path: PropertyKey[] }[] } } }, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.map(String).join('.'));
}

describe('goodsLineSchema', () => {
  it('accepts a normal line', () => {
    expect(goodsLineSchema.parse(line)).toEqual(line);
  });

  it.each([
    ['hsCode', '8'],
    ['hsCode', '08011100123'],
    ['hsCode', '0801.11'],
    ['hsCode', '０８０１'],
    ['name', ''],
    ['name', '   '],
    ['name', 'x'.repeat(101)],
    ['originCountry', 'vn'],
    ['originCountry', 'VNM'],
    ['quantity', 0],
    ['quantity', -1],
    ['quantity', 1_000_001],
    ['quantity', Number.POSITIVE_INFINITY],
    ['quantity', Number.NaN],
    ['quantity', '12.5'],
    ['unit', ''],
    ['unit', 'kilograms'],
    ['grossKg', -0.1],
    ['netKg', -1],
    ['unitPriceFen', -100],
    ['unitPriceFen', 12.5],
    ['valueFen', -1],
    ['valueFen', 0.01],
    ['valueFen', null],
  ] as const)('refuses %s = %j with that path', (field, value) => {
    expect(issuePaths(goodsLineSchema, { ...line, [field]: value })).toEqual([field]);
  });

  it('accepts zero weight and zero value (samples, gifts)', () => {
    expect(goodsLineSchema.safeParse({ ...line, grossKg: 0, netKg: 0, unitPriceFen: 0, valueFen: 0 }).success).toBe(true);
  });
});

describe('declarationDraftSchema', () => {
  it('accepts a well-formed draft', () => {
    expect(declarationDraftSchema.parse(draft)).toEqual(draft);
  });

  it('accepts a draft without vehicle plate and with 50 lines', () => {
    const result = declarationDraftSchema.safeParse({ ...draft, vehiclePlate: null, lines: Array.from({ length: 50 }, () => line) });
    expect(result.success).toBe(true);
  });

  it('refuses an empty declaration with a readable message', () => {
    const result = declarationDraftSchema.safeParse({ ...draft, lines: [] });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['lines', 'at least one goods line']]);
  });

  it('refuses more than 50 lines', () => {
    expect(issuePaths(declarationDraftSchema, { ...draft, lines: Array.from({ length: 51 }, () => line) })).toEqual(['lines']);
  });

  it('names the exact line and field of a bad goods line', () => {
    const lines = [line, line, { ...line, hsCode: '44-03' }];
    expect(issuePaths(declarationDraftSchema, { ...draft, lines })).toEqual(['lines.2.hsCode']);
    expect(issuePaths(declarationDraftSchema, { ...draft, lines: [{ ...line, valueFen: -5 }] })).toEqual(['lines.0.valueFen']);
  });

  it.each([
    ['tradeDate', '2026-02-30'],
    ['tradeDate', '2026-11-22T00:00:00Z'],
    ['declaredAt', '2026-11-22 09:15'],
    ['declaredAt', '2026-11-22T09:15:00'], // no zone: the instant is unknowable
    ['totalFen', -1],
    ['exemptFen', -800_000],
    ['taxableFen', 1.5],
    ['policyVersion', 0],
    ['goodsListVersion', 1.5],
    ['id', 'not-a-uuid'],
    ['residentId', ''],
    ['officerId', 'dx.officer1'],
    ['deviceId', 'x'],
    ['portId', 'Dongxing'],
    ['pointId', 'dx-01'],
    ['pointId', 'DX 01'],
    ['certificateNo', 'X'.repeat(33)],
    ['residentName', 'x'.repeat(65)],
    ['vehiclePlate', 'P'.repeat(17)],
    ['vehiclePlate', undefined],
    ['carPool', 'false'],
    ['lines', 'line'],
  ] as const)('refuses %s = %j with that path', (field, value) => {
    expect(issuePaths(declarationDraftSchema, { ...draft, [field]: value })).toEqual([field]);
  });

  it('reports every bad field at once, not only the first', () => {
    const paths = issuePaths(declarationDraftSchema, { ...draft, tradeDate: '2026-02-30', totalFen: -1, lines: [{ ...line, hsCode: 'x' }] });
    expect(paths.sort()).toEqual(['lines.0.hsCode', 'totalFen', 'tradeDate']);
  });

  it('keeps hostile text as inert data and drops unknown keys', () => {
    const hostile = { ...draft, residentName: '<img src=x onerror=alert(1)>', role: 'admin', status: 'released' };
    const parsed = declarationDraftSchema.parse(hostile);
    expect(parsed.residentName).toBe('<img src=x onerror=alert(1)>');
    expect(Object.keys(parsed)).not.toContain('role');
    // A desk cannot promote its own record to "released" by sending a status with the draft.
    expect(Object.keys(parsed)).not.toContain('status');
  });
});

describe('declarationSchema', () => {
  it('accepts a record HQ has not seen and one it has flagged', () => {
    expect(declarationSchema.safeParse(declaration).success).toBe(true);
    const flagged: Declaration = {
      ...declaration,
      status: 'reviewed',
      hqExemptFen: 0,
      hqTaxableFen: 50_000,
      hqReceivedAt: '2026-11-22T02:00:00Z',
      flags: [{ code: 'quota_exceeded_elsewhere', message: '…', messageEn: '…', at: '2026-11-22T02:00:00Z' }],
    };
    expect(declarationSchema.parse(flagged)).toEqual(flagged);
  });

  it('refuses an unknown status, negative HQ amounts and unknown flag codes', () => {
    expect(issuePaths(declarationSchema, { ...declaration, status: 'draft' })).toEqual(['status']);
    expect(issuePaths(declarationSchema, { ...declaration, hqTaxableFen: -1 })).toEqual(['hqTaxableFen']);
    const badFlag = { code: 'looks_fine', message: '', messageEn: '', at: '2026-11-22T02:00:00Z' };
    expect(issuePaths(declarationSchema, { ...declaration, flags: [badFlag] })).toEqual(['flags.0.code']);
  });

  it('still needs every draft field', () => {
    const { lines: _, ...withoutLines } = declaration;
    expect(issuePaths(declarationSchema, withoutLines)).toEqual(['lines']);
  });
});

describe('flagSchema', () => {
  it('needs an instant for `at`', () => {
    expect(issuePaths(flagSchema, { code: 'resident_inactive', message: 'x', messageEn: 'x', at: 'now' })).toEqual(['at']);
  });
});
