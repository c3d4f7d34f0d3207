import { describe, expect, it } from 'vitest';
import type { TwoStepEntry } from '../model/two-step';
import {
  INITIAL_TWO_STEP_STATE,
  RECEIPT_CODES,
  TWO_STEP_EVENT_TYPES,
  type TwoStepEvent,
  type TwoStepEventType,
  type TwoStepState,
} from '../model/two-step-event';
import { legalTwoStepEvents, receiptToEvent, replayTwoStep, type TwoStepFacts, transition, twoStepFactsOf } from './two-step-machine';

const facts: TwoStepFacts = {
  flags: { licence: false, inspection: false, taxable: false },
  isSummaryComplete: true,
  isFullDeclarationComplete: true,
  isGuaranteeLodged: false,
  isTaxPaid: false,
};
const withFlags = (flags: Partial<TwoStepFacts['flags']>, more: Partial<TwoStepFacts> = {}): TwoStepFacts => ({
  ...facts,
  ...more,
  flags: { ...facts.flags, ...flags },
});

const desk = (type: TwoStepEventType): TwoStepEvent => ({ type });
function receipt(code: string): TwoStepEvent {
  const result = receiptToEvent(code);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}
/** Events written the way they arrive: receipt codes as strings, desk events by name. */
function events(...items: string[]): TwoStepEvent[] {
  return items.map((item) => {
    if (RECEIPT_CODES.some((code) => code === item)) return receipt(item);
    const type = TWO_STEP_EVENT_TYPES.find((candidate) => candidate === item);
    if (type === undefined) throw new Error(`no event ${item}`);
    return desk(type);
  });
}

/** Replays and insists every event is accepted, so a refused step fails the test where it happens. */
function run(list: TwoStepEvent[], f: TwoStepFacts = facts, from: TwoStepState = INITIAL_TWO_STEP_STATE): TwoStepState {
  const outcome = replayTwoStep(list, f, from);
  outcome.steps.forEach((step, index) => {
    if (!step.ok) throw new Error(`event ${index} (${list[index]?.type}) refused: ${step.error.message}`);
  });
  return outcome.state;
}

function refusal(state: TwoStepState, event: TwoStepEvent, f: TwoStepFacts = facts): string {
  const result = transition(state, event, f);
  if (result.ok) throw new Error(`expected ${event.type} to be refused from ${state.status}`);
  expect(result.error).toMatchObject({ code: 'conflict', field: 'status' });
  return result.error.message;
}

