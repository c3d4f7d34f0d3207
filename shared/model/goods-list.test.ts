import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DutyFreePolicy, dutyFreePolicySchema, type GoodsList, goodsItemSchema, goodsListSchema, versionInForce } from './goods-list';

const item = { hsCode: '0801', name: '坚果', nameEn: 'nuts', list: 'allowed', weightCapKg: null, unit: 'kg' } as const;
const list: GoodsList = {
  id: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  portId: 'DONGXING',
  version: 1,
  effectiveFrom: '2020-01-01',
  items: [item, { hsCode: '4403', name: '原木', nameEn: 'logs', list: 'negative', weightCapKg: null, unit: 'm3' }],
};
const policy: DutyFreePolicy = {
  id: '6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f',
  portId: 'DONGXING',
  version: 1,
  effectiveFrom: '2020-01-01',
  dailyExemptFen: 800_000,
};

function issuePaths(schema: { safeParse(v: unknown): { success: true } | { success: false; error: { issues: { path: PropertyKey[] }[] } } }, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.map(String).join('.'));
}

describe('goods list schemas', () => {
  it('accept the demo list and policy', () => {
    expect(goodsListSchema.parse(list)).toEqual(list);
    expect(dutyFreePolicySchema.parse(policy)).toEqual(policy);
  });

  it.each([
    ['hsCode', '4'],
    ['hsCode', '44031000001'],
    ['hsCode', '44*'],
    ['name', ''],
    ['nameEn', 'x'.repeat(101)],
    ['list', 'banned'],
    ['weightCapKg', 0],
    ['weightCapKg', -5],
    ['unit', ''],
  ] as const)('refuse an item with %s = %j', (field, value) => {
    expect(issuePaths(goodsItemSchema, { ...item, [field]: value })).toEqual([field]);
  });

  it('name the failing item inside a list', () => {
    const items = [item, { ...item, list: 'banned' }];
    expect(issuePaths(goodsListSchema, { ...list, items })).toEqual(['items.1.list']);
  });

  it('refuse impossible effective dates and bad versions', () => {
    expect(issuePaths(goodsListSchema, { ...list, effectiveFrom: '2026-02-30' })).toEqual(['effectiveFrom']);
    expect(issuePaths(goodsListSchema, { ...list, version: 0 })).toEqual(['version']);
    expect(issuePaths(dutyFreePolicySchema, { ...policy, effectiveFrom: '2026-04-31' })).toEqual(['effectiveFrom']);
  });

  it('refuse a negative or fractional daily amount but allow zero (exemption withdrawn)', () => {
    expect(issuePaths(dutyFreePolicySchema, { ...policy, dailyExemptFen: -1 })).toEqual(['dailyExemptFen']);
    expect(issuePaths(dutyFreePolicySchema, { ...policy, dailyExemptFen: 8000.5 })).toEqual(['dailyExemptFen']);
    expect(issuePaths(dutyFreePolicySchema, { ...policy, dailyExemptFen: '800000' })).toEqual(['dailyExemptFen']);
    expect(dutyFreePolicySchema.safeParse({ ...policy, dailyExemptFen: 0 }).success).toBe(true);
  });
});

describe('versionInForce', () => {
  const v = (version: number, effectiveFrom: string) => ({ version, effectiveFrom });

  it('is null before any version takes effect, and for no versions', () => {
    expect(versionInForce([v(1, '2020-01-01'), v(2, '2026-01-01')], '2019-12-31')).toBeNull();
    expect(versionInForce([], '2026-11-22')).toBeNull();
  });

  it('takes a version on its effective date', () => {
    expect(versionInForce([v(1, '2020-01-01'), v(2, '2026-11-22')], '2026-11-22')?.version).toBe(2);
    expect(versionInForce([v(1, '2020-01-01'), v(2, '2026-11-22')], '2026-11-21')?.version).toBe(1);
  });

  it('ignores versions that take effect later, whatever their number', () => {
    expect(versionInForce([v(3, '2027-01-01'), v(1, '2020-01-01')], '2026-11-22')?.version).toBe(1);
  });

  it('prefers the later effective date over a higher version number', () => {
    // v3 was issued to correct 2020 history; v2 is still the one in force from 2025.
    expect(versionInForce([v(2, '2025-01-01'), v(3, '2020-01-01')], '2026-11-22')?.version).toBe(2);
  });

  it('on equal effective dates takes the higher version, in any order', () => {
    expect(versionInForce([v(2, '2026-01-01'), v(1, '2026-01-01')], '2026-06-01')?.version).toBe(2);
    expect(versionInForce([v(1, '2026-01-01'), v(2, '2026-01-01')], '2026-06-01')?.version).toBe(2);
  });

  it('returns the object itself, so callers get the whole list', () => {
    expect(versionInForce([list], '2026-11-22')).toBe(list);
  });

  it('matches a sort-based reference and does not depend on order', () => {
    const dayArb = fc.integer({ min: 0, max: 60 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.array(fc.record({ version: fc.integer({ min: 1, max: 9 }), effectiveFrom: dayArb }), { maxLength: 8 }),
        dayArb,
        (versions, date) => {
          const candidates = versions
            .filter((x) => x.effectiveFrom <= date)
            .sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? b.version - a.version : a.effectiveFrom < b.effectiveFrom ? 1 : -1));
          const expected = candidates[0] ?? null;
          const actual = versionInForce(versions, date);
          const reversed = versionInForce([...versions].reverse(), date);
          expect(actual === null ? null : [actual.effectiveFrom, actual.version]).toEqual(
            expected === null ? null : [expected.effectiveFrom, expected.version],
          );
          expect(reversed === null ? null : [reversed.effectiveFrom, reversed.version]).toEqual(
            actual === null ? null : [actual.effectiveFrom, actual.version],
          );
        },
      ),
    );
  });
});
