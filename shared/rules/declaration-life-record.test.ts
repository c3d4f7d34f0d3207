import { describe, expect, it } from 'vitest';
import type { Declaration } from '../model/declaration';
import { type GatePolicy, gatePolicySchema, gatePolicyValuesSchema } from './declaration-life';
import { applyEventToDeclaration, declarationLifeOf, gatePolicyOn, withDeclarationLife } from './declaration-life-record';

const policy = (version: number, effectiveFrom: string, toleranceKg: number): GatePolicy => ({
  id: `8c2d9e50-4183-4fac-9d5e-9a3142c6f7e${version}`,
  portId: 'DONGXING',
  version,
  effectiveFrom,
  tolerancePercent: 5,
  toleranceKg,
  combine: 'larger',
});
const policies = [policy(1, '2020-01-01', 2), policy(2, '2026-12-01', 10)];
type LifeRecord = Pick<Declaration, 'status' | 'riskHit' | 'isChosenForInspection' | 'gateCheck' | 'lines' | 'tradeDate'> & { id: string };
const record: LifeRecord = {
  id: 'r1',
  status: 'declared',
  tradeDate: '2026-11-22',
  lines: [
    { hsCode: '0803', name: '香蕉', originCountry: 'VN', quantity: 40, unit: 'kg', grossKg: 42.5, netKg: 40, unitPriceFen: 100, valueFen: 4000 },
    { hsCode: '0801', name: '坚果', originCountry: 'VN', quantity: 60, unit: 'kg', grossKg: 62.5, netKg: 60, unitPriceFen: 100, valueFen: 6000 },
  ],
};

describe('declarationLifeOf / withDeclarationLife', () => {
  it('reads a record stored before the life fields as not reviewed, not chosen, not weighed', () => {
    expect(declarationLifeOf(record)).toEqual({ status: 'declared', riskHit: null, isChosenForInspection: false, gateCheck: null });
  });

  it('writes the life back onto the record and nothing else; a draft state leaves the stored status', () => {
    const next = withDeclarationLife(record, { status: 'reviewed', riskHit: true, isChosenForInspection: true, gateCheck: null });
    expect(next).toEqual({ ...record, status: 'reviewed', riskHit: true, isChosenForInspection: true, gateCheck: null });
    expect(withDeclarationLife(record, { status: 'draft', riskHit: null, isChosenForInspection: false, gateCheck: null }).status).toBe('declared');
  });
});

describe('gatePolicyOn', () => {
  it('takes the version in force on the trade date', () => {
    expect(gatePolicyOn(policies, '2026-11-30')?.version).toBe(1);
    expect(gatePolicyOn(policies, '2026-12-01')?.version).toBe(2);
    expect(gatePolicyOn(policies, '2019-12-31')).toBeNull();
  });
});

describe('applyEventToDeclaration', () => {
  it('releases with the lines\' gross weight (105 kg) against the policy in force on the trade date', () => {
    const reviewed = applyEventToDeclaration(record, { type: 'review', riskHit: false, chooseForInspection: false }, policies);
    if (!reviewed.ok) throw new Error(reviewed.error.message);
    const released = applyEventToDeclaration(reviewed.data, { type: 'release', gateWeightKg: 110 }, policies);
    if (!released.ok) throw new Error(released.error.message);
    expect(released.data).toMatchObject({ id: 'r1', status: 'released', gateCheck: { verdict: 'within', declaredKg: 105, differenceKg: 5, allowanceKg: 5.25, gatePolicyVersion: 1 } });
    // The same weight under December's ±10 kg policy, for a December trade date.
    const december = applyEventToDeclaration({ ...reviewed.data, tradeDate: '2026-12-02' }, { type: 'release', gateWeightKg: 114 }, policies);
    expect(december.ok && december.data.gateCheck?.gatePolicyVersion).toBe(2);
  });

  it('refuses an over-weight release of an uninspected declaration with the message to order an inspection', () => {
    const reviewed = withDeclarationLife(record, { status: 'reviewed', riskHit: false, isChosenForInspection: false, gateCheck: null });
    const refused = applyEventToDeclaration(reviewed, { type: 'release', gateWeightKg: 111 }, policies);
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', field: 'gateWeightKg' } });
    expect(!refused.ok && refused.error.message).toContain('须布控查验');
  });

  it('refuses a release with no gate policy in force', () => {
    const reviewed = withDeclarationLife(record, { status: 'reviewed', riskHit: false, isChosenForInspection: false, gateCheck: null });
    expect(applyEventToDeclaration(reviewed, { type: 'release', gateWeightKg: 105 }, [])).toMatchObject({ ok: false, error: { code: 'policy_missing' } });
  });
});

describe('gate policy schemas', () => {
  it('checks what an administrator publishes: a tolerance at all, at most two decimals', () => {
    expect(gatePolicyValuesSchema.safeParse({ effectiveFrom: '2026-12-01', tolerancePercent: 2.5, toleranceKg: null, combine: 'larger' }).success).toBe(true);
    const none = gatePolicyValuesSchema.safeParse({ effectiveFrom: '2026-12-01', tolerancePercent: null, toleranceKg: null, combine: 'larger' });
    expect(none.error?.issues[0]?.path).toEqual(['tolerancePercent']);
    expect(gatePolicyValuesSchema.safeParse({ effectiveFrom: '2026-12-01', tolerancePercent: 2.555, toleranceKg: null, combine: 'larger' }).success).toBe(false);
    expect(gatePolicySchema.safeParse(policies[0]).success).toBe(true);
  });
});