describe('the two-step path', () => {
  it('runs from draft to closed on receipts and yard events', () => {
    const state = run(events('declare_summary', 'SpL', 'SpJ', 'record_arrival', 'SpK', 'declare_full', 'L', 'G', 'P', 'R'));
    expect(state).toEqual({ status: 'closed', path: 'two_step', hasArrived: true, isSuspended: false });
  });

  it('advance review and release at the gate: reviewed before arrival, released when the goods come', () => {
    const reviewed = run(events('declare_summary', 'review'));
    expect(refusal(reviewed, desk('release'))).toBe('货物尚未运抵，不能放行 / the goods have not arrived: they cannot be released');
    expect(run(events('record_arrival', 'release'), facts, reviewed).status).toBe('released_for_removal');
  });

  it('涉检: no removal until inspected, and no inspection before arrival', () => {
    const f = withFlags({ inspection: true });
    const reviewed = run(events('declare_summary', 'SpL', 'SpJ'), f);
    expect(refusal(reviewed, receipt('SpK'), f)).toContain('inspection flag: the goods must be inspected before release');
    const ordered = run(events('SpC'), f, reviewed);
    expect(ordered.status).toBe('inspection_ordered');
    expect(refusal(ordered, receipt('SpK'), f)).toBe('「待查验」时不能放行 / cannot release while inspection ordered');
    expect(refusal(ordered, desk('record_inspection'), f)).toContain('have not arrived');
    expect(run(events('record_arrival', 'record_inspection', 'SpK'), f, ordered).status).toBe('released_for_removal');
  });

  it('an inspection customs orders is needed even without 涉检', () => {
    const ordered = run(events('declare_summary', 'SpJ', 'record_arrival', 'SpC'));
    expect(refusal(ordered, receipt('P'))).toContain('cannot release while inspection ordered');
  });

  it('涉税: removal needs the guarantee; the final release needs the tax paid', () => {
    const f = withFlags({ taxable: true });
    const reviewed = run(events('declare_summary', 'SpJ', 'record_arrival'), f);
    expect(refusal(reviewed, receipt('SpK'), f)).toBe('涉税：须提交税款担保才能提离 / taxable flag: the guarantee must be lodged before removal');
    const lodged = { ...f, isGuaranteeLodged: true };
    const fullReviewed = run(events('SpK', 'declare_full', 'G'), lodged, reviewed);
    expect(refusal(fullReviewed, receipt('P'), lodged)).toContain('the tax is not paid yet');
    expect(refusal(fullReviewed, receipt('R'), lodged)).toContain('cannot close while full declaration reviewed');
    expect(run(events('P', 'R'), { ...lodged, isTaxPaid: true }, fullReviewed).status).toBe('closed');
  });

  it('a returned summary can be corrected and declared again; not while it still has problems', () => {
    const returned = run(events('declare_summary', 'SpE'));
    expect(returned.status).toBe('returned');
    expect(refusal(returned, desk('declare_summary'), { ...facts, isSummaryComplete: false })).toContain('the summary declaration has problems');
    expect(run(events('declare_summary', 'SpJ'), facts, returned).status).toBe('reviewed');
  });

  it('a returned full declaration can be declared again', () => {
    const state = run(events('declare_summary', 'SpJ', 'record_arrival', 'SpK', 'declare_full', 'E', 'declare_full', 'G'));
    expect(state.status).toBe('full_reviewed');
  });

  it('the full declaration comes after removal, and only when complete', () => {
    const reviewed = run(events('declare_summary', 'SpJ'));
    expect(refusal(reviewed, desk('declare_full'))).toContain('cannot make the full declaration while summary reviewed');
    const released = run(events('record_arrival', 'SpK'), facts, reviewed);
    expect(refusal(released, desk('declare_full'), { ...facts, isFullDeclarationComplete: false })).toContain('incomplete');
  });

  it('summary receipts (Sp*) are refused once the entry is past the summary stage', () => {
    const full = run(events('declare_summary', 'SpJ', 'record_arrival', 'SpK', 'declare_full'));
    expect(refusal(full, receipt('SpJ'))).toContain('summary receipt SpJ applies only at the summary stage (now: full declaration made)');
    expect(refusal(full, receipt('SpE'))).toContain('SpE');
    expect(run(events('G'), facts, full).status).toBe('full_reviewed');
  });

  it('Sp1 supplements a summary without moving it', () => {
    const declared = run(events('declare_summary'));
    expect(run(events('Sp1'), facts, declared)).toEqual(declared);
  });
});

describe('the one-step path', () => {
  it('declares everything at once and inspects after review', () => {
    const f = withFlags({ inspection: true, taxable: true }, { isTaxPaid: true });
    const reviewed = run(events('declare_one_step', 'L', 'G', 'record_arrival'), f);
    expect(reviewed).toMatchObject({ status: 'full_reviewed', path: 'one_step' });
    expect(refusal(reviewed, receipt('P'), f)).toContain('inspection flag');
    expect(refusal(reviewed, receipt('SpC'), f)).toContain('applies only at the summary stage');
    expect(run(events('C', 'record_inspection', 'P', 'R'), f, reviewed).status).toBe('closed');
  });

  it('needs both the summary and the full data', () => {
    expect(refusal(INITIAL_TWO_STEP_STATE, desk('declare_one_step'), { ...facts, isFullDeclarationComplete: false })).toContain('needs all of the declaration data');
  });

  it('has no removal stage: release goes straight to tax settled', () => {
    expect(run(events('declare_one_step', 'G', 'record_arrival', 'P')).status).toBe('tax_settled_released');
    const oneStep = run(events('declare_one_step'));
    expect(refusal(run(events('E'), facts, oneStep), desk('declare_summary'))).toContain('cannot declare the summary while full declaration returned');
  });
});

