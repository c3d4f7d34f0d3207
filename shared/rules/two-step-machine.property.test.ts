import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INITIAL_TWO_STEP_STATE,
  isSummaryReceipt,
  RECEIPT_CODES,
  TERMINAL_TWO_STEP_STATUSES,
  TWO_STEP_EVENT_TYPES,
  TWO_STEP_STATUSES,
  type TwoStepEvent,
  type TwoStepState,
  type TwoStepStatus,
} from '../model/two-step-event';
import { receiptToEvent, replayTwoStep, type TwoStepFacts, transition } from './two-step-machine';

/** Mostly true, so that random runs get deep into the machine. */
const likely = fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
const factsArb: fc.Arbitrary<TwoStepFacts> = fc.record({
  flags: fc.record({ licence: fc.boolean(), inspection: fc.boolean(), taxable: fc.boolean() }),
  isSummaryComplete: likely,
  isFullDeclarationComplete: likely,
  isGuaranteeLodged: likely,
  isTaxPaid: likely,
});
const receiptEvents = RECEIPT_CODES.map((code) => {
  const result = receiptToEvent(code);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
});
const eventArb: fc.Arbitrary<TwoStepEvent> = fc.oneof(
  fc.constantFrom(...TWO_STEP_EVENT_TYPES).map((type) => ({ type })),
  fc.constantFrom(...receiptEvents),
);
const ALL_EVENTS: readonly TwoStepEvent[] = [...TWO_STEP_EVENT_TYPES.map((type) => ({ type })), ...receiptEvents];

/**
 * Purely random events rarely get past the summary stage, so most runs are guided: at
 * three steps in four a choice among the events the machine would accept (deletion
 * aside, which ends the run), else a random one, usually refused. The rules are checked the same way on both.
 */
const guidedEventsArb = (facts: TwoStepFacts): fc.Arbitrary<TwoStepEvent[]> =>
  fc.array(fc.tuple(fc.nat(3), fc.nat(), eventArb), { minLength: 20, maxLength: 80 }).map((choices) => {
    let state = INITIAL_TWO_STEP_STATE;
    const events: TwoStepEvent[] = [];
    for (const [dice, pick, random] of choices) {
      const legal = ALL_EVENTS.filter((event) => transition(state, event, facts).ok && event.type !== 'delete');
      const event = dice > 0 && legal.length > 0 ? (legal[pick % legal.length] ?? random) : random;
      events.push(event);
      const result = transition(state, event, facts);
      if (result.ok) state = result.data;
    }
    return events;
  });
const runArb = factsArb.chain((facts) => fc.tuple(fc.oneof(guidedEventsArb(facts), fc.array(eventArb, { maxLength: 60 })), fc.constant(facts)));
const RUNS = { numRuns: 2000 };

const isTerminal = (status: TwoStepStatus) => TERMINAL_TWO_STEP_STATUSES.includes(status);

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (typeof inner === 'object' && inner !== null) deepFreeze(inner);
  return Object.freeze(value);
}

/**
 * The rules, restated from DOMAIN §3 independently of the machine's code, checked on
 * every accepted step of a run. Returns the first rule broken, or null.
 */
