import { DECLARATION_EDITABLE_FIELDS, MAX_PUSH_MUTATIONS, type MutationResult } from '../../../shared/index';
import { undoRefusedTwoStep } from '../twostep/pending-two-step';
import { undoRefusedDeclarationEvent } from '../declarations/declaration-event';
import type { DeskDb, OutboxEntry, Rejection } from '../db/desk-db';
import { type HqClient, SerializedMutations } from './hq-client';
import type { HttpResult } from './http';
import type { OnProgress } from './progress';

/** As many as HQ takes in one request: per-request costs (upload, HQ's fixed queries) are paid half as often as with 1,000. */
export const PUSH_BATCH_SIZE = MAX_PUSH_MUTATIONS;

export interface PushSummary {
  applied: number;
  rejected: number;
  flagged: number;
  /** Edits that met another desk's change of the same field (the pull brings the conflicts). */
  conflicts: number;
  /** Entries HQ did not answer for (kept in the outbox for the next push). */
  unanswered: number;
}

/**
 * Sends the outbox to HQ in order, a batch at a time. Each batch's answers are stored in
 * one transaction together with the removal of the entries they answer, so an entry
 * leaves the outbox only once its answer is safe on the desk. Replayed answers (HQ had
 * already applied the mutation) are handled exactly like first answers. A failed request
 * stops the push and keeps the outbox as it was.
 */
export async function pushOutbox(
  db: DeskDb,
  client: HqClient,
  onProgress?: OnProgress,
  batchSize = PUSH_BATCH_SIZE,
): Promise<HttpResult<PushSummary>> {
  const summary: PushSummary = { applied: 0, rejected: 0, flagged: 0, conflicts: 0, unanswered: 0 };
  const total = await db.outbox.count();
  let done = 0;
  onProgress?.({ phase: 'push', done, total });
  // The next batch is read and serialised while the current one is at HQ.
  const readAfter = async (seq: number) => {
    const entries = await db.outbox.where('seq').above(seq).limit(batchSize).toArray();
    return { entries, body: SerializedMutations.of(entries.map((entry) => entry.mutation)) };
  };
  const account = (outcome: PushSummary, size: number) => {
    summary.applied += outcome.applied;
    summary.rejected += outcome.rejected;
    summary.flagged += outcome.flagged;
    summary.conflicts += outcome.conflicts;
    summary.unanswered += outcome.unanswered;
    done += size;
    onProgress?.({ phase: 'push', done, total: Math.max(total, done) });
  };
  // Pipelined: while batch k's answers are being stored, batch k+1 is already on its way.
  // Batches still reach HQ strictly in order (k+1 is sent only after k's answer came
  // back), and the next batch is read before k's store begins, so the read-only read
  // does not queue behind the read-write transaction.
  let storing: Promise<void> = Promise.resolve();
  let batch = await readAfter(-1);
  while (batch.entries.length > 0) {
    const answerPromise = client.push(batch.body);
    const lastSeq = batch.entries[batch.entries.length - 1]?.seq ?? -1;
    const nextPromise = readAfter(lastSeq);
    const answer = await answerPromise;
    await storing;
    if (!answer.ok) {
      await nextPromise;
      return answer;
    }
    const sent = batch.entries;
    storing = storeResults(db, sent, answer.data.results).then((outcome) => account(outcome, sent.length));
    batch = await nextPromise;
  }
  await storing;
  return { ok: true, data: summary };
}

async function storeResults(db: DeskDb, batch: OutboxEntry[], results: MutationResult[]): Promise<PushSummary> {
  const byIndex = new Map(results.map((result) => [result.index, result]));
  const outcome: PushSummary = { applied: 0, rejected: 0, flagged: 0, conflicts: 0, unanswered: 0 };
  const answeredSeqs: number[] = [];
  const rejections: Rejection[] = [];
  const refused: OutboxEntry[] = [];
  const flagged: { recordId: string; flags: MutationResult['flags'] }[] = [];
  const at = new Date().toISOString();
  batch.forEach((entry, index) => {
    const result = byIndex.get(index);
    // An answer for another mutation than the one sent is not an answer: keep the entry.
    if (result === undefined || (result.id !== null && result.id !== entry.id) || entry.seq === undefined) {
      outcome.unanswered++;
      return;
    }
    answeredSeqs.push(entry.seq);
    if (result.status === 'applied') {
      outcome.applied++;
      if (result.conflicts.length > 0) outcome.conflicts++;
      if (result.flags.length > 0) {
        outcome.flagged++;
        flagged.push({ recordId: entry.recordId, flags: result.flags });
      }
    } else {
      outcome.rejected++;
      if (entry.type !== 'declaration.create') refused.push(entry);
      rejections.push({
        mutationId: entry.id,
        type: entry.type,
        recordId: entry.recordId,
        code: result.error?.code ?? 'internal',
        message: result.error?.message ?? 'HQ 拒收 / Rejected by HQ',
        field: result.error?.field ?? null,
        at,
      });
    }
  });
  await db.transaction('rw', [db.outbox, db.rejections, db.declarations, db.conflicts, db.twoStepEntries], async () => {
    for (const { recordId, flags } of flagged) {
      await db.declarations.update(recordId, (record) => {
        record.flags = flags;
        record.flaggedOn = record.tradeDate;
      });
    }
    if (rejections.length > 0) await db.rejections.bulkPut(rejections);
    // Last first: each refused change puts back the state it replaced, so the earliest one's ends up shown.
    for (const entry of [...refused].reverse()) await undoRefused(db, entry);
    const first = batch[0]?.seq;
    const last = batch[batch.length - 1]?.seq;
    // The usual case, every entry of the batch answered: one range delete instead of a
    // thousand key deletes (the batch is a contiguous run of seqs, read in order).
    if (answeredSeqs.length === batch.length && first !== undefined && last !== undefined) {
      await db.outbox.where('seq').between(first, last, true, true).delete();
    } else {
      await db.outbox.bulkDelete(answeredSeqs);
    }
  });
  return outcome;
}

/**
 * HQ refused an edit or a resolution: take back what the desk showed ahead of HQ. An
 * edit's fields go back to their earlier values where nothing has changed them since; a
 * conflict marked `resolving` opens again.
 */
async function undoRefused(db: DeskDb, entry: OutboxEntry): Promise<void> {
  const { mutation } = entry;
  if (mutation.type === 'conflict.resolve') {
    await db.conflicts.where('id').equals(mutation.conflictId).modify((conflict) => {
      if (conflict.status === 'resolving') conflict.status = 'open';
    });
  } else if (mutation.type === 'declaration.event') {
    await undoRefusedDeclarationEvent(db, entry);
  } else if (mutation.type.startsWith('two_step.')) {
    await undoRefusedTwoStep(db, entry);
  } else if (mutation.type === 'declaration.update' && entry.previous !== undefined) {
    const previous = entry.previous;
    await db.declarations.update(entry.recordId, (record) => {
      for (const field of DECLARATION_EDITABLE_FIELDS) {
        if (field in previous && record[field] === mutation.changes[field]) Object.assign(record, { [field]: previous[field] });
      }
    });
  }
}
