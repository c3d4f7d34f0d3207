import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DeclarationDraft, flagSchema, type GoodsLine } from '../model/declaration';
import type { DutyFreePolicy, GoodsItem, GoodsList } from '../model/goods-list';
import type { Resident } from '../model/resident';
import { assessAtHq, type DeclarationContext, prepareDeclaration } from './declaration-check';

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
const item = (hsCode: string, name: string, list: GoodsItem['list']): GoodsItem => ({ hsCode, name, nameEn: name, list, weightCapKg: null, unit: 'kg' });
const listV1: GoodsList = {
  id: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  portId: 'DONGXING',
  version: 1,
  effectiveFrom: '2020-01-01',
  items: [item('0801', '坚果', 'allowed'), item('0803', '香蕉', 'allowed'), item('4403', '原木', 'negative'), item('2208', '烈酒', 'non_exempt')],
};
/** v2: nuts moved to the negative list, bananas lost their exemption. */
const listV2: GoodsList = {
  ...listV1,
  id: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a',
  version: 2,
  effectiveFrom: '2026-11-01',
  items: [item('0801', '坚果', 'negative'), item('0803', '香蕉', 'non_exempt'), item('4403', '原木', 'negative'), item('2208', '烈酒', 'non_exempt')],
};
const policy: DutyFreePolicy = { id: '6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f', portId: 'DONGXING', version: 3, effectiveFrom: '2020-01-01', dailyExemptFen: 800_000 };

