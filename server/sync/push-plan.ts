import { z } from 'zod';
import {
  type AuditLink,
  auditBody,
  auditHashOfText,
  auditLinkSchema,
  fail,
  isoDateTimeSchema,
  type MutationResult,
  type MutationType,
  mutationSchema,
  ok,
  type Result,
} from '../../shared/index';
import { nodeSha256 } from '../audit/node-sha256';
import { parseWith } from '../http/validate';
import { fastCreateBody } from './mutation-fast-body';
import { fastParseMutation } from './mutation-fast-parse';
import { decideCreate } from './push-create';
import { decideDeclarationEvent } from './declaration-event';
import { decideResolve, decideUpdate } from './push-edit';
import { decideKind } from './push-kind';
import { type BatchState, type Outcome, outcome, type PreparsedMutation, type PushContext, type ReceivedLink, rejected } from './push-outcome';

/**
 * The pure half of a push: parse each mutation on its own, then decide each one's
 * outcome in batch order against what the database holds. No I/O here, so the rules of
 * a push can be read (and tested) in one place: creates in push-create.ts, updates and
 * resolutions in push-edit.ts.
 */

const uuid = z.uuid();
const MUTATION_TYPES: ReadonlySet<string> = new Set(mutationSchema.options.map((option) => option.shape.type.value));

function rawField(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * `value` when it is an ISO instant PostgreSQL can store (timestamptz holds years 1 to
 * 294276; one outside 0002–9998 is kept as unreadable, whatever its offset).
 * `isChecked`: the schema already said it is an ISO instant, which starts with its year.
 */
function storableInstant(value: unknown, isChecked = false): string | null {
  if (typeof value !== 'string' || (!isChecked && !isoDateTimeSchema.safeParse(value).success)) return null;
  const year = Number(value.slice(0, 4));
  return year >= 2 && year <= 9998 ? value : null;
}

/**
 * The link the desk sent, checked against the mutation EXACTLY as received (what the
 * desk hashed), not against the parsed mutation: parsing trims and drops keys. `body`
 * is that mutation's canonical text, made once.
 */
function received({ n, prev, hash }: AuditLink, body: string): ReceivedLink {
  return { n, prev, hash, body, isHashValid: auditHashOfText(n, prev, body, nodeSha256) === hash };
}

function readLink(raw: unknown): Result<AuditLink> {
  const link = auditLinkSchema.safeParse(rawField(raw, 'audit'));
  if (link.success) return ok(link.data);
  const issue = link.error.issues[0];
  const where = ['audit', ...(issue?.path ?? []).map(String)].join('.');
  return fail('validation', `${where}: 缺少有效的审计链接 / ${issue?.message ?? 'a valid audit link is required'}`, 'audit');
}

/**
 * Mutations preparsed per turn of the event loop by preparseYielding: about 2 ms of work.
 * Between turns HQ answers the database for the push that holds a port's lock, which
 * would otherwise wait for a whole batch's parsing (~35 ms for 2,000) before it could
 * send its next statement.
 */
const PREPARSE_SLICE = 128;

/** preparse, a slice at a time, giving the event loop back between slices (see PREPARSE_SLICE). */
export async function preparseYielding(raw: readonly unknown[]): Promise<PreparsedMutation[]> {
  const out: PreparsedMutation[] = [];
  for (let start = 0; start < raw.length; start += PREPARSE_SLICE) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const end = Math.min(raw.length, start + PREPARSE_SLICE);
    for (let index = start; index < end; index++) out.push(preparseOne(raw[index], index));
  }
  return out;
}

export function preparse(raw: readonly unknown[]): PreparsedMutation[] {
  return raw.map(preparseOne);
}

function preparseOne(mutation: unknown, index: number): PreparsedMutation {
  const fast = fastParseMutation(mutation);
  if (fast !== null) {
    const id = fast.id.toLowerCase();
    return {
      index,
      id,
      echoId: fast.id.length <= 64 ? fast.id : null,
      parsed: ok(fast),
      link: received(fast.audit, fastCreateBody(mutation)),
      type: fast.type,
      deskTime: storableInstant(fast.deskTime, true),
      draftJson: fast.type === 'declaration.create' ? JSON.stringify(fast.record) : null,
    };
  }
  const rawId = rawField(mutation, 'id');
  const id = uuid.safeParse(rawId);
  const echoId = typeof rawId === 'string' && rawId.length <= 64 ? rawId : null;
  // v2: no change without its audit link, whatever else is wrong with it.
  const link = readLink(mutation);
  const parsed = link.ok ? parseWith(mutationSchema, mutation) : link;
  const rawType = rawField(mutation, 'type');
  return {
    index,
    id: id.success ? id.data.toLowerCase() : null,
    echoId,
    parsed,
    link: link.ok ? received(link.data, auditBody(mutation as object)) : null,
    type: parsed.ok ? parsed.data.type : typeof rawType === 'string' && MUTATION_TYPES.has(rawType) ? (rawType as MutationType) : null,
    deskTime: storableInstant(rawField(mutation, 'deskTime')),
    draftJson: null,
  };
}

