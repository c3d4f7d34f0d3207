import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDeclarationEvent,
  checkGateWeight,
  DECLARATION_LIFE_STATUSES,
  type DeclarationLifeEvent,
  type DeclarationLifeFacts,
  type DeclarationLifeState,
  declarationLifeEventSchema,
  declarationLifeStateSchema,
  declarationStatusOf,
  declaredGrossKg,
  describeGateWeight,
  type GatePolicy,
  gatePolicySchema,
  INITIAL_DECLARATION_LIFE_STATE,
  nextDeclarationEvents,
  replayDeclarationLife,
} from './declaration-life';

const gatePolicy: GatePolicy = {
  id: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a',
  portId: 'DONGXING',
  version: 1,
  effectiveFrom: '2020-01-01',
  tolerancePercent: 5,
  toleranceKg: 20,
  combine: 'larger',
};
const facts: DeclarationLifeFacts = { isDraftComplete: true, declaredGrossKg: 1000, gatePolicy };

const declare: DeclarationLifeEvent = { type: 'declare' };
const review = (riskHit: boolean, chooseForInspection: boolean): DeclarationLifeEvent => ({ type: 'review', riskHit, chooseForInspection });
const inspect: DeclarationLifeEvent = { type: 'record_inspection' };
const orderInspection: DeclarationLifeEvent = { type: 'order_inspection' };
const release = (gateWeightKg: number): DeclarationLifeEvent => ({ type: 'release', gateWeightKg });

function replay(events: DeclarationLifeEvent[], f: DeclarationLifeFacts = facts): DeclarationLifeState {
  const result = replayDeclarationLife(events, f);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe('gatePolicySchema', () => {
  it('accepts a percentage, a weight, or both', () => {
    expect(gatePolicySchema.parse(gatePolicy)).toEqual(gatePolicy);
    expect(gatePolicySchema.safeParse({ ...gatePolicy, tolerancePercent: null }).success).toBe(true);
    expect(gatePolicySchema.safeParse({ ...gatePolicy, toleranceKg: null, tolerancePercent: 2.5 }).success).toBe(true);
  });

  it('refuses no tolerance at all, a negative one, and a percentage finer than two decimals', () => {
    const paths = (value: unknown) => gatePolicySchema.safeParse(value).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ ...gatePolicy, tolerancePercent: null, toleranceKg: null })).toEqual(['tolerancePercent']);
    expect(paths({ ...gatePolicy, toleranceKg: -1 })).toEqual(['toleranceKg']);
    expect(paths({ ...gatePolicy, tolerancePercent: 0.125 })).toEqual(['tolerancePercent']);
    expect(paths({ ...gatePolicy, combine: 'average' })).toEqual(['combine']);
  });
});