describe('holds, deletion and arrival', () => {
  it('a hold stops desk events; resume, or a later customs receipt, lifts it', () => {
    const held = run(events('declare_summary', 'H'));
    expect(held.isSuspended).toBe(true);
    expect(refusal(held, desk('review'))).toBe('报关单已挂起，不能审结，须先解除挂起 / the entry is suspended: resume it before you review');
    expect(refusal(held, receipt('H'))).toContain('already suspended');
    expect(run(events('record_arrival'), facts, held)).toMatchObject({ hasArrived: true, isSuspended: true });
    expect(run(events('resume'), facts, held)).toMatchObject({ status: 'summary_declared', isSuspended: false });
    expect(run(events('SpJ'), facts, held)).toMatchObject({ status: 'reviewed', isSuspended: false });
    expect(refusal(run(events('resume'), facts, held), desk('resume'))).toContain('not suspended');
  });

  it('a refused receipt does not lift the hold', () => {
    const held = run(events('declare_summary', 'H'));
    expect(refusal(held, receipt('R'))).toContain('cannot close');
  });

  it('drafts cannot be suspended but can be deleted; deleted and closed entries accept nothing', () => {
    expect(refusal(INITIAL_TWO_STEP_STATE, receipt('H'))).toContain('cannot suspend while draft');
    const deleted = run(events('delete'));
    expect(deleted.status).toBe('deleted');
    for (const code of RECEIPT_CODES) expect(refusal(deleted, receipt(code))).toContain('the entry is deleted: nothing more can happen to it');
    expect(refusal(deleted, desk('resume'))).toContain('deleted');
  });

  it('arrival is recorded once', () => {
    const arrived = run(events('record_arrival'));
    expect(arrived).toEqual({ ...INITIAL_TWO_STEP_STATE, hasArrived: true });
    expect(refusal(arrived, desk('record_arrival'))).toContain('already recorded');
  });
});

describe('receiptToEvent', () => {
  it.each([
    ['SpL', 'accept'],
    ['SpE', 'return'],
    ['SpJ', 'review'],
    ['Sp1', 'supplement'],
    ['SpC', 'order_inspection'],
    ['SpK', 'release'],
    ['L', 'accept'],
    ['E', 'return'],
    ['G', 'review'],
    ['C', 'order_inspection'],
    ['P', 'release'],
    ['R', 'close'],
    ['D', 'delete'],
    ['H', 'suspend'],
  ])('%s → %s', (code, type) => {
    expect(receiptToEvent(code)).toEqual({ ok: true, data: { type, receipt: code } });
    expect(receiptToEvent(` ${code}\n`)).toEqual({ ok: true, data: { type, receipt: code } });
  });

  it('refuses unknown codes with the list of known ones, and a hint for a wrong case', () => {
    const unknown = receiptToEvent('SpX');
    expect(unknown.ok).toBe(false);
    if (unknown.ok) return;
    expect(unknown.error).toMatchObject({ code: 'validation', field: 'receipt' });
    expect(unknown.error.message).toContain('Unknown receipt code "SpX"; known codes: SpL, SpE, SpJ, Sp1, SpC, SpK, L, E, G, C, P, R, D, H');
    const lower = receiptToEvent('spl');
    expect(!lower.ok && lower.error.message).toContain('did you mean SpL?');
    expect(receiptToEvent('').ok).toBe(false);
  });
});

describe('legalTwoStepEvents', () => {
  it('lists what the desk may do now', () => {
    expect(legalTwoStepEvents(INITIAL_TWO_STEP_STATE, facts)).toEqual(['declare_summary', 'declare_one_step', 'record_arrival', 'delete']);
    expect(legalTwoStepEvents(INITIAL_TWO_STEP_STATE, { ...facts, isSummaryComplete: false })).toEqual(['record_arrival', 'delete']);
    const reviewed = run(events('declare_summary', 'SpJ', 'record_arrival'));
    expect(legalTwoStepEvents(reviewed, facts)).toEqual(['supplement', 'order_inspection', 'release', 'delete', 'suspend']);
  });
});

describe('twoStepFactsOf', () => {
  const entry: TwoStepEntry = {
    id: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
    portId: 'DONGXING',
    entryNo: null,
    consignee: { name: '东兴市边贸进出口有限公司', creditCode: '91350100M000100Y43' },
    transport: { mode: 'road', name: '桂P12345', voyageNo: null, declaredOn: '2026-11-20' },
    billOfLadingNo: 'DX2026112000017',
    tradeMode: '0110',
    flags: { licence: false, inspection: false, taxable: true },
    lines: [{ hsCode: '080111', name: '干椰子', quantity: 2000, unit: 'kg', valueFen: 3_000_000, originCountry: 'VN', grossKg: 2100, inspection: null }],
    containers: [],
    licence: null,
    guaranteeNo: 'DB7201-2026-0001',
    officerId: '9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
    deviceId: 'desk-dx01-a',
    createdAt: '2026-11-20T08:30:00+08:00',
  };
  const more = { isFullDeclarationComplete: false, isGuaranteeLodged: true, isTaxPaid: false };

  it('reads the flags and the summary check from the entry', () => {
    expect(twoStepFactsOf(entry, more)).toEqual({ flags: entry.flags, isSummaryComplete: true, ...more });
    expect(twoStepFactsOf({ ...entry, guaranteeNo: null }, more).isSummaryComplete).toBe(false);
  });
});
