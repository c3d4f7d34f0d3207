import type { Mutation } from '../../shared/index';
import { type BatchState, type Outcome, outcome, type PreparsedMutation, type PushContext, rejected } from './push-outcome';
import { recordKindOf } from './record-kinds';

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
  const decided = kind.decide(mutation, (key) => records.get(key.toLowerCase()), context.scope, now);
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
