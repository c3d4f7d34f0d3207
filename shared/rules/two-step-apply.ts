import { cstDateOf } from '../dates';
import type { EditStamp, FieldValue } from '../model/conflict';
import type { TwoStepEntry } from '../model/two-step';
import { checkSummaryDeclaration } from '../model/two-step-check';
import { INITIAL_TWO_STEP_STATE, TWO_STEP_STATUS_LABELS, type TwoStepEvent } from '../model/two-step-event';
import {
  MAX_TWO_STEP_HISTORY,
  TWO_STEP_EDITABLE_FIELDS,
  type TwoStepChanges,
  type TwoStepEditableField,
  type TwoStepRecord,
  twoStepChangesSchema,
} from '../model/two-step-record';
import { fail, ok, type Result } from '../result';
import type { Mutation } from '../sync/protocol';
import { type Editable, type FieldConflict, mergeFieldEdit } from './field-merge';
import { type TwoStepFacts, transition } from './two-step-machine';

/**
 * What desk and HQ both do to a two-step entry, so that they agree by construction: a
 * new entry, an event (the shared machine decides), an edit (field-merged). HQ calls
 * these in server/sync/kinds/two-step-entry.ts and for receipts; the desk before it
 * stores a change offline.
 */

export function newTwoStepRecord(entry: TwoStepEntry): TwoStepRecord {
  return { ...entry, state: INITIAL_TWO_STEP_STATE, history: [], version: 1, edits: {}, hqReceivedAt: null };
}

/**
 * The facts the machine reads, from the record. The full declaration's own data (the
 * rest of the items, documents, tax lines) is keyed in the customs system, not here: the
 * entry counts as complete for it when its summary check passes. A guarantee filing
 * number on a 涉税 entry is the lodged guarantee. Tax is known paid only when customs
 * says so: a release carried by a receipt.
 */
export function twoStepFactsOfRecord(record: TwoStepEntry, event: TwoStepEvent): TwoStepFacts {
  const isSummaryComplete = checkSummaryDeclaration(record).length === 0;
  return {
    flags: record.flags,
    isSummaryComplete,
    isFullDeclarationComplete: isSummaryComplete,
    isGuaranteeLodged: !record.flags.taxable || (record.guaranteeNo ?? '').trim() !== '',
    isTaxPaid: !record.flags.taxable || event.receipt !== undefined,
  };
}

export interface TwoStepEventMeta {
  /** Desk time of a desk event, the customs system's time of a receipt. */
  at: string;
  officerId: string | null;
  /** 报关单号 a receipt assigns (SpL / L), kept when the entry has none yet. */
  entryNo?: string | null;
}

/** The record after `event`, or the machine's reason it is refused (nothing changes). */
export function applyTwoStepEvent(record: TwoStepRecord, event: TwoStepEvent, meta: TwoStepEventMeta): Result<TwoStepRecord> {
  const next = transition(record.state, event, twoStepFactsOfRecord(record, event));
  if (!next.ok) return next;
  if (record.history.length >= MAX_TWO_STEP_HISTORY) {
    return fail('conflict', `报关单事件已达上限（${MAX_TWO_STEP_HISTORY}） / The entry has reached ${MAX_TWO_STEP_HISTORY} events`, 'history');
  }
  const item = {
    type: event.type,
    receipt: event.receipt ?? null,
    at: meta.at,
    status: next.data.status,
    by: event.receipt === undefined ? ('desk' as const) : ('customs' as const),
    officerId: meta.officerId,
  };
  const entryNo = record.entryNo ?? meta.entryNo ?? null;
  return ok({ ...record, entryNo, state: next.data, history: [...record.history, item], version: record.version + 1 });
}

