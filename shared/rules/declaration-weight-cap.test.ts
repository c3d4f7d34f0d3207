import { describe, expect, it } from 'vitest';
import type { DeclarationDraft, GoodsLine } from '../model/declaration';
import type { DutyFreePolicy, GoodsItem, GoodsList } from '../model/goods-list';
import type { Resident } from '../model/resident';
import { assessAtHq, type DeclarationContext, prepareDeclaration } from './declaration-check';
import { hasWeightCaps } from './weight-cap';

/** Weight caps (限量) in the desk's check before saving and in HQ's re-check. */
const resident: Resident = {
  id: '3f0b8c1e-6a52-4c1e-9d7e-0b7f3a2c9e11',
  portId: 'DONGXING',
  name: '黄氏兰',
  idNumber: '45068119800101123X',
  certificateNo: 'DX000001',
  township: '东兴镇',
  village: '竹山村',
  validFrom: '2024-01-01',
  validTo: '2030-12-31',
  status: 'valid',
};
const item = (hsCode: string, name: string, nameEn: string, weightCapKg: number | null): GoodsItem => ({ hsCode, name, nameEn, list: 'allowed', weightCapKg, unit: 'kg' });
const capped: GoodsList = {
  id: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  portId: 'DONGXING',
  version: 4,
  effectiveFrom: '2020-01-01',
  items: [item('0803', '香蕉', 'bananas', 150), item('0801', '坚果', 'nuts', null)],
};
const uncapped: GoodsList = { ...capped, id: '6b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e', items: capped.items.map((i) => ({ ...i, weightCapKg: null })) };
const policy: DutyFreePolicy = { id: '6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f', portId: 'DONGXING', version: 3, effectiveFrom: '2020-01-01', dailyExemptFen: 800_000 };
const line = (hsCode: string, netKg: number): GoodsLine => ({
  hsCode,
  name: hsCode,
  originCountry: 'VN',
  quantity: netKg,
  unit: 'kg',
  grossKg: netKg + 5,
  netKg,
  unitPriceFen: 1000,
  valueFen: netKg * 1000,
});
const input = {
  id: '0c7d3b0e-2f4a-4b8e-9c3d-5e6f7a8b9c0d',
  portId: 'DONGXING',
  pointId: 'DX-01',
  residentId: resident.id,
  certificateNo: resident.certificateNo,
  residentName: resident.name,
  tradeDate: '2026-11-22',
  declaredAt: '2026-11-22T09:15:00+08:00',
  vehiclePlate: null,
  carPool: false,
  lines: [line('0803', 100)],
  officerId: '9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
  deviceId: 'desk-dx01-a',
} satisfies Parameters<typeof prepareDeclaration>[0];
const context: DeclarationContext = { resident, goodsList: capped, policy, usedTodayFen: 0 };
const hqNow = new Date('2026-11-22T02:00:00Z');

function prepared(ctx: Partial<DeclarationContext> = {}): DeclarationDraft {
  const result = prepareDeclaration(input, { ...context, ...ctx });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe('weight caps at the desk (prepareDeclaration)', () => {
  it('accepts a line within the cap with the resident\'s other lines that day, the cap itself included', () => {
    expect(prepareDeclaration(input, { ...context, usedTodayLines: [line('0803', 50)] }).ok).toBe(true);
  });

  it('refuses the line that takes the day over the cap, naming goods, cap and amounts in both languages', () => {
    const result = prepareDeclaration(input, { ...context, usedTodayLines: [line('0803', 60), line('0801', 500)] });
    expect(result).toMatchObject({ ok: false, error: { code: 'weight_cap_exceeded', field: 'lines.0.netKg' } });
    if (result.ok) return;
    expect(result.error.message).toContain('第1行：香蕉（0803）每人每日限量 150 千克，当日已申报 60 千克，本行 100 千克，超出 10 千克');
    expect(result.error.message).toContain('bananas (0803) is capped at 150 kg per resident per day; 60 kg already declared that day, this line 100 kg, 10 kg over');
  });

  it('counts two lines of the same goods in one declaration together', () => {
    const result = prepareDeclaration({ ...input, lines: [line('0803', 100), line('0803', 60)] }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'weight_cap_exceeded', field: 'lines.1.netKg' } });
  });
});

describe('weight caps at HQ (assessAtHq)', () => {
  it('flags, with the reason, a line over its cap only because of the port\'s other declarations that day', () => {
    const draft = prepared();
    const result = assessAtHq(draft, { ...context, usedTodayLines: [line('0803', 100)] }, hqNow);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.flags.map((f) => f.code)).toEqual(['weight_cap_exceeded_elsewhere']);
    expect(result.data.flags[0]?.message).toContain('在本口岸其他申报中已申报该商品');
    expect(result.data.flags[0]?.messageEn).toContain('50 kg over');
    // Kept: HQ's amounts are still computed.
    expect(result.data.hqExemptFen).toBe(draft.exemptFen);
  });

  it('calls a cap the desk\'s list did not have a list change, not declarations elsewhere', () => {
    const draft = prepared({ goodsList: uncapped });
    const result = assessAtHq({ ...draft, lines: [line('0803', 200)] }, { ...context, usedTodayLines: [] }, hqNow);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.flags.map((f) => f.code)).toEqual(['goods_list_changed']);
    expect(result.data.flags[0]?.messageEn).toContain('Under HQ goods list v4');
  });

  it('raises nothing within the cap, or when the list in force caps nothing', () => {
    const draft = prepared();
    const within = assessAtHq(draft, { ...context, usedTodayLines: [line('0803', 50)] }, hqNow);
    expect(within.ok && within.data.flags).toEqual([]);
    const none = assessAtHq(draft, { ...context, goodsList: uncapped, usedTodayLines: [line('0803', 1000)] }, hqNow);
    expect(none.ok && none.data.flags).toEqual([]);
  });
});

describe('hasWeightCaps', () => {
  it('tells a list that caps some goods from one that caps none', () => {
    expect(hasWeightCaps(capped)).toBe(true);
    expect(hasWeightCaps(uncapped)).toBe(false);
    // Asked again, the same answer (remembered per list).
    expect(hasWeightCaps(capped)).toBe(true);
  });
});