function brokenRule(events: readonly TwoStepEvent[], facts: TwoStepFacts, machine: typeof transition = transition): string | null {
  let state = INITIAL_TWO_STEP_STATE;
  let isInspectionPending = false;
  let wasReleasedForRemoval = false;
  let wasTaxSettled = false;
  for (const event of events) {
    const result = machine(state, event, facts);
    if (!result.ok) {
      if (result.error.code !== 'conflict' || !result.error.message.includes(' / ')) return `refusal without a bilingual reason: ${result.error.message}`;
      continue;
    }
    const prev = state;
    const next = result.data;
    const entered = next.status !== prev.status ? next.status : null;
    if (isTerminal(prev.status)) return `left terminal ${prev.status}`;
    if (prev.path !== null && next.path !== prev.path) return 'path changed once chosen';
    if (prev.hasArrived && !next.hasArrived) return 'arrival undone';
    if (next.path === null && next.status !== 'draft' && next.status !== 'deleted') return `${next.status} without a path`;
    if (prev.isSuspended && event.receipt === undefined && !['resume', 'delete', 'record_arrival'].includes(event.type)) return `${event.type} while suspended`;
    if (event.receipt !== undefined && isSummaryReceipt(event.receipt) && !(prev.path === 'two_step' && ['summary_declared', 'returned', 'reviewed', 'inspection_ordered', 'inspected'].includes(prev.status))) {
      return `summary receipt ${event.receipt} accepted at ${prev.status}`;
    }
    if (entered === 'summary_declared' && !facts.isSummaryComplete) return 'summary declared with problems';
    if (entered === 'full_declared' && !facts.isFullDeclarationComplete) return 'full declaration incomplete';
    if (entered === 'full_declared' && next.path === 'two_step' && !wasReleasedForRemoval) return 'two-step full declaration before removal';
    if (entered === 'inspection_ordered' && next.path === 'two_step' && prev.status !== 'reviewed') return `two-step inspection ordered from ${prev.status}`;
    if (entered === 'inspected' && (prev.status !== 'inspection_ordered' || !next.hasArrived)) return 'inspected without order or arrival';
    if (entered === 'released_for_removal') {
      if (next.path !== 'two_step') return 'removal on the one-step path';
      if (prev.status !== 'reviewed' && prev.status !== 'inspected') return `removal from ${prev.status}`;
      if (isInspectionPending) return 'removal while an inspection is pending';
      if (facts.flags.inspection && prev.status !== 'inspected') return '涉检 goods removed uninspected';
      if (facts.flags.taxable && !facts.isGuaranteeLodged) return '涉税 goods removed without guarantee';
      if (!next.hasArrived) return 'removal before arrival';
    }
    if (entered === 'tax_settled_released') {
      if (isInspectionPending) return 'released while an inspection is pending';
      if (facts.flags.taxable && !facts.isTaxPaid) return 'released with tax unpaid';
      if (next.path === 'two_step' && prev.status !== 'full_reviewed') return `two-step final release from ${prev.status}`;
      if (facts.flags.inspection && next.path === 'one_step' && prev.status !== 'inspected') return '涉检 one-step goods released uninspected';
    }
    if (entered === 'closed' && (prev.status !== 'tax_settled_released' || !wasTaxSettled)) return 'closed before tax settled';
    if (entered === 'inspection_ordered') isInspectionPending = true;
    if (entered === 'inspected') isInspectionPending = false;
    if (entered === 'released_for_removal') wasReleasedForRemoval = true;
    if (entered === 'tax_settled_released') wasTaxSettled = true;
    state = next;
  }
  return null;
}

describe('two-step machine: no sequence of events reaches a state the rules forbid', () => {
  it('holds for random events, receipts and facts', () => {
    fc.assert(fc.property(runArb, ([events, facts]) => brokenRule(events, facts) === null), RUNS);
  });

  it('the runs reach every status, so the property is tested where it matters', () => {
    const reached = new Set<TwoStepStatus>();
    for (const [events, facts] of fc.sample(runArb, { numRuns: 500, seed: 1 })) {
      let state = INITIAL_TWO_STEP_STATE;
      for (const event of events) {
        const result = transition(state, event, facts);
        if (result.ok) state = result.data;
        reached.add(state.status);
      }
    }
    expect([...reached].sort()).toEqual([...TWO_STEP_STATUSES].sort());
  });

  it('the checker catches machines that break the rules (so the property can fail)', () => {
    const facts: TwoStepFacts = { flags: { licence: false, inspection: false, taxable: true }, isSummaryComplete: true, isFullDeclarationComplete: true, isGuaranteeLodged: true, isTaxPaid: false };
    const mutant =
      (from: TwoStepStatus, type: TwoStepEvent['type'], to: TwoStepStatus): typeof transition =>
      (state, event, f) =>
        state.status === from && event.type === type ? { ok: true, data: { ...state, status: to } } : transition(state, event, f);
    const toInspection: TwoStepEvent[] = [{ type: 'declare_summary' }, { type: 'review' }, { type: 'record_arrival' }, { type: 'order_inspection' }, { type: 'release' }];
    expect(brokenRule(toInspection, facts)).toBeNull();
    expect(brokenRule(toInspection, facts, mutant('inspection_ordered', 'release', 'released_for_removal'))).toBe('removal from inspection_ordered');
    const toFullReview: TwoStepEvent[] = [...toInspection.slice(0, 3), { type: 'release' }, { type: 'declare_full' }, { type: 'review' }, { type: 'close' }];
    expect(brokenRule(toFullReview, facts)).toBeNull();
    expect(brokenRule(toFullReview, facts, mutant('full_reviewed', 'close', 'closed'))).toBe('closed before tax settled');
    const toRelease: TwoStepEvent[] = [...toFullReview.slice(0, 6), { type: 'release' }];
    expect(brokenRule(toRelease, facts)).toBeNull();
    expect(brokenRule(toRelease, facts, mutant('full_reviewed', 'release', 'tax_settled_released'))).toBe('released with tax unpaid');
    expect(brokenRule([{ type: 'declare_summary' }, { type: 'delete' }, { type: 'resume' }], facts, mutant('deleted', 'resume', 'summary_declared'))).toBe('left terminal deleted');
  });

  it('a refused event changes nothing, and no event mutates the state it is given', () => {
    fc.assert(
      fc.property(runArb, eventArb, ([events, facts], event) => {
        const before = deepFreeze(structuredClone(replayTwoStep(events, facts).state));
        const copy = structuredClone(before);
        transition(before, event, facts);
        expect(before).toEqual(copy);
        const outcome = replayTwoStep([event], facts, before);
        if (!outcome.steps[0]?.ok) expect(outcome.state).toBe(before);
      }),
      RUNS,
    );
  });
});