describe('checkGateWeight', () => {
  it('is within at the allowance exactly, over and under beyond it, with the signed difference', () => {
    const only5Percent = { ...gatePolicy, toleranceKg: null };
    expect(checkGateWeight(1000, 1050, only5Percent)).toMatchObject({ verdict: 'within', differenceKg: 50, allowanceKg: 50 });
    expect(checkGateWeight(1000, 1050.001, only5Percent)).toMatchObject({ verdict: 'over', differenceKg: 0.001 + 50 });
    expect(checkGateWeight(1000, 949.999, only5Percent)).toMatchObject({ verdict: 'under', differenceKg: -50.001 });
    expect(checkGateWeight(1000, 950, only5Percent)).toMatchObject({ verdict: 'within', differenceKg: -50 });
  });

  it('compares in grams, so floating-point sums do not tip the verdict (0.1 + 0.2 kg declared, 0.3 weighed)', () => {
    const exact = { ...gatePolicy, tolerancePercent: 0, toleranceKg: null };
    expect(checkGateWeight(0.1 + 0.2, 0.3, exact)).toMatchObject({ verdict: 'within', differenceKg: 0 });
    expect(checkGateWeight(declaredGrossKg([{ grossKg: 0.1 }, { grossKg: 0.2 }]), 0.3, exact).verdict).toBe('within');
  });

  it('lets `combine` choose the larger or the smaller of the two allowances', () => {
    // 5 % of 200 kg = 10 kg; the absolute tolerance is 20 kg.
    expect(checkGateWeight(200, 215, gatePolicy)).toMatchObject({ verdict: 'within', allowanceKg: 20 });
    expect(checkGateWeight(200, 215, { ...gatePolicy, combine: 'smaller' })).toMatchObject({ verdict: 'over', allowanceKg: 10 });
    // 5 % of 1,000 kg = 50 kg.
    expect(checkGateWeight(1000, 1045, { ...gatePolicy, combine: 'smaller' })).toMatchObject({ verdict: 'over', allowanceKg: 20 });
    expect(checkGateWeight(1000, 1045, gatePolicy)).toMatchObject({ verdict: 'within', allowanceKg: 50 });
  });

  it('takes fractional percentages in basis points (2.5 % of 123.4 kg = 3.085 kg)', () => {
    const p = { ...gatePolicy, tolerancePercent: 2.5, toleranceKg: null };
    expect(checkGateWeight(123.4, 126.485, p)).toMatchObject({ verdict: 'within', allowanceKg: 3.085 });
    expect(checkGateWeight(123.4, 126.486, p).verdict).toBe('over');
  });

  it('agrees with an exact rational check (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 0, max: 10_000 }), (declared, gate, basisPoints) => {
        const p = { ...gatePolicy, tolerancePercent: basisPoints / 100, toleranceKg: null };
        const check = checkGateWeight(declared / 1000, gate / 1000, p);
        const isWithin = BigInt(Math.abs(gate - declared)) * 10_000n <= BigInt(declared) * BigInt(basisPoints);
        expect(check.verdict === 'within').toBe(isWithin);
        if (!isWithin) expect(check.verdict).toBe(gate > declared ? 'over' : 'under');
        expect(Math.round(check.differenceKg * 1000)).toBe(gate - declared);
      }),
    );
  });

  it('describes the weighing in both languages', () => {
    expect(describeGateWeight(checkGateWeight(1000, 1080, gatePolicy))).toEqual({
      zh: '过磅 1080 千克，申报毛重 1000 千克，相差 +80 千克（允许 ±50 千克）：超重',
      en: 'Gate 1080 kg, declared gross 1000 kg, difference +80 kg (allowed ±50 kg): over the declared weight',
    });
  });
});