/** An entry's data may change only before customs has it for review: a draft, or a returned summary. */
export function checkTwoStepEditable(record: TwoStepRecord): Result<true> {
  const { status } = record.state;
  if (status === 'draft' || status === 'returned') return ok(true);
  const label = TWO_STEP_STATUS_LABELS[status];
  return fail('conflict', `报关单「${label.zh}」时不能修改内容，只有草稿或退单可改 / The entry is ${label.en}: only a draft or a returned summary can be edited`, 'status');
}

export interface TwoStepMergeOutcome {
  record: TwoStepRecord;
  applied: string[];
  /** Conflicting fields; values are the field's JSON text (objects and lists travel whole). */
  conflicts: FieldConflict[];
}

const asText = (value: unknown): FieldValue => JSON.stringify(value ?? null);

/**
 * An edit merged field by field with the shared mergeFieldEdit: each editable field
 * (consignee, transport, lines…) is one field, compared and kept whole as its JSON text.
 */
export function mergeTwoStepEdit(
  record: TwoStepRecord,
  edit: { baseVersion: number; changes: TwoStepChanges; stamp: Omit<EditStamp, 'version'> },
  creationStamp: (record: TwoStepRecord) => EditStamp,
): TwoStepMergeOutcome {
  const view: Editable = { version: record.version, edits: record.edits };
  const values = view as unknown as Record<string, FieldValue>;
  const changes: Record<string, FieldValue> = {};
  for (const field of TWO_STEP_EDITABLE_FIELDS) {
    values[field] = asText(record[field]);
    if (field in edit.changes) changes[field] = asText(edit.changes[field]);
  }
  const merged = mergeFieldEdit(view, { baseVersion: edit.baseVersion, changes, stamp: edit.stamp }, () => creationStamp(record));
  if (merged.applied.length === 0) return { record, applied: [], conflicts: merged.conflicts };
  const changed: Record<string, unknown> = {};
  for (const field of merged.applied) changed[field] = edit.changes[field as keyof TwoStepChanges] ?? null;
  return {
    record: { ...record, ...changed, version: merged.record.version, edits: merged.record.edits },
    applied: merged.applied,
    conflicts: merged.conflicts,
  };
}

export interface TwoStepMilestones {
  /** First declaration (summary, or one-step), desk or customs time. */
  declaredAt: string | null;
  /** First release (提离, gate release, or final release). */
  releasedAt: string | null;
  /** CST date of the full declaration (or the one-step declaration). */
  fullDeclaredOn: string | null;
}

export function twoStepMilestones(record: Pick<TwoStepRecord, 'history'>): TwoStepMilestones {
  const first = (types: readonly string[]) => record.history.find((item) => types.includes(item.type))?.at ?? null;
  const full = first(['declare_full', 'declare_one_step']);
  return {
    declaredAt: first(['declare_summary', 'declare_one_step']),
    releasedAt: first(['release']),
    fullDeclaredOn: full === null ? null : cstDateOf(new Date(full)),
  };
}

/** The stamp of the values an entry was created with. */
export function twoStepCreationStamp(record: TwoStepRecord): EditStamp {
  return {
    version: 1,
    mutationId: null,
    officerId: record.officerId,
    deviceId: record.deviceId,
    deskTime: record.createdAt,
    hqTime: record.hqReceivedAt ?? record.createdAt,
  };
}

export type TwoStepMutation = Extract<Mutation, { type: 'two_step.create' | 'two_step.update' | 'two_step.event' }>;

/** A two-step change with or without its audit link: the decision never reads the link. */
export type TwoStepChange = TwoStepMutation extends infer M ? (M extends unknown ? Omit<M, 'audit'> : never) : never;

export function isTwoStepMutation(mutation: Mutation): mutation is TwoStepMutation {
  return mutation.type === 'two_step.create' || mutation.type === 'two_step.update' || mutation.type === 'two_step.event';
}

export interface TwoStepDecision {
  record: TwoStepRecord;
  conflicts: FieldConflict[];
}

