import { describe, expect, it } from 'vitest';
import type { GatePolicy } from '../../../../shared/index';
import { allowanceAt, toleranceOf } from './GatePolicyTab';

const policy = (tolerancePercent: number | null, toleranceKg: number | null, combine: GatePolicy['combine']): GatePolicy => ({
  id: '8c2d9e50-4183-4fac-9d5e-9a3142c6f7e8',
  portId: 'DONGXING',
  version: 1,
  effectiveFrom: '2020-01-01',
  tolerancePercent,
  toleranceKg,
  combine,
});

describe('gate policy tab', () => {
  it('reads an empty tolerance as not set and refuses what is not a number', () => {
    expect(toleranceOf('')).toBeNull();
    expect(toleranceOf(' 2,5 ')).toBe(2.5);
    expect(toleranceOf('5%')).toBeUndefined();
  });

  it('charts the allowance each version gives at a declared weight', () => {
    expect(allowanceAt(policy(5, 2, 'larger'), 100)).toBe(5);
    expect(allowanceAt(policy(5, 2, 'larger'), 20)).toBe(2);
    expect(allowanceAt(policy(5, 2, 'smaller'), 100)).toBe(2);
    expect(allowanceAt(policy(null, 3, 'larger'), 100)).toBe(3);
  });
});
