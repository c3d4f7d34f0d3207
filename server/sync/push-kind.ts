import type { Conflict, EditStamp, Mutation } from '../../shared/index';
import { type BatchState, type Outcome, outcome, type PreparsedMutation, type PushContext, rejected } from './push-outcome';
import { type BatchView, recordKindOf, recordKindOfEntity } from './record-kinds';

/**
 * A mutation of a record kind other than declarations (record-kinds.ts): the kind
 * decides against the records as the batch has left them; an applied change becomes a
 * RecordWrite (its seq comes from assignSeqs) and the batch's later mutations see it.
 */
export function decideKind(mutation: Mutation, { index, id }: PreparsedMutation, context: PushContext, state: BatchState, now: Date): Outcome {
  const kind = recordKindOf(mutation.type);
  if (kind === undefined) {
    return outcome(rejected(index, mutation.id, { code: 'bad_request', message: `HQ 不处理变更类型 ${mutation.type} / HQ does not handle ${mutation.type}`, field: 'type' }), id);
  }
  const records = state.kindRecords.get(kind.name) ?? new Map<string, unknown>();
  state.kindRecords.set(kind.name, records);
  const batch: BatchView = {
    declaration: (declarationId) => state.records.get(declarationId.toLowerCase())?.record,
    kindRecords: (name) => state.kindRecords.get(name) ?? new Map<string, unknown>(),
  };
  const decided = kind.decide(mutation, (key) => records.get(key.toLowerCase()), context.scope, now, batch);
  if (!decided.ok) return outcome(rejected(index, mutation.id, decided.error), id);
  const { record, flags = [], conflicts = [] } = decided.data;
  const key = kind.keyOf(record).toLowerCase();
  records.set(key, record);
  return outcome(
    { index, id: mutation.id, status: 'applied', replayed: false, seq: null, flags, conflicts: conflicts.map((c) => c.id), error: null },
    id,
    { records: [{ kind, key, record, seq: null }], conflicts },
  );
}

/**
 * conflict.resolve of a conflict over another kind's record: the kind applies the
 * chosen side; the record and the conflict, resolved, each take a seq.
 */
export function resolveKindConflict(
  mutation: Extract<Mutation, { type: 'conflict.resolve' }>,
  { index, id }: Pick<PreparsedMutation, 'index' | 'id'>,
  conflict: Conflict,
  stamp: Omit<EditStamp, 'version'>,
  state: BatchState,
): Outcome {
  const kind = recordKindOfEntity(conflict.entity);
  const records = kind === undefined ? undefined : state.kindRecords.get(kind.name);
  const held = records?.get(conflict.recordId.toLowerCase());
  if (kind?.resolve === undefined || records === undefined || held === undefined) {
    return outcome(rejected(index, mutation.id, { code: 'not_found', message: 'conflictId: 本口岸无此冲突 / No such conflict in your port', field: 'conflictId' }), id);
  }
  if (conflict.status === 'resolved') {
    const by = conflict.resolution?.stamp.hqTime ?? '';
    return outcome(rejected(index, mutation.id, { code: 'conflict', message: `conflictId: 该冲突已于 ${by} 处理 / This conflict was already resolved (${by})`, field: 'conflictId' }), id);
  }
  const changed = kind.resolve(held, conflict, mutation.choice, stamp);
  if (!changed.ok) return outcome(rejected(index, mutation.id, changed.error), id);
  const key = conflict.recordId.toLowerCase();
  records.set(key, changed.data);
  const version = (changed.data as { version?: number }).version ?? 1;
  const resolved: Conflict = { ...conflict, status: 'resolved', resolution: { choice: mutation.choice, value: conflict[mutation.choice].value, stamp: { ...stamp, version } } };
  state.conflicts.set(conflict.id.toLowerCase(), resolved);
  return outcome(
    { index, id: mutation.id, status: 'applied', replayed: false, seq: null, flags: [], conflicts: [], error: null },
    id,
    { records: [{ kind, key, record: changed.data, seq: null }], conflicts: [resolved] },
  );
}
