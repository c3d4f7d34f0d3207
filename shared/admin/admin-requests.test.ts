import { describe, expect, it } from 'vitest';
import { checkEffectiveFrom, newGoodsListRequestSchema, newOfficerRequestSchema, updateOfficerRequestSchema } from './admin-requests';

const item = (hsCode: string) => ({ hsCode, name: '香蕉', nameEn: 'Bananas', list: 'allowed', weightCapKg: null, unit: 'kg' });

describe('admin requests', () => {
  it('a new version takes effect from today (CST) up to two years ahead, never in the past', () => {
    expect(checkEffectiveFrom('2026-03-10', '2026-03-10').ok).toBe(true);
    expect(checkEffectiveFrom('2028-03-09', '2026-03-10').ok).toBe(true);
    const past = checkEffectiveFrom('2026-03-09', '2026-03-10');
    expect(past).toMatchObject({ ok: false, error: { code: 'validation', field: 'effectiveFrom' } });
    expect(checkEffectiveFrom('2062-03-10', '2026-03-10').ok).toBe(false);
  });

  it('a goods list names each HS prefix once, and holds only storable text', () => {
    expect(newGoodsListRequestSchema.safeParse({ effectiveFrom: '2026-03-10', items: [item('0803'), item('08')] }).success).toBe(true);
    const twice = newGoodsListRequestSchema.safeParse({ effectiveFrom: '2026-03-10', items: [item('0803'), item('0803')] });
    expect(twice.error?.issues[0]?.path).toEqual(['items', 1, 'hsCode']);
    const nul = newGoodsListRequestSchema.safeParse({ effectiveFrom: '2026-03-10', items: [{ ...item('0803'), name: 'a\u0000' }] });
    expect(nul.error?.issues[0]?.path).toEqual(['items', 0, 'name']);
    expect(newGoodsListRequestSchema.safeParse({ effectiveFrom: '2026-03-10', items: [] }).success).toBe(false);
  });

  it('an officer needs a password of at least 10 characters; an update changes something', () => {
    const officer = { username: 'dx.officer9', name: '测试', role: 'officer', password: '123456789' };
    expect(newOfficerRequestSchema.safeParse(officer).success).toBe(false);
    expect(newOfficerRequestSchema.safeParse({ ...officer, password: '1234567890' }).success).toBe(true);
    expect(newOfficerRequestSchema.safeParse({ ...officer, role: 'root', password: '1234567890' }).success).toBe(false);
    expect(updateOfficerRequestSchema.safeParse({}).success).toBe(false);
    expect(updateOfficerRequestSchema.safeParse({ disabled: true }).success).toBe(true);
  });
});
