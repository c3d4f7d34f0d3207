import { describe, expect, it } from 'vitest';
import { demoTwoStepEntry } from '../model/two-step-demo';
import { MAX_TWO_STEP_HISTORY, type TwoStepRecord } from '../model/two-step-record';
import {
  applyTwoStepEvent,
  checkTwoStepEditable,
  decideTwoStepMutation,
  mergeTwoStepEdit,
  newTwoStepRecord,
  resolveTwoStepConflict,
  twoStepCreationStamp,
  twoStepFactsOfRecord,
  twoStepMilestones,
} from './two-step-apply';

const OFFICER = '9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const who = { officerId: OFFICER, deviceId: 'desk-a' };
const at = '2026-11-20T01:00:00Z';
const entry = demoTwoStepEntry({ id: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a', officerId: OFFICER, deviceId: 'desk-a', createdAt: at });
const base = { deskTime: at, portId: 'DONGXING', recordId: entry.id };
const event = (name: 'declare_summary' | 'delete' | 'release', id = crypto.randomUUID()) => ({ ...base, id, type: 'two_step.event' as const, event: name });

function declared(): TwoStepRecord {
  const result = applyTwoStepEvent(newTwoStepRecord(entry), { type: 'declare_summary' }, { at, officerId: OFFICER });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe('decideTwoStepMutation', () => {
  it('creates a draft at version 1 in the officer\'s own name only, once', () => {
    const made = decideTwoStepMutation({ id: crypto.randomUUID(), deskTime: at, type: 'two_step.create', record: entry }, undefined, who, '2026-11-20T01:00:05Z');
    expect(made.ok && made.data.record).toMatchObject({ state: { status: 'draft' }, version: 1, history: [], hqReceivedAt: '2026-11-20T01:00:05Z' });
    const forged = decideTwoStepMutation({ id: crypto.randomUUID(), deskTime: at, type: 'two_step.create', record: entry }, undefined, { ...who, officerId: crypto.randomUUID() }, at);
    expect(!forged.ok && forged.error.code).toBe('forbidden');
    const again = decideTwoStepMutation({ id: crypto.randomUUID(), deskTime: at, type: 'two_step.create', record: entry }, newTwoStepRecord(entry), who, at);
    expect(!again.ok && again.error).toMatchObject({ code: 'conflict', field: 'record.id' });
  });

  it('keeps each event with who and when, and refuses a desk deleting a declared entry', () => {
    const held = declared();
    expect(held.history).toEqual([{ type: 'declare_summary', receipt: null, at, status: 'summary_declared', by: 'desk', officerId: OFFICER }]);
    expect(held.version).toBe(2);
    const deleted = decideTwoStepMutation(event('delete'), held, who, at);
    expect(!deleted.ok && deleted.error).toMatchObject({ code: 'conflict', field: 'event' });
    expect(decideTwoStepMutation(event('delete'), newTwoStepRecord(entry), who, at).ok).toBe(true);
    const missing = decideTwoStepMutation(event('release'), undefined, who, at);
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });

  it('stops at the history limit rather than growing without end', () => {
    const full = { ...declared(), history: Array.from({ length: MAX_TWO_STEP_HISTORY }, () => declared().history[0]) } as TwoStepRecord;
    const result = applyTwoStepEvent({ ...full, state: { ...full.state, status: 'summary_declared' } }, { type: 'review', receipt: 'SpJ' }, { at, officerId: null });
    expect(!result.ok && result.error.field).toBe('history');
  });

  it('takes the entry number a receipt assigns only when the entry has none', () => {
    const numbered = applyTwoStepEvent(declared(), { type: 'accept', receipt: 'SpL' }, { at, officerId: null, entryNo: '720120261000000017' });
    expect(numbered.ok && numbered.data.entryNo).toBe('720120261000000017');
    const kept = applyTwoStepEvent({ ...declared(), entryNo: '720120261000000099' }, { type: 'accept', receipt: 'SpL' }, { at, officerId: null, entryNo: '720120261000000017' });
    expect(kept.ok && kept.data.entryNo).toBe('720120261000000099');
  });
});

describe('edits of a two-step entry', () => {
  it('are allowed on a draft or a returned summary only', () => {
    expect(checkTwoStepEditable(newTwoStepRecord(entry)).ok).toBe(true);
    const refused = checkTwoStepEditable(declared());
    expect(!refused.ok && refused.error).toMatchObject({ code: 'conflict', field: 'status' });
  });

  it('merge whole fields: different fields both apply, the same field changed elsewhere is a conflict holding both JSON texts', () => {
    const draft = newTwoStepRecord(entry);
    const stamp = (deviceId: string) => ({ mutationId: crypto.randomUUID(), officerId: OFFICER, deviceId, deskTime: at, hqTime: at });
    const first = mergeTwoStepEdit(draft, { baseVersion: 1, changes: { lines: [{ ...(entry.lines[0] as (typeof entry.lines)[0]), quantity: 5 }] }, stamp: stamp('desk-a') }, twoStepCreationStamp);
    expect(first.applied).toEqual(['lines']);
    expect(first.record.lines[0]?.quantity).toBe(5);
    const second = mergeTwoStepEdit(first.record, { baseVersion: 1, changes: { lines: [], tradeMode: '9610' }, stamp: stamp('desk-b') }, twoStepCreationStamp);
    expect(second.applied).toEqual(['tradeMode']);
    expect(second.record).toMatchObject({ tradeMode: '9610', version: 3 });
    expect(second.record.lines[0]?.quantity).toBe(5);
    expect(second.conflicts.map((c) => [c.field, c.loser.value])).toEqual([['lines', '[]']]);
  });
});

describe('resolveTwoStepConflict', () => {
  const stamp = { mutationId: crypto.randomUUID(), officerId: OFFICER, deviceId: 'desk-s', deskTime: at, hqTime: at };
  const conflict = { field: 'billOfLadingNo', winner: { value: JSON.stringify(entry.billOfLadingNo) }, loser: { value: '"DX-OTHER-1"' } };

  it('applies the chosen side as the field\'s latest change', () => {
    const resolved = resolveTwoStepConflict(newTwoStepRecord(entry), conflict, 'loser', stamp);
    expect(resolved.ok && resolved.data.record).toMatchObject({ billOfLadingNo: 'DX-OTHER-1', version: 2, edits: { billOfLadingNo: { ...stamp, version: 2 } } });
  });

  it('keeps HQ\'s value on a declared entry, and refuses to change it there or to read a broken value', () => {
    expect(resolveTwoStepConflict(declared(), conflict, 'winner', stamp).ok).toBe(true);
    const changed = resolveTwoStepConflict(declared(), conflict, 'loser', stamp);
    expect(!changed.ok && changed.error).toMatchObject({ code: 'conflict', field: 'status' });
    expect(resolveTwoStepConflict(newTwoStepRecord(entry), { ...conflict, loser: { value: '{' } }, 'loser', stamp).ok).toBe(false);
    expect(resolveTwoStepConflict(newTwoStepRecord(entry), { ...conflict, field: 'officerId' }, 'loser', stamp).ok).toBe(false);
  });
});

describe('facts and milestones', () => {
  it('a taxable entry has its guarantee when the filing number is there; tax is paid only by customs\' word', () => {
    const taxable = { ...entry, flags: { ...entry.flags, taxable: true } };
    expect(twoStepFactsOfRecord({ ...taxable, guaranteeNo: null }, { type: 'release' }).isGuaranteeLodged).toBe(false);
    expect(twoStepFactsOfRecord({ ...taxable, guaranteeNo: 'DB7201-2026-0001' }, { type: 'release' }).isGuaranteeLodged).toBe(true);
    expect(twoStepFactsOfRecord(taxable, { type: 'release' }).isTaxPaid).toBe(false);
    expect(twoStepFactsOfRecord(taxable, { type: 'release', receipt: 'P' }).isTaxPaid).toBe(true);
  });

  it('reads the full declaration\'s day in CST', () => {
    const record = { history: [{ type: 'declare_full' as const, receipt: null, at: '2026-11-30T16:30:00Z', status: 'full_declared' as const, by: 'desk' as const, officerId: OFFICER }] };
    expect(twoStepMilestones(record)).toEqual({ declaredAt: null, releasedAt: null, fullDeclaredOn: '2026-12-01' });
  });
});