/**
 * One desk mutation of a two-step entry against the entry as held (undefined: none yet),
 * exactly as HQ decides it. The desk runs the same function before it stores the change,
 * so a change the desk accepts offline is one HQ accepts, unless another desk got there first.
 * `who` is the signed-in officer and desk; `hqTime` the receiver's clock.
 */
export function decideTwoStepMutation(
  mutation: TwoStepChange,
  held: TwoStepRecord | undefined,
  who: { officerId: string; deviceId: string },
  hqTime: string,
): Result<TwoStepDecision> {
  if (mutation.type === 'two_step.create') {
    const entry = mutation.record;
    if (held !== undefined) return fail('conflict', `报关单记录 ${entry.id} 已存在 / Entry ${entry.id} already exists`, 'record.id');
    if (entry.officerId.toLowerCase() !== who.officerId.toLowerCase()) {
      return fail('forbidden', "record.officerId: 只能以本人名义录入 / An entry can only be made in the signed-in officer's name", 'record.officerId');
    }
    return ok({ record: { ...newTwoStepRecord(entry), hqReceivedAt: hqTime }, conflicts: [] });
  }
  if (held === undefined) return fail('not_found', `没有报关单记录 ${mutation.recordId} / No entry ${mutation.recordId}`, 'recordId');
  if (mutation.type === 'two_step.update') {
    const editable = checkTwoStepEditable(held);
    if (!editable.ok) return editable;
    const stamp = { mutationId: mutation.id, officerId: who.officerId, deviceId: who.deviceId, deskTime: mutation.deskTime, hqTime };
    const merged = mergeTwoStepEdit(held, { baseVersion: mutation.baseVersion, changes: mutation.changes, stamp }, twoStepCreationStamp);
    return ok({ record: merged.record, conflicts: merged.conflicts });
  }
  if (mutation.event === 'delete' && held.state.status !== 'draft') {
    return fail('conflict', '柜台只能删除草稿，已申报的报关单由海关删单 / Only a draft can be deleted at the desk: customs deletes a declared entry', 'event');
  }
  const next = applyTwoStepEvent(held, { type: mutation.event }, { at: mutation.deskTime, officerId: who.officerId });
  return next.ok ? ok({ record: next.data, conflicts: [] }) : next;
}

/**
 * A supervisor's resolution of a conflict on a two-step entry: the chosen side (the
 * field's JSON text) becomes the field's latest change. Changing the value is an edit,
 * so it needs an entry that may still be edited; keeping HQ's value never does.
 */
export function resolveTwoStepConflict(
  record: TwoStepRecord,
  conflict: { field: string; winner: { value: FieldValue }; loser: { value: FieldValue } },
  choice: 'winner' | 'loser',
  stamp: Omit<EditStamp, 'version'>,
): Result<{ record: TwoStepRecord; value: FieldValue }> {
  const field = conflict.field as TwoStepEditableField;
  if (!(TWO_STEP_EDITABLE_FIELDS as readonly string[]).includes(field)) {
    return fail('validation', `冲突字段 ${conflict.field} 不可修改 / ${conflict.field} is not an editable field`, 'conflictId');
  }
  const value = conflict[choice].value;
  let parsed: unknown;
  try {
    parsed = typeof value === 'string' ? JSON.parse(value) : value;
  } catch {
    return fail('validation', `冲突值无法读取 / The conflict's value cannot be read`, 'conflictId');
  }
  const checked = twoStepChangesSchema.safeParse({ [field]: parsed });
  if (!checked.success) return fail('validation', `冲突值无效 / The conflict's value is not valid for ${field}`, 'conflictId');
  if (asText(record[field]) !== asText(parsed)) {
    const editable = checkTwoStepEditable(record);
    if (!editable.ok) return editable;
  }
  const version = record.version + 1;
  const next = { ...record, [field]: (checked.data as Record<string, unknown>)[field] ?? null, version, edits: { ...record.edits, [field]: { ...stamp, version } } } as TwoStepRecord;
  return ok({ record: next, value });
}
