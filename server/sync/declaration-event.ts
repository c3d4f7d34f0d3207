import {
  applyEventToDeclaration,
  type AppError,
  DECLARATION_LIFE_EVENT_LABELS,
  type Declaration,
  type GatePolicy,
  type Mutation,
  type Role,
} from '../../shared/index';
import type { Queryable } from '../db/db';
import { type BatchState, type Outcome, outcome, type PreparsedMutation, type PushContext, rejected } from './push-outcome';

/**
 * declaration.event at HQ: the declaration's life (review, inspection, release at the
 * gate) decided again with the shared rule (applyEventToDeclaration), on the record as
 * HQ holds it after the batch's earlier mutations, with HQ's own gate policy in force on
 * the trade date. A refused event changes nothing and is answered with the rule's code
 * and reason; the desk then puts its record back.
 *
 * Who: officers and supervisors of the port (the port is checked before anything, by
 * foreignPorts; the record is looked up in the pushing officer's port only). An HQ
 * administrator keeps reference data and does not clear goods: refused, and logged.
 */

type EventMutation = Extract<Mutation, { type: 'declaration.event' }>;

export const ROLES_CLEARING_GOODS: ReadonlySet<Role> = new Set<Role>(['officer', 'supervisor']);

/** The port's gate policy versions, read only when the batch has an event. */
export async function loadGatePolicies(tx: Queryable, portId: string, mutations: readonly PreparsedMutation[]): Promise<GatePolicy[]> {
  if (!mutations.some((m) => m.parsed.ok && m.parsed.data.type === 'declaration.event')) return [];
  const rows = await tx.query<{ data: GatePolicy }>('SELECT data FROM gate_policies WHERE port_id = $1', [portId]);
  return rows.map((row) => row.data);
}

function error(code: AppError['code'], message: string, field?: string): AppError {
  return field === undefined ? { code, message } : { code, message, field };
}

export function decideDeclarationEvent(mutation: EventMutation, { index, id }: PreparsedMutation, context: PushContext, state: BatchState, now: Date): Outcome {
  const { role, officerId, deviceId } = context.scope;
  if (!ROLES_CLEARING_GOODS.has(role)) {
    const label = DECLARATION_LIFE_EVENT_LABELS[mutation.event.type];
    const refused = error('forbidden', `只有本口岸的关员可以${label.zh}申报 / Only an officer of the port may ${label.en}`);
    return outcome(rejected(index, mutation.id, refused), id, {
      refusal: { mutation: 'declaration.event', mutationId: mutation.id, recordId: mutation.recordId, event: mutation.event.type, role },
    });
  }
  const key = mutation.recordId.toLowerCase();
  const held = state.records.get(key);
  if (held === undefined) {
    return outcome(rejected(index, mutation.id, error('not_found', 'recordId: 本口岸无此申报 / No such declaration in your port', 'recordId')), id);
  }
  const next = applyEventToDeclaration(held.record, mutation.event, context.gatePolicies ?? []);
  if (!next.ok) return outcome(rejected(index, mutation.id, next.error), id);
  const version = held.record.version + 1;
  const changed: Declaration = {
    ...next.data,
    version,
    // Who moved it on, when and from where: the status's latest change, as an edit's stamp.
    edits: { ...held.record.edits, status: { version, mutationId: mutation.id, officerId, deviceId, deskTime: mutation.deskTime, hqTime: now.toISOString() } },
  };
  state.records.set(key, { ...held, record: changed });
  return outcome({ index, id: mutation.id, status: 'applied', replayed: false, seq: null, flags: [], conflicts: [], error: null }, id, { changed });
}
