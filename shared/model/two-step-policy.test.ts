import { describe, expect, it } from 'vitest';
import { isWholeMillionths, type TwoStepPolicy, twoStepPolicySchema } from './two-step-policy';

const policy: TwoStepPolicy = {
  id: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a',
  portId: 'DONGXING',
  version: 1,
  effectiveFrom: '2020-01-01',
  fullDeclarationDays: 14,
  lateFeeStartsAfterDays: 14,
  lateFeeRatePerDay: 0.0005,
  lateFeeMinFen: 5_000,
  sellOffAfterMonths: 3,
  dueSoonDays: 3,
  lateCountWindowDays: 365,
  lateCountWarnAt: 3,
  nonWorkingDays: ['2027-01-01'],
};

function issuePaths(value: unknown): string[] {
  const result = twoStepPolicySchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('twoStepPolicySchema', () => {
  it('accepts the values HQ ships', () => {
    expect(twoStepPolicySchema.parse(policy)).toEqual(policy);
  });

  it.each([
    ['lateFeeRatePerDay', 0.00051234567], // not a whole number of millionths: the fee could not be exact
    ['lateFeeRatePerDay', -0.0005],
    ['lateFeeRatePerDay', 0.05],
    ['lateFeeMinFen', 50.5],
    ['fullDeclarationDays', 0],
    ['fullDeclarationDays', 14.5],
    ['sellOffAfterMonths', 0],
    ['nonWorkingDays.0', ['2027-02-30']],
  ])('refuses a bad %s', (field, value) => {
    expect(issuePaths({ ...policy, [field.split('.')[0] ?? field]: value })).toContain(field);
  });
});

describe('isWholeMillionths', () => {
  it('accepts rates the fee can use exactly, despite binary fractions', () => {
    for (const rate of [0, 0.0005, 0.001, 0.000001, 0.0003, 0.0007]) expect(isWholeMillionths(rate)).toBe(true);
    for (const rate of [0.0000005, 0.00012345]) expect(isWholeMillionths(rate)).toBe(false);
  });
});
