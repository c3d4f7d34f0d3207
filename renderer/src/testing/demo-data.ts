import { cstDateOf, type DeclarationDraft, type DutyFreePolicy, type GoodsList, type Officer, type Resident } from '../../../shared/index';

/** Small reference data in the shape of HQ's demo seed, for unit tests. */
export const PORT = 'DONGXING';

export const officer: Officer = {
  id: '00000000-0000-4000-8000-000000000001',
  portId: PORT,
  username: 'dx.officer1',
  name: '黄警官',
  role: 'officer',
};

export const goodsList: GoodsList = {
  id: '00000000-0000-4000-8000-0000000000a1',
  portId: PORT,
  version: 1,
  effectiveFrom: '2020-01-01',
  items: [
    { hsCode: '0801', name: '坚果', nameEn: 'Nuts', list: 'allowed', weightCapKg: null, unit: 'kg' },
    { hsCode: '0803', name: '香蕉', nameEn: 'Bananas', list: 'allowed', weightCapKg: null, unit: 'kg' },
    { hsCode: '0901', name: '咖啡', nameEn: 'Coffee', list: 'allowed', weightCapKg: null, unit: 'kg' },
    { hsCode: '4202', name: '箱包', nameEn: 'Bags', list: 'allowed', weightCapKg: null, unit: 'pcs' },
    { hsCode: '4001', name: '天然橡胶', nameEn: 'Natural rubber', list: 'negative', weightCapKg: null, unit: 'kg' },
    { hsCode: '2208', name: '烈酒', nameEn: 'Spirits', list: 'non_exempt', weightCapKg: null, unit: 'L' },
  ],
};

export const policy: DutyFreePolicy = {
  id: '00000000-0000-4000-8000-0000000000b1',
  portId: PORT,
  version: 1,
  effectiveFrom: '2020-01-01',
  dailyExemptFen: 800_000,
};

export function resident(n: number, overrides: Partial<Resident> = {}): Resident {
  const digits = String(n).padStart(6, '0');
  return {
    id: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    portId: PORT,
    name: `边民${n}`,
    idNumber: `450681199001${digits}`,
    certificateNo: `DX${digits}`,
    township: '东兴镇',
    village: '竹山村',
    validFrom: '2024-01-01',
    validTo: '2030-12-31',
    status: 'valid',
    ...overrides,
  };
}

export function draft(of: Resident, valueFen: number, overrides: Partial<DeclarationDraft> = {}): DeclarationDraft {
  return {
    id: crypto.randomUUID(),
    portId: PORT,
    pointId: 'DX-01',
    residentId: of.id,
    certificateNo: of.certificateNo,
    residentName: of.name,
    tradeDate: cstDateOf(Date.now()),
    declaredAt: new Date().toISOString(),
    vehiclePlate: null,
    carPool: false,
    lines: [
      {
        hsCode: '0801',
        name: '坚果',
        originCountry: 'VN',
        quantity: 10,
        unit: 'kg',
        grossKg: 10,
        netKg: 10,
        unitPriceFen: Math.round(valueFen / 10),
        valueFen,
      },
    ],
    totalFen: valueFen,
    exemptFen: Math.min(valueFen, 800_000),
    taxableFen: Math.max(0, valueFen - 800_000),
    policyVersion: 1,
    goodsListVersion: 1,
    officerId: officer.id,
    deviceId: 'desk-test-0001',
    ...overrides,
  };
}
