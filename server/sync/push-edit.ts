import { randomUUID } from 'node:crypto';
import {
  type AppError,
  applyResolution,
  type Conflict,
  type Declaration,
  type EditStamp,
  type FieldConflict,
  type FieldValue,
  type Mutation,
  mergeFieldEdit,
} from '../../shared/index';
import { resolveKindConflict } from './push-kind';
import { type BatchState, type HeldDeclaration, type Outcome, outcome, type PreparsedMutation, type PushContext, rejected } from './push-outcome';

/**
 * declaration.update and conflict.resolve (DESIGN.md promise 5). An update is merged
 * field by field (shared/rules/field-merge.ts): fields nobody else changed since the
 * desk's base version apply, a field another desk changed first keeps HQ's value and
 * becomes a conflict record. The change is `applied` either way: what the desk wanted
 * is kept, in the record or in the conflict. A supervisor settles a conflict with
 * conflict.resolve; the chosen value becomes the field's latest change.
 */

type UpdateMutation = Extract<Mutation, { type: 'declaration.update' }>;
type ResolveMutation = Extract<Mutation, { type: 'conflict.resolve' }>;

/** Who made this change, when and from where, as the record's edit stamps keep it. */
function stampOf(mutation: UpdateMutation | ResolveMutation, id: string, context: PushContext, now: Date): Omit<EditStamp, 'version'> {
  return {
    mutationId: id,
    officerId: context.scope.officerId,
    deviceId: context.scope.deviceId,
    deskTime: mutation.deskTime,
    hqTime: now.toISOString(),
  };
}

/** The stamp of a field never edited since the record was made: its creation. */
function creationStamp(held: HeldDeclaration): (record: Declaration) => EditStamp {
  return (record) => ({
    version: 1,
    mutationId: held.mutationId,
    officerId: record.officerId,
    deviceId: record.deviceId,
    deskTime: record.declaredAt,
    hqTime: record.hqReceivedAt ?? record.declaredAt,
  });
}

function conflictRecord(found: FieldConflict, record: Declaration, now: Date): Conflict {
  return {
    id: randomUUID(),
    portId: record.portId,
    entity: 'declaration',
    recordId: record.id,
    field: found.field,
    winner: found.winner,
    loser: found.loser,
    detectedAt: now.toISOString(),
    status: 'open',
    resolution: null,
  };
}

function appError(code: AppError['code'], message: string, field?: string): AppError {
  return field === undefined ? { code, message } : { code, message, field };
}

function applied(index: number, id: string, conflicts: string[] = []) {
  return { index, id, status: 'applied' as const, replayed: false, seq: null, flags: [], conflicts, error: null };
}

export function decideUpdate(mutation: UpdateMutation, { index, id }: PreparsedMutation, context: PushContext, state: BatchState, now: Date): Outcome {
  const held = state.records.get(mutation.recordId.toLowerCase());
  if (held === undefined) {
    return outcome(rejected(index, mutation.id, appError('not_found', `recordId: 本口岸无此申报 / No such declaration in your port`, 'recordId')), id);
  }
  if (mutation.baseVersion > held.record.version) {
    // A desk can only have seen versions HQ made; a later one would hide concurrent edits.
    const message = `baseVersion: 高于 HQ 的版本 ${held.record.version} / Is ahead of HQ's version ${held.record.version}`;
    return outcome(rejected(index, mutation.id, appError('validation', message, 'baseVersion')), id);
  }
  const merged = mergeFieldEdit(
    held.record,
    { baseVersion: mutation.baseVersion, changes: mutation.changes as Record<string, FieldValue>, stamp: stampOf(mutation, mutation.id, context, now) },
    creationStamp(held),
  );
  const conflicts = merged.conflicts.map((found) => conflictRecord(found, held.record, now));
  const changed = merged.applied.length > 0 ? merged.record : null;
  if (changed !== null) state.records.set(mutation.recordId.toLowerCase(), { ...held, record: changed });
  return outcome(applied(index, mutation.id, conflicts.map((c) => c.id)), id, { changed, conflicts });
}

export function decideResolve(mutation: ResolveMutation, { index, id }: PreparsedMutation, context: PushContext, state: BatchState, now: Date): Outcome {
  if (context.scope.role !== 'supervisor') {
    const error = appError('forbidden', `只有本口岸的主管可以处理冲突 / Only a supervisor of the port can resolve a conflict`);
    return outcome(rejected(index, mutation.id, error), id, {
      refusal: { mutation: 'conflict.resolve', mutationId: mutation.id, conflictId: mutation.conflictId, role: context.scope.role },
    });
  }
  const conflict = state.conflicts.get(mutation.conflictId.toLowerCase());
  if (conflict !== undefined && conflict.entity !== 'declaration') {
    // A conflict over another kind's record (a two-step entry): that kind resolves it.
    return resolveKindConflict(mutation, { index, id }, conflict, stampOf(mutation, mutation.id, context, now), state);
  }
  const held = conflict === undefined ? undefined : state.records.get(conflict.recordId.toLowerCase());
  if (conflict === undefined || held === undefined) {
    return outcome(rejected(index, mutation.id, appError('not_found', 'conflictId: 本口岸无此冲突 / No such conflict in your port', 'conflictId')), id);
  }
  if (conflict.status === 'resolved') {
    const by = conflict.resolution?.stamp.hqTime ?? '';
    const message = `conflictId: 该冲突已于 ${by} 处理 / This conflict was already resolved (${by})`;
    return outcome(rejected(index, mutation.id, appError('conflict', message, 'conflictId')), id);
  }
  const value = mutation.choice === 'winner' ? conflict.winner.value : conflict.loser.value;
  const stamp = stampOf(mutation, mutation.id, context, now);
  const changed = applyResolution(held.record, conflict.field, value, stamp);
  const resolved: Conflict = { ...conflict, status: 'resolved', resolution: { choice: mutation.choice, value, stamp: { ...stamp, version: changed.version } } };
  state.records.set(conflict.recordId.toLowerCase(), { ...held, record: changed });
  state.conflicts.set(conflict.id.toLowerCase(), resolved);
  return outcome(applied(index, mutation.id), id, { changed, conflicts: [resolved] });
}
