import { randomUUID } from 'node:crypto';
import { type Conflict, decideTwoStepMutation, isTwoStepMutation, type Mutation, resolveTwoStepConflict, type TwoStepRecord, fail } from '../../../shared/index';
import type { RecordKind } from '../record-kinds';

/**
 * Two-step entries (两步申报) in HQ's push: create, edit (field-merged; conflicts recorded
 * like a declaration's) and desk events, each decided by the same shared function the
 * desk runs (decideTwoStepMutation), so an illegal transition is refused here with the
 * machine's reason. Receipts from customs change entries too (server/sync/receipts.ts).
 */
export const twoStepEntryKind: RecordKind<TwoStepRecord> = {
  name: 'two_step_entry',
  mutationTypes: ['two_step.create', 'two_step.update', 'two_step.event'],
  table: 'two_step_entries',
  keyColumn: 'entry_id',
  entity: 'two_step_entry',
  columns: [
    { name: 'status', type: 'text' },
    { name: 'entry_no', type: 'text' },
    { name: 'consignee_code', type: 'text' },
    { name: 'transport_declared_on', type: 'date' },
  ],
  keysOf(mutation: Mutation) {
    if (mutation.type === 'two_step.create') return [mutation.record.id.toLowerCase()];
    if (mutation.type === 'two_step.update' || mutation.type === 'two_step.event') return [mutation.recordId.toLowerCase()];
    return [];
  },
  decide(mutation, held, scope, now) {
    if (!isTwoStepMutation(mutation)) return fail('bad_request', `not a two-step mutation: ${mutation.type}`, 'type');
    if (scope.role === 'admin') {
      return fail('forbidden', 'HQ 管理员不录入报关单 / HQ administrators do not key entries', 'type');
    }
    const key = mutation.type === 'two_step.create' ? mutation.record.id : mutation.recordId;
    const hqTime = now.toISOString();
    const decided = decideTwoStepMutation(mutation, held(key), { officerId: scope.officerId, deviceId: scope.deviceId }, hqTime);
    if (!decided.ok) return decided;
    const { record } = decided.data;
    const conflicts: Conflict[] = decided.data.conflicts.map((found) => ({
      id: randomUUID(),
      portId: record.portId,
      entity: 'two_step_entry',
      recordId: record.id,
      field: found.field,
      winner: found.winner,
      loser: found.loser,
      detectedAt: hqTime,
      status: 'open',
      resolution: null,
    }));
    return { ok: true, data: { record, conflicts } };
  },
  resolve(record, conflict, choice, stamp) {
    const resolved = resolveTwoStepConflict(record, conflict, choice, stamp);
    return resolved.ok ? { ok: true, data: resolved.data.record } : resolved;
  },
  keyOf: (record) => record.id,
  columnsOf: (record) => ({
    status: record.state.status,
    entry_no: record.entryNo,
    consignee_code: record.consignee.creditCode,
    transport_declared_on: record.transport.declaredOn,
  }),
};
