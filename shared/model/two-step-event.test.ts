import { describe, expect, it } from 'vitest';
import {
  INITIAL_TWO_STEP_STATE,
  isSummaryReceipt,
  RECEIPT_CODES,
  RECEIPT_EVENT_TYPES,
  TWO_STEP_EVENT_LABELS,
  TWO_STEP_EVENT_TYPES,
  TWO_STEP_STATUS_LABELS,
  TWO_STEP_STATUSES,
  twoStepEventSchema,
  twoStepStateSchema,
} from './two-step-event';

describe('twoStepEventSchema', () => {
  it('accepts desk events and receipt events that match their code', () => {
    expect(twoStepEventSchema.parse({ type: 'record_arrival' })).toEqual({ type: 'record_arrival' });
    for (const code of RECEIPT_CODES) {
      const event = { type: RECEIPT_EVENT_TYPES[code], receipt: code };
      expect(twoStepEventSchema.parse(event)).toEqual(event);
    }
  });

  it('refuses an unknown type, an unknown code and a code that carries another event', () => {
    expect(twoStepEventSchema.safeParse({ type: 'teleport' }).success).toBe(false);
    expect(twoStepEventSchema.safeParse({ type: 'accept', receipt: 'SpX' }).success).toBe(false);
    const mismatch = twoStepEventSchema.safeParse({ type: 'release', receipt: 'SpL' });
    expect(mismatch.success).toBe(false);
    expect(mismatch.error?.issues[0]?.path).toEqual(['receipt']);
  });
});

describe('two-step states', () => {
  it('starts as a draft with no path, frozen', () => {
    expect(twoStepStateSchema.parse(INITIAL_TWO_STEP_STATE)).toEqual({ status: 'draft', path: null, hasArrived: false, isSuspended: false });
    expect(Object.isFrozen(INITIAL_TWO_STEP_STATE)).toBe(true);
  });

  it('refuses a state it does not know (a desk older than HQ)', () => {
    expect(twoStepStateSchema.safeParse({ ...INITIAL_TWO_STEP_STATE, status: 'teleported' }).success).toBe(false);
  });

  it('names every status and event in both languages', () => {
    for (const status of TWO_STEP_STATUSES) expect(TWO_STEP_STATUS_LABELS[status].zh && TWO_STEP_STATUS_LABELS[status].en).toBeTruthy();
    for (const type of TWO_STEP_EVENT_TYPES) expect(TWO_STEP_EVENT_LABELS[type].zh && TWO_STEP_EVENT_LABELS[type].en).toBeTruthy();
  });

  it('tells summary receipts from generic ones', () => {
    expect(RECEIPT_CODES.filter(isSummaryReceipt)).toEqual(['SpL', 'SpE', 'SpJ', 'Sp1', 'SpC', 'SpK']);
  });
});