/** Ports other than `portId` that any mutation names, in its record or itself (parsed or not). */
export function foreignPorts(raw: readonly unknown[], portId: string): string[] {
  const found = new Set<string>();
  for (const mutation of raw) {
    for (const named of [rawField(rawField(mutation, 'record'), 'portId'), rawField(mutation, 'portId')]) {
      if (named !== undefined && named !== portId) found.add(typeof named === 'string' ? named.slice(0, 40) : '?');
    }
  }
  return [...found];
}

function decideNew(mutation: PreparsedMutation, context: PushContext, state: BatchState, now: Date): Outcome {
  const { index, id, echoId, parsed } = mutation;
  if (!parsed.ok) return outcome(rejected(index, id ?? echoId, parsed.error), id);
  switch (parsed.data.type) {
    case 'declaration.create':
      return decideCreate(parsed.data, mutation, context, state, now);
    case 'declaration.update':
      return decideUpdate(parsed.data, mutation, context, state, now);
    case 'conflict.resolve':
      return decideResolve(parsed.data, mutation, context, state, now);
    case 'declaration.event':
      return decideDeclarationEvent(parsed.data, mutation, context, state, now);
    default:
      // Every other type belongs to a record kind (record-kinds.ts).
      return decideKind(parsed.data, mutation, context, state, now);
  }
}

/** The answer to a mutation HQ has stored already: its stored answer, at its position in this request. */
export function replayedResult(stored: MutationResult, index: number): MutationResult {
  // Results stored before protocol 2 have no `conflicts`.
  return { ...stored, conflicts: stored.conflicts ?? [], index, replayed: true };
}

/**
 * The lower-cased mutation ids of a push when every mutation carries a valid one, else
 * null: what a resend of a stored push can be answered by (push.ts) without parsing the
 * mutations any further.
 */
export function mutationIdsOf(raw: readonly unknown[]): string[] | null {
  const ids: string[] = [];
  for (const mutation of raw) {
    const id = uuid.safeParse(rawField(mutation, 'id'));
    if (!id.success) return null;
    ids.push(id.data.toLowerCase());
  }
  return ids;
}

/**
 * Outcomes in request order. Earlier mutations of the batch count toward later ones:
 * an applied declaration adds its HQ-exempt amount to the resident's usage that day and
 * claims its declaration id, and an update sees the record as the earlier mutations left
 * it (a declaration created earlier in the batch included). A mutation id seen before
 * (stored, or earlier in this very batch) is a replay and changes nothing.
 */
export function decide(mutations: readonly PreparsedMutation[], context: PushContext, now: Date): Outcome[] {
  const firstPosition = new Map<string, number>();
  const state: BatchState = {
    declarationOwners: new Map(context.existingDeclarations),
    records: new Map(context.editTargets),
    conflicts: new Map(context.conflicts),
    kindRecords: new Map([...context.kindRecords].map(([name, records]) => [name, new Map(records)])),
  };
  return mutations.map((mutation): Outcome => {
    const { index, id } = mutation;
    const stored = id === null ? undefined : context.storedResults.get(id);
    if (stored !== undefined) return outcome(replayedResult(stored, index), null);
    const earlier = id === null ? undefined : firstPosition.get(id);
    if (earlier !== undefined) {
      const pending = outcome(rejected(index, id, { code: 'internal', message: 'pending' }), null);
      pending.duplicateOf = earlier;
      return pending;
    }
    if (id !== null) firstPosition.set(id, index);
    return decideNew(mutation, context, state, now);
  });
}

/** How many seqs the outcomes' writes take. */
export function seqsNeeded(outcomes: readonly Outcome[]): number {
  let count = 0;
  for (const o of outcomes) count += (o.created === null ? 0 : 1) + (o.changed === null ? 0 : 1) + o.records.length + o.conflicts.length;
  return count;
}

/**
 * Gives each write its seq (from `firstSeq`, in request order) and settles in-batch
 * duplicates. A result's seq is its record's new seq (a declaration's, else the last
 * record of another kind), else its last conflict's (an update whose every field
 * conflicted), else null.
 */
export function assignSeqs(outcomes: Outcome[], firstSeq: number): void {
  let seq = firstSeq;
  for (const o of outcomes) {
    if (o.created !== null || o.changed !== null) o.seqs.record = seq++;
    let lastRecordSeq: number | null = null;
    for (const write of o.records) {
      write.seq = seq++;
      lastRecordSeq = write.seq;
    }
    for (const _conflict of o.conflicts) o.seqs.conflicts.push(seq++);
    // Replays keep their stored answer.
    if (o.storeAs !== null && o.result.status === 'applied') o.result.seq = o.seqs.record ?? lastRecordSeq ?? o.seqs.conflicts.at(-1) ?? null;
  }
  for (const o of outcomes) {
    const original = o.duplicateOf === null ? undefined : outcomes[o.duplicateOf];
    if (original !== undefined) o.result = { ...original.result, index: o.result.index, replayed: true };
  }
}