describe('applyDeclarationEvent: the paths', () => {
  it('releases a declaration reviewed without a risk hit, not chosen, with the gate weight in tolerance', () => {
    const state = replay([declare, review(false, false), release(1030)]);
    expect(state).toMatchObject({ status: 'released', riskHit: false, isChosenForInspection: false, gateCheck: { verdict: 'within', differenceKg: 30 } });
    expect(declarationStatusOf(state)).toBe('released');
  });

  it('inspects a declaration chosen at review, then releases it', () => {
    expect(replay([declare, review(true, true), inspect]).status).toBe('inspected');
    expect(replay([declare, review(false, true), inspect, release(1000)])).toMatchObject({ status: 'released', riskHit: false });
  });

  it('refuses to release an uninspected declaration whose weight is out of tolerance, saying by how much', () => {
    const reviewed = replay([declare, review(false, false)]);
    const result = applyDeclarationEvent(reviewed, release(1080), facts);
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', field: 'gateWeightKg' } });
    expect(result.ok ? '' : result.error.message).toContain('相差 +80 千克');
    expect(result.ok ? '' : result.error.message).toContain('difference +80 kg');
    expect(applyDeclarationEvent(reviewed, release(900), facts)).toMatchObject({ ok: false, error: { message: expect.stringContaining('短重') } });
  });

  it('lets the officer order an inspection after the gate refused, then releases with the weighing recorded', () => {
    const state = replay([declare, review(false, false), orderInspection, inspect, release(1080)]);
    expect(state).toMatchObject({ status: 'released', isChosenForInspection: true, gateCheck: { verdict: 'over', differenceKg: 80 } });
  });

  it('refuses a risk hit that is not chosen for inspection', () => {
    const declared = replay([declare]);
    expect(applyDeclarationEvent(declared, review(true, false), facts)).toMatchObject({ ok: false, error: { code: 'conflict', field: 'chooseForInspection' } });
  });

  it('refuses to declare an incomplete draft', () => {
    const result = applyDeclarationEvent(INITIAL_DECLARATION_LIFE_STATE, declare, { ...facts, isDraftComplete: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: '申报内容不全或有误，请先改正 / the draft has problems: fix them first' } });
  });

  it('refuses release without a gate policy in force', () => {
    const reviewed = replay([declare, review(false, false)]);
    expect(applyDeclarationEvent(reviewed, release(1000), { ...facts, gatePolicy: null })).toMatchObject({ ok: false, error: { code: 'policy_missing' } });
  });

  it.each<[string, DeclarationLifeEvent[], DeclarationLifeEvent, string]>([
    ['review a draft', [], review(false, false), '申报单「草稿」时不能审核 / cannot review while the declaration is draft'],
    ['declare twice', [declare], declare, '申报单「已申报」时不能申报 / cannot declare while the declaration is declared'],
    ['release before review', [declare], release(1000), '申报单「已申报」时不能卡口放行 / cannot release at the gate while the declaration is declared'],
    ['inspect one not chosen', [declare, review(false, false)], inspect, '未被选中查验，不能登记查验 / not chosen for inspection: there is nothing to record'],
    ['release one chosen but not inspected', [declare, review(true, true)], release(1000), '已被选中查验，须先查验再放行 / chosen for inspection: inspect it before release'],
    ['order an inspection twice', [declare, review(false, true)], orderInspection, '已布控查验 / already chosen for inspection'],
    ['order an inspection after it was done', [declare, review(false, true), inspect], orderInspection, '申报单「已查验」时不能布控查验 / cannot order an inspection while the declaration is inspected'],
    ['release twice', [declare, review(false, false), release(1000)], release(1000), '申报单「已放行」时不能卡口放行 / cannot release at the gate while the declaration is released'],
    ['inspect twice', [declare, review(true, true), inspect], inspect, '申报单「已查验」时不能登记查验结果 / cannot record the inspection while the declaration is inspected'],
  ])('refuses to %s, with a reason in Chinese and English', (_, before, event, message) => {
    const state = replay(before);
    expect(applyDeclarationEvent(state, event, facts)).toEqual({ ok: false, error: { code: 'conflict', message, field: expect.any(String) } });
  });
});

