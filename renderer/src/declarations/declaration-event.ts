import {
  AUDIT_GENESIS,
  type Change,
  applyEventToDeclaration,
  type DeclarationLifeEvent,
  type DeclarationLifeState,
  declarationLifeOf,
  fail,
  type GatePolicy,
  mutationSchema,
  ok,
  type Result,
  withDeclarationLife,
} from '../../../shared/index';
import { appendToOutbox, type UnlinkedMutation } from '../db/audit-chain';
import { type DeskDb, type DeskDeclaration, type OutboxEntry, refusesRecord } from '../db/desk-db';

/**
 * A declaration's life on the desk (review, inspection, release at the gate): the event
 * is decided by the shared rule with the gate policy this desk holds for the trade date
 * and applied at once (optimistic); HQ decides again and a refusal puts the life back.
 */

// A placeholder link: the mutation is checked against the protocol before its real link is made.
const UNCHECKED_LINK = { n: 1, prev: AUDIT_GENESIS, hash: AUDIT_GENESIS };

export async function gatePoliciesOf(db: DeskDb, portId: string): Promise<GatePolicy[]> {
  return (await db.gatePolicies.toArray()).filter((p) => p.portId === portId);
}

/**
 * Writes, in ONE transaction, the record in its new life, a `declaration.event` and its
 * audit link; the life before and after travel with the outbox entry. A refused event
 * writes nothing and is answered with the shared rule's message.
 */
export async function saveDeclarationEvent(
  db: DeskDb,
  input: { recordId: string; event: DeclarationLifeEvent; officerId: string },
  now: Date = new Date(),
): Promise<Result<{ mutationId: string; record: DeskDeclaration }>> {
  const deskTime = now.toISOString();
  try {
    return await db.transaction('rw', [db.declarations, db.gatePolicies, db.rejections, db.outbox, db.audit], async () => {
      const record = await db.declarations.get(input.recordId);
      if (record === undefined) return fail('not_found', '本机没有该申报 / No such declaration on this desk');
      const refusals = await db.rejections.where('recordId').equals(record.id).toArray();
      if (refusals.some(refusesRecord)) return fail('validation', 'HQ 已拒收该申报 / HQ refused this declaration');
      const next = applyEventToDeclaration(record, input.event, await gatePoliciesOf(db, record.portId));
      if (!next.ok) return next;
      const mutation: UnlinkedMutation = {
        id: crypto.randomUUID(),
        type: 'declaration.event',
        deskTime,
        portId: record.portId,
        recordId: record.id,
        event: input.event,
      };
      const checked = mutationSchema.safeParse({ ...mutation, audit: UNCHECKED_LINK });
      if (!checked.success) {
        const issue = checked.error.issues[0];
        return fail('validation', `无效 / Invalid: ${issue?.message ?? ''}`, issue?.path.join('.'));
      }
      await db.declarations.put(next.data);
      const life = { before: declarationLifeOf(record), after: declarationLifeOf(next.data) };
      await appendToOutbox(db, [{ mutation, recordId: record.id, officerId: input.officerId, life }], deskTime);
      return ok({ mutationId: mutation.id, record: next.data });
    });
  } catch (error) {
    return fail('internal', `保存失败 / Could not save: ${String(error)}`);
  }
}

const sameLife = (a: DeclarationLifeState, b: DeclarationLifeState) => JSON.stringify(a) === JSON.stringify(b);

/**
 * HQ refused an event: the record's life goes back to what it was before it, unless
 * something else (a pull of HQ's state) has changed it since. Refused events of one batch
 * are undone last first, so a refused review followed by a refused release ends declared.
 */
export async function undoRefusedDeclarationEvent(db: DeskDb, entry: OutboxEntry): Promise<void> {
  const { life } = entry;
  if (life === undefined) return;
  const record = await db.declarations.get(entry.recordId);
  if (record !== undefined && sameLife(declarationLifeOf(record), life.after)) await db.declarations.put(withDeclarationLife(record, life.before));
}

/**
 * HQ's pulled records with this desk's events that HQ has not answered yet on top (in
 * outbox order), so a pull arriving before the push does not take a release back. An
 * event the shared rule now refuses on HQ's state is left for HQ to answer.
 */
export async function withPendingEvents(db: DeskDb, records: DeskDeclaration[], pulledPolicies: readonly GatePolicy[]): Promise<DeskDeclaration[]> {
  const pending = await db.outbox.where('type').equals('declaration.event').toArray();
  if (pending.length === 0) return records;
  const byRecord = new Map<string, DeclarationLifeEvent[]>();
  for (const { mutation } of pending) {
    if (mutation.type === 'declaration.event') byRecord.set(mutation.recordId, [...(byRecord.get(mutation.recordId) ?? []), mutation.event]);
  }
  const policies = [...(await db.gatePolicies.toArray()), ...pulledPolicies];
  return records.map((record) => {
    let shown = record;
    for (const event of byRecord.get(record.id) ?? []) {
      const next = applyEventToDeclaration(shown, event, policies);
      if (next.ok) shown = next.data;
    }
    return shown;
  });
}

/** The gate policy versions of a pulled page (stored with the page, pull-changes.ts). */
export function gatePolicyChangesOf(changes: readonly Change[]): GatePolicy[] {
  const policies: GatePolicy[] = [];
  for (const change of changes) if (change.entity === 'gate_policy') policies.push(change.data);
  return policies;
}
