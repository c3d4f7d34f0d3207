import { type CentralDeclarationRecord, checkDeparture, type DirectTransportRecord, fail, recordArrival } from '../../../shared/index';
import type { Queryable } from '../../db/db';
import type { RecordKind } from '../record-kinds';
import { centralOf, type HeldRef, isRef, ownKeys, refKey, rowsWhere, stripPrefix, TRANSPORT_KIND } from './processing-held';

/**
 * Direct transports (直通式): direct_transport.create — the goods of a declared central
 * declaration leave under seal for its firm's warehouse (shared checkDeparture against the
 * central declaration as HQ holds it or the batch left it); direct_transport.arrive — the
 * arrival with the seal as found (shared recordArrival: once, not before the departure,
 * the same seal unbroken). Two queries a batch: the transports, and the central
 * declarations the new ones name.
 */
type Held = DirectTransportRecord | HeldRef;

async function load(tx: Queryable, portId: string, keys: readonly string[]): Promise<Map<string, Held>> {
  const held = new Map<string, Held>();
  for (const t of await rowsWhere<DirectTransportRecord>(tx, 'direct_transports', 'transport_id', portId, ownKeys(keys))) held.set(t.id.toLowerCase(), t);
  for (const record of await rowsWhere<CentralDeclarationRecord>(tx, 'central_declarations', 'central_id', portId, stripPrefix(keys, 'central'))) {
    held.set(refKey('central', record.id), { ref: 'central', record });
  }
  return held;
}

export const directTransportKind: RecordKind<Held> = {
  name: TRANSPORT_KIND,
  mutationTypes: ['direct_transport.create', 'direct_transport.arrive'],
  table: 'direct_transports',
  keyColumn: 'transport_id',
  entity: 'direct_transport',
  columns: [
    { name: 'central_id', type: 'uuid' },
    { name: 'is_arrived', type: 'boolean' },
  ],
  keysOf(mutation) {
    if (mutation.type === 'direct_transport.create') return [mutation.record.id.toLowerCase(), refKey('central', mutation.record.centralDeclarationId)];
    if (mutation.type === 'direct_transport.arrive') return [mutation.recordId.toLowerCase()];
    return [];
  },
  load,
  decide(mutation, held, scope, now, batch) {
    if (scope.role === 'admin') return fail('forbidden', 'HQ 管理员不登记运输 / HQ administrators do not record transports', 'type');
    if (mutation.type === 'direct_transport.create') {
      const draft = mutation.record;
      if (draft.officerId.toLowerCase() !== scope.officerId.toLowerCase()) {
        return fail('forbidden', '只能以本人名义登记 / A transport is recorded in your own name', 'record.officerId');
      }
      if (held(draft.id.toLowerCase()) !== undefined) {
        return fail('conflict', `运输 ${draft.id} 已由另一变更登记 / Transport ${draft.id} was recorded by another change`, 'record.id');
      }
      const central = centralOf(held, batch, draft.centralDeclarationId);
      if (central === undefined) {
        return fail('not_found', `record.centralDeclarationId: 本口岸没有这份集中申报 / No such central declaration`, 'record.centralDeclarationId');
      }
      const departing = checkDeparture(draft, central);
      if (!departing.ok) return fail(departing.error.code, departing.error.message, `record.${departing.error.field ?? 'centralDeclarationId'}`);
      const record: DirectTransportRecord = { ...draft, hqReceivedAt: now.toISOString(), flags: [] };
      return { ok: true, data: { record } };
    }
    if (mutation.type !== 'direct_transport.arrive') return fail('bad_request', `not a transport mutation: ${mutation.type}`, 'type');
    const transport = held(mutation.recordId.toLowerCase());
    if (transport === undefined || isRef(transport)) return fail('not_found', `recordId: 本口岸没有运输 ${mutation.recordId} / No such transport`, 'recordId');
    const arrived = recordArrival(transport, mutation.arrival);
    if (!arrived.ok) return fail(arrived.error.code, arrived.error.message, `arrival.${arrived.error.field ?? 'arrivedAt'}`);
    const record: DirectTransportRecord = { ...transport, ...arrived.data };
    return { ok: true, data: { record } };
  },
  keyOf: (record) => (isRef(record) ? '' : record.id.toLowerCase()),
  columnsOf(record): Record<string, string | boolean> {
    if (isRef(record)) return {};
    return { central_id: record.centralDeclarationId, is_arrived: record.arrivedAt !== null };
  },
};