const line = (hsCode: string, valueFen: number): GoodsLine => ({
  hsCode,
  name: hsCode,
  originCountry: 'VN',
  quantity: 1,
  unit: 'kg',
  grossKg: 1,
  netKg: 1,
  unitPriceFen: valueFen,
  valueFen,
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
  lines: [line('08011100', 150_000)],
  officerId: '9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
  deviceId: 'desk-dx01-a',
} satisfies Parameters<typeof prepareDeclaration>[0];

const context: DeclarationContext = { resident, goodsList: listV1, policy, usedTodayFen: 0 };
/** 10:00 in China on the trade date. */
const hqNow = new Date('2026-11-22T02:00:00Z');

function prepared(overrides: Partial<typeof input> = {}, ctx: Partial<DeclarationContext> = {}): DeclarationDraft {
  const result = prepareDeclaration({ ...input, ...overrides }, { ...context, ...ctx });
  if (!result.ok) throw new Error(`fixture did not prepare: ${result.error.message}`);
  return result.data;
}

describe('prepareDeclaration', () => {
  it('fills in the amounts and the versions it assessed with', () => {
    const result = prepareDeclaration(input, { ...context, usedTodayFen: 700_000 });
    expect(result).toEqual({
      ok: true,
      data: { ...input, totalFen: 150_000, exemptFen: 100_000, taxableFen: 50_000, policyVersion: 3, goodsListVersion: 1 },
    });
  });

  it('refuses an unknown resident on the certificate field', () => {
    const result = prepareDeclaration(input, { ...context, resident: null });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('resident_not_found');
      expect(result.error.field).toBe('certificateNo');
    }
  });

  it.each([
    ['expired', { status: 'expired' }, '2026-11-22'],
    ['suspended', { status: 'suspended' }, '2026-11-22'],
    ['not yet valid', { validFrom: '2026-11-23' }, '2026-11-22'],
    ['past its validity', { validTo: '2026-11-21' }, '2026-11-22'],
  ] as const)('refuses a resident whose certificate is %s', (_, change, tradeDate) => {
    const result = prepareDeclaration({ ...input, tradeDate }, { ...context, resident: { ...resident, ...change } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('resident_inactive');
      expect(result.error.field).toBe('certificateNo');
      expect(result.error.message).toContain(tradeDate);
    }
  });

  it('accepts a certificate on its first and last valid day', () => {
    const limits = { ...resident, validFrom: '2026-11-22', validTo: '2026-11-22' };
    expect(prepareDeclaration(input, { ...context, resident: limits }).ok).toBe(true);
  });

  it('refuses to guess amounts without a goods list or a policy', () => {
    for (const missing of [{ goodsList: null }, { policy: null }]) {
      const result = prepareDeclaration(input, { ...context, ...missing });
      expect(result.ok ? null : result.error.code).toBe('policy_missing');
    }
  });

  it('refuses forbidden goods naming the line field, the line number and the HS code', () => {
    const lines = [line('08011100', 10_000), line('44031000', 20_000)];
    const result = prepareDeclaration({ ...input, lines }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('goods_forbidden');
      expect(result.error.field).toBe('lines.1.hsCode');
      expect(result.error.message).toContain('第2行');
      expect(result.error.message).toContain('Line 2');
      expect(result.error.message).toContain('44031000');
    }
  });

  it('refuses goods that are not on the list', () => {
    const result = prepareDeclaration({ ...input, lines: [line('9403', 10_000)] }, context);
    expect(result.ok ? null : [result.error.code, result.error.field]).toEqual(['goods_not_listed', 'lines.0.hsCode']);
  });

  it('accepts non-exempt goods and taxes them', () => {
    const result = prepareDeclaration({ ...input, lines: [line('22084000', 30_000)] }, context);
    expect(result.ok && [result.data.exemptFen, result.data.taxableFen]).toEqual([0, 30_000]);
  });
});

describe('assessAtHq', () => {
  it('never flags a clean record and agrees with the desk', () => {
    const draft = prepared();
    expect(assessAtHq(draft, context, hqNow)).toEqual({ ok: true, data: { hqExemptFen: 150_000, hqTaxableFen: 0, flags: [] } });
  });

  it('flags quota used at another point with the amounts in both languages', () => {
    const draft = prepared(); // the desk thought nothing was used today
    const result = assessAtHq(draft, { ...context, usedTodayFen: 700_000 }, hqNow);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.hqExemptFen).toBe(100_000);
    expect(result.data.hqTaxableFen).toBe(50_000);
    expect(result.data.flags.map((f) => f.code)).toEqual(['quota_exceeded_elsewhere']);
    const [flag] = result.data.flags;
    for (const text of [flag?.message, flag?.messageEn]) {
      expect(text).toContain('¥7,000.00'); // used elsewhere
      expect(text).toContain('¥1,000.00'); // HQ exempts
      expect(text).toContain('¥500.00'); // HQ taxes
      expect(text).toContain('¥1,500.00'); // the desk claimed
    }
    expect(flag?.at).toBe(hqNow.toISOString());
  });

  it('does not flag when HQ exempts as much as the desk claimed or more', () => {
    const draft = prepared({}, { usedTodayFen: 700_000 });
    expect(assessAtHq(draft, { ...context, usedTodayFen: 0 }, hqNow)).toEqual({
      ok: true,
      data: { hqExemptFen: 150_000, hqTaxableFen: 0, flags: [] },
    });
  });

  it('flags goods forbidden under a list that changed while the desk was offline, and only that', () => {
    const draft = prepared({ lines: [line('08031000', 10_000), line('08011100', 20_000)] });
    const result = assessAtHq(draft, { ...context, goodsList: listV2 }, hqNow);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.hqExemptFen).toBe(0);
    expect(result.data.hqTaxableFen).toBe(30_000);
    // The exemption shrank because of the list, not because the quota was used elsewhere.
    expect(result.data.flags.map((f) => f.code)).toEqual(['goods_list_changed']);
    const [flag] = result.data.flags;
    expect(flag?.message).toContain('第 2 版');
    expect(flag?.message).toContain('第2行');
    expect(flag?.messageEn).toContain('v2');
    expect(flag?.messageEn).toContain('Line 2');
    expect(flag?.messageEn).toContain('08011100');
  });

  it('flags goods that lost their exemption under a changed list, with the amounts', () => {
    const draft = prepared({ lines: [line('08031000', 120_000)] });
    const result = assessAtHq(draft, { ...context, goodsList: listV2 }, hqNow);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([result.data.hqExemptFen, result.data.hqTaxableFen]).toEqual([0, 120_000]);
    expect(result.data.flags.map((f) => f.code)).toEqual(['goods_list_changed']);
    expect(result.data.flags[0]?.messageEn).toContain('v2');
    expect(result.data.flags[0]?.messageEn).toContain('¥1,200.00');
  });

  it('flags both reasons when the list and the quota each cut the exemption', () => {
    const draft = prepared({ lines: [line('08011100', 300_000), line('08031000', 300_000)] });
    const result = assessAtHq(draft, { ...context, goodsList: { ...listV2, items: [item('08', '食用水果及坚果', 'allowed'), item('0803', '香蕉', 'non_exempt')] }, usedTodayFen: 700_000 }, hqNow);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([result.data.hqExemptFen, result.data.hqTaxableFen]).toEqual([100_000, 500_000]);
    expect(result.data.flags.map((f) => f.code).sort()).toEqual(['goods_list_changed', 'quota_exceeded_elsewhere']);
  });

  it('keeps and flags the record of a resident who is no longer active', () => {
    const draft = prepared();
    const result = assessAtHq(draft, { ...context, resident: { ...resident, status: 'suspended' } }, hqNow);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.flags.map((f) => f.code)).toEqual(['resident_inactive']);
    expect(result.data.flags[0]?.messageEn).toContain('suspended');
    expect(result.data.hqExemptFen).toBe(150_000);
  });

  it('refuses a resident it does not know or who belongs to another port', () => {
    const draft = prepared();
    for (const r of [null, { ...resident, portId: 'PINGXIANG' }]) {
      const result = assessAtHq(draft, { ...context, resident: r }, hqNow);
      expect(result.ok ? null : [result.error.code, result.error.field]).toEqual(['resident_not_found', 'residentId']);
      expect(result.ok ? '' : result.error.message).toContain('DX000001');
    }
  });

  it('refuses when it has no list or policy for the trade date', () => {
    const draft = prepared();
    for (const missing of [{ goodsList: null }, { policy: null }]) {
      const result = assessAtHq(draft, { ...context, ...missing }, hqNow);
      expect(result.ok ? null : [result.error.code, result.error.field]).toEqual(['policy_missing', 'tradeDate']);
    }
  });

  describe('trade date plausibility, in China time', () => {
    /** 00:30 on 22 November in China, still 21 November in UTC. */
    const justAfterCstMidnight = new Date('2026-11-21T16:30:00Z');
    const dateFlags = (tradeDate: string, now: Date) => {
      const result = assessAtHq(prepared({ tradeDate }), context, now);
      if (!result.ok) throw new Error(result.error.message);
      return result.data.flags.filter((f) => f.code === 'trade_date_implausible');
    };

    it('allows up to 7 days in the past and 1 day in the future of the CST day', () => {
      for (const tradeDate of ['2026-11-15', '2026-11-20', '2026-11-22', '2026-11-23']) {
        expect(dateFlags(tradeDate, justAfterCstMidnight)).toEqual([]);
      }
    });

    it('flags 8 days past and 2 days ahead, counted from the CST day, not the UTC one', () => {
      // In UTC these would be 7 days past and 2 ahead; in China they are 8 past and 2 ahead.
      const past = dateFlags('2026-11-14', justAfterCstMidnight);
      expect(past).toHaveLength(1);
      expect(past[0]?.messageEn).toContain('2026-11-22');
      expect(past[0]?.messageEn).toContain('-8 days');
      expect(dateFlags('2026-11-24', justAfterCstMidnight)).toHaveLength(1);
    });

    it('flags a day ahead that is 2 days ahead in China just before CST midnight', () => {
      const justBeforeCstMidnight = new Date('2026-11-21T15:59:59Z'); // 23:59:59 on 21 November in China
      expect(dateFlags('2026-11-22', justBeforeCstMidnight)).toEqual([]);
      expect(dateFlags('2026-11-23', justBeforeCstMidnight)).toHaveLength(1);
      expect(dateFlags('2026-11-14', justBeforeCstMidnight)).toEqual([]);
      expect(dateFlags('2026-11-13', justBeforeCstMidnight)).toHaveLength(1);
    });
  });

  it('raises flags that the declaration schema accepts', () => {
    const draft = prepared({ tradeDate: '2026-10-01', lines: [line('08011100', 100_000)] });
    const result = assessAtHq(draft, { ...context, goodsList: listV2, usedTodayFen: 900_000, resident: { ...resident, status: 'expired' } }, hqNow);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.flags.map((f) => f.code).sort()).toEqual(['goods_list_changed', 'resident_inactive', 'trade_date_implausible']);
    for (const flag of result.data.flags) expect(flagSchema.safeParse(flag).success).toBe(true);
  });

  it('keeps exempt + taxable = total and raises no rule flag when desk and HQ see the same day', () => {
    const lineArb = fc
      .record({ hsCode: fc.constantFrom('08011100', '0803', '22084000'), valueFen: fc.integer({ min: 0, max: 1_000_000 }) })
      .map(({ hsCode, valueFen }) => line(hsCode, valueFen));
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 1_000_000 }), (lines, usedTodayFen) => {
        const draft = prepared({ lines }, { usedTodayFen });
        const result = assessAtHq(draft, { ...context, usedTodayFen }, hqNow);
        expect(result).toEqual({ ok: true, data: { hqExemptFen: draft.exemptFen, hqTaxableFen: draft.taxableFen, flags: [] } });
        expect(draft.exemptFen + draft.taxableFen).toBe(draft.totalFen);
      }),
    );
  });

  it('flags quota exactly when HQ exempts less than the desk and the HQ quota is what binds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 900_000 }), fc.integer({ min: 0, max: 900_000 }), fc.integer({ min: 0, max: 900_000 }), (value, deskUsed, hqUsed) => {
        const draft = prepared({ lines: [line('08011100', value)] }, { usedTodayFen: deskUsed });
        const result = assessAtHq(draft, { ...context, usedTodayFen: hqUsed }, hqNow);
        if (!result.ok) throw new Error(result.error.message);
        const flagged = result.data.flags.some((f) => f.code === 'quota_exceeded_elsewhere');
        expect(flagged).toBe(result.data.hqExemptFen < draft.exemptFen);
        expect(result.data.hqExemptFen + result.data.hqTaxableFen).toBe(value);
      }),
    );
  });
});