describe('two-step machine: desk and HQ agree', () => {
  it('replaying the same events twice gives the same states and the same refusals', () => {
    fc.assert(
      fc.property(runArb, ([events, facts]) => {
        expect(replayTwoStep(events, facts)).toEqual(replayTwoStep(events, facts));
      }),
      RUNS,
    );
  });

  it('a state stored as JSON half-way (desk in IndexedDB, HQ in SQL) continues to the same end', () => {
    fc.assert(
      fc.property(runArb, fc.nat(60), ([events, facts], cut) => {
        const at = Math.min(cut, events.length);
        const half = replayTwoStep(events.slice(0, at), facts);
        const stored: TwoStepState = JSON.parse(JSON.stringify(half.state));
        const rest = replayTwoStep(events.slice(at), facts, stored);
        const whole = replayTwoStep(events, facts);
        expect(rest.state).toEqual(whole.state);
        expect([...half.steps, ...rest.steps]).toEqual(whole.steps);
      }),
      RUNS,
    );
  });
});

describe('two-step machine: no dead ends', () => {
  /** Every state reachable from a draft with all facts in place, by any event. */
  function reachable(facts: TwoStepFacts): Map<string, TwoStepState> {
    const seen = new Map<string, TwoStepState>([[JSON.stringify(INITIAL_TWO_STEP_STATE), INITIAL_TWO_STEP_STATE]]);
    const queue = [INITIAL_TWO_STEP_STATE];
    for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
      for (const event of ALL_EVENTS) {
        const result = transition(state, event, facts);
        if (!result.ok) continue;
        const key = JSON.stringify(result.data);
        if (!seen.has(key)) {
          seen.set(key, result.data);
          queue.push(result.data);
        }
      }
    }
    return seen;
  }
  const allFlagSets = [false, true].flatMap((licence) => [false, true].flatMap((inspection) => [false, true].map((taxable) => ({ licence, inspection, taxable }))));

  it.each(allFlagSets)('with flags %o every live state can still be closed, and every status is reachable', (flags) => {
    const facts: TwoStepFacts = { flags, isSummaryComplete: true, isFullDeclarationComplete: true, isGuaranteeLodged: true, isTaxPaid: true };
    const states = reachable(facts);
    expect(new Set([...states.values()].map((s) => s.status))).toEqual(new Set(TWO_STEP_STATUSES));
    const canClose = new Set<string>();
    for (let grew = true; grew; ) {
      grew = false;
      for (const [key, state] of states) {
        if (canClose.has(key)) continue;
        const closesNow = state.status === 'closed';
        const leadsOn = ALL_EVENTS.some((event) => {
          const result = transition(state, event, facts);
          return result.ok && canClose.has(JSON.stringify(result.data));
        });
        if (closesNow || leadsOn) {
          canClose.add(key);
          grew = true;
        }
      }
    }
    const stuck = [...states].filter(([key, state]) => state.status !== 'deleted' && !canClose.has(key)).map(([key]) => key);
    expect(stuck).toEqual([]);
  });
});
