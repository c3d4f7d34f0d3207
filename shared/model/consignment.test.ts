import { describe, expect, it } from 'vitest';
import { consignmentDraftSchema, consignmentSchema, isYardPlate } from './consignment';
import { normalizePlate } from './processing';

const draft = {
  id: '00000000-0000-4000-8000-000000000001',
  portId: 'DONGXING',
  siteId: 'DX2B-FRUIT',
  category: 'fruit',
  arrivedAt: '2026-03-02T09:30:00+08:00',
  goodsName: '火龙果',
  hsCode: '0810907000',
  originCountry: 'VN',
  quantity: 1200,
  unit: 'kg',
  grossKg: 1350.5,
  vehiclePlate: '29C12345',
  officerId: '00000000-0000-4000-8000-0000000000a1',
  deviceId: 'desk-a-0001',
  recordedAt: '2026-03-02T09:31:00+08:00',
};

describe('consignmentDraftSchema', () => {
  it('accepts a yard consignment, and parses to itself', () => {
    expect(consignmentDraftSchema.parse(draft)).toEqual(draft);
    expect(consignmentDraftSchema.parse({ ...draft, hsCode: null }).hsCode).toBeNull();
  });

  it('takes Chinese and Vietnamese plates in the stored form that normalizePlate gives', () => {
    expect(normalizePlate('29C-123.45')).toBe('29C12345');
    expect(normalizePlate('桂p·12345')).toBe('桂P12345');
    for (const plate of ['29C12345', '桂P12345', '桂FA1234港']) expect(isYardPlate(plate), plate).toBe(true);
    for (const plate of ['29C-123.45', '29c12345', '桂P 12345', 'A']) expect(isYardPlate(plate), plate).toBe(false);
  });

  it('refuses unknown categories, site ids, empty goods, nonsense weights and plates', () => {
    const bad: Record<string, unknown>[] = [
      { category: 'bananas' },
      { siteId: 'dx fruit' },
      { goodsName: '   ' },
      { grossKg: 0 },
      { grossKg: -1 },
      { quantity: 0 },
      { originCountry: 'vn' },
      { hsCode: '08a' },
      { vehiclePlate: '-' },
      { vehiclePlate: 'A'.repeat(17) },
      { arrivedAt: '2026-03-02 09:30' },
    ];
    for (const change of bad) expect(consignmentDraftSchema.safeParse({ ...draft, ...change }).success, JSON.stringify(change)).toBe(false);
  });

  it('HQ’s copy carries its receive time, flags and the site version it judged by', () => {
    const held = { ...draft, hqReceivedAt: '2026-03-02T02:00:00Z', flags: [{ code: 'site_suspended', message: '暂停', messageEn: 'suspended', at: '2026-03-02T02:00:00Z' }], hqSiteVersion: 4 };
    expect(consignmentSchema.parse(held).flags[0]?.code).toBe('site_suspended');
    expect(consignmentSchema.safeParse({ ...held, flags: [{ ...held.flags[0], code: 'quota_exceeded_elsewhere' }] }).success).toBe(false);
  });
});