describe('replayDeclarationLife', () => {
  it('names the first refused event', () => {
    expect(replayDeclarationLife([declare, release(1000), review(false, false)], facts)).toMatchObject({ ok: false, error: { field: 'events.1.status' } });
  });

  it('gives the same state for events read back from JSON', () => {
    const events = [declare, review(true, true), inspect, release(1010.5)];
    const stored: unknown = JSON.parse(JSON.stringify(events));
    const parsed = declarationLifeEventSchema.array().parse(stored);
    const state = replay(parsed);
    expect(replay(events)).toEqual(state);
    expect(declarationLifeStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });
});

describe('declarationLifeEventSchema', () => {
  it('refuses unknown events and bad weights', () => {
    expect(declarationLifeEventSchema.safeParse({ type: 'approve' }).success).toBe(false);
    expect(declarationLifeEventSchema.safeParse({ type: 'release', gateWeightKg: -1 }).success).toBe(false);
    expect(declarationLifeEventSchema.safeParse({ type: 'review', riskHit: 'no', chooseForInspection: false }).success).toBe(false);
  });
});

const eventArb: fc.Arbitrary<DeclarationLifeEvent> = fc.oneof(
  fc.constant(declare),
  fc.record({ riskHit: fc.boolean(), chooseForInspection: fc.boolean() }).map(({ riskHit, chooseForInspection }) => review(riskHit, chooseForInspection)),
  fc.constant(orderInspection),
  fc.constant(inspect),
  fc.integer({ min: 800, max: 1200 }).map(release),
);
const factsArb: fc.Arbitrary<DeclarationLifeFacts> = fc.record({
  isDraftComplete: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  declaredGrossKg: fc.constant(1000),
  gatePolicy: fc.oneof({ weight: 4, arbitrary: fc.constant(gatePolicy) }, { weight: 1, arbitrary: fc.constant(null) }),
});
/** Random events rarely get far, so three picks in four come from the events the machine would accept. */
const guidedRunArb = factsArb.chain((f) =>
  fc.tuple(
    fc.array(fc.tuple(fc.nat(3), fc.nat(), eventArb), { maxLength: 12 }).map((choices) => {
      let state = INITIAL_DECLARATION_LIFE_STATE;
      const events: DeclarationLifeEvent[] = [];
      for (const [dice, pick, random] of choices) {
        const candidates = [declare, review(false, false), review(true, true), review(false, true), orderInspection, inspect, release(1000), release(1100)];
        const legal = candidates.filter((e) => applyDeclarationEvent(state, e, f).ok);
        const event = dice > 0 && legal.length > 0 ? (legal[pick % legal.length] ?? random) : random;
        events.push(event);
        const next = applyDeclarationEvent(state, event, f);
        if (next.ok) state = next.data;
      }
      return events;
    }),
    fc.constant(f),
  ),
);

describe('applyDeclarationEvent properties', () => {
  it('never reaches a forbidden state, a refused event changes nothing, and the state is never mutated', () => {
    fc.assert(
      fc.property(guidedRunArb, ([events, f]) => {
        let state: DeclarationLifeState = Object.freeze({ ...INITIAL_DECLARATION_LIFE_STATE });
        for (const event of events) {
          const before = structuredClone(state);
          const next = applyDeclarationEvent(state, event, f);
          expect(state).toEqual(before);
          if (!next.ok) {
            expect(next.error.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
            continue;
          }
          const after = next.data;
          expect(DECLARATION_LIFE_STATUSES.indexOf(after.status)).toBeGreaterThanOrEqual(DECLARATION_LIFE_STATUSES.indexOf(state.status));
          if (after.riskHit) expect(after.isChosenForInspection).toBe(true);
          if (after.status === 'inspected') expect(after.isChosenForInspection).toBe(true);
          if (after.status === 'released') {
            expect(after.gateCheck).not.toBeNull();
            expect(state.status === 'inspected' || (state.status === 'reviewed' && !state.isChosenForInspection && after.gateCheck?.verdict === 'within')).toBe(true);
          } else expect(after.gateCheck).toBeNull();
          expect(declarationLifeStateSchema.safeParse(after).success).toBe(true);
          state = Object.freeze(after);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('has no dead ends: every state short of released accepts an event offered by nextDeclarationEvents', () => {
    fc.assert(
      fc.property(guidedRunArb, ([events]) => {
        const facts0 = { ...facts };
        let state = INITIAL_DECLARATION_LIFE_STATE;
        for (const event of events) {
          const next = applyDeclarationEvent(state, event, facts0);
          if (next.ok) state = next.data;
          const offered = nextDeclarationEvents(state);
          if (state.status === 'released') expect(offered).toEqual([]);
          else {
            const samples: Record<string, DeclarationLifeEvent> = { declare, review: review(false, false), order_inspection: orderInspection, record_inspection: inspect, release: release(1000) };
            const accepted = offered.filter((type) => samples[type] !== undefined && applyDeclarationEvent(state, samples[type], facts0).ok);
            expect(accepted.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('replays to the same state every time', () => {
    fc.assert(
      fc.property(guidedRunArb, ([events, f]) => {
        expect(replayDeclarationLife(events, f)).toEqual(replayDeclarationLife(structuredClone(events), f));
      }),
      { numRuns: 300 },
    );
  });
});
