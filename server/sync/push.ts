import { PROTOCOL_VERSION, type PushResponse, type Result, fail, ok, pushRequestSchema } from '../../shared/index';
import type { ArrivingLink } from '../audit/chain-arrival';
import { checkChainOnArrival } from '../audit/chain-store';
import type { AccessClaims } from '../auth/access-tokens';
import type { Db } from '../db/db';
import { heldLogger, type Logger } from '../log';
import { parseWith } from '../http/validate';
import type { PortQueue } from './port-queue';
import type { Outcome, PreparsedMutation, PushScope } from './push-outcome';
import { loadPushContext, loadResentAnswers, loadStoredResults } from './push-load';
import { assignSeqs, decide, foreignPorts, preparseYielding, seqsNeeded } from './push-plan';
import { NotNewAfterAll, storeOutcomes } from './push-store';
import type { GoodsListCache } from './reference-snapshot';
import { recordRefusal } from './refusals';
import { residentCacheOf } from './resident-cache';
import { lockPortCounter } from './seq';

/**
 * A push: the envelope is checked strictly, the scope of every mutation before anything
 * is written. A resend of a push HQ has stored in full is answered from the stored
 * results (loadResentAnswers). Otherwise the batch waits its turn behind this process's
 * other pushes of the port (PortQueue), then runs in ONE transaction: lock the port's
 * counter, read what the batch is checked against, decide each mutation in order, take seqs, check the
 * desk's audit chain, write records, results and audit entries. Either every result of
 * the request is stored or none is.
 *
 * `claims` carry the officer's role as HQ holds it now (the route's access check).
 */
export interface PushDeps {
  db: Db;
  logger: Logger;
  goodsLists: GoodsListCache;
  /** This process's pushes of a port wait their turn here, not holding a connection (port-queue.ts). */
  queue: PortQueue;
}

export async function handlePush(
  { db, logger, goodsLists, queue }: PushDeps,
  claims: AccessClaims,
  body: unknown,
  now: Date,
): Promise<Result<PushResponse>> {
  const envelope = parseWith(pushRequestSchema, body);
  if (!envelope.ok) return envelope;
  const { protocolVersion, deviceId, mutations } = envelope.data;
  if (protocolVersion !== PROTOCOL_VERSION) {
    return fail('protocol_version', `HQ 使用协议 ${PROTOCOL_VERSION}，请更新柜台程序 / HQ speaks protocol ${PROTOCOL_VERSION}: update the desk`);
  }
  const foreign = foreignPorts(mutations, claims.port);
  if (foreign.length > 0) {
    await recordRefusal(
      db,
      logger,
      { portId: claims.port, officerId: claims.sub, deviceId, route: 'sync.push', code: 'forbidden', detail: { foreignPorts: foreign, mutations: mutations.length } },
      now,
    );
    return fail('forbidden', `只能提交本口岸（${claims.port}）的记录 / Only records of your port (${claims.port}) may be pushed`);
  }
  const resent = await loadResentAnswers(db, claims.port, mutations);
  if (resent !== null) return ok({ protocolVersion: PROTOCOL_VERSION, results: resent, hqTime: now.toISOString() });
  const scope: PushScope = { portId: claims.port, officerId: claims.sub, role: claims.role, deviceId };
  // Parsing and hashing happen before the port's lock: other desks of the port wait only for the database work.
  const preparsed = await preparseYielding(mutations);
  // One attempt, in one transaction; what it logs is passed on only once it commits.
  const attempt = async (mayExpectNew: boolean) => {
    const logs = heldLogger(logger);
    const results = await db.transaction(async (tx) => {
      const lastSeq = await lockPortCounter(tx, claims.port);
      if (lastSeq === null) return null;
      const first = preparsed[0]?.id ?? null;
      const expectNew = mayExpectNew && first !== null && (await loadStoredResults(tx, claims.port, [first])).size === 0;
      const ids = [...new Set(preparsed.flatMap((m) => (m.id === null ? [] : [m.id])))];
      const stored = expectNew ? new Map() : await loadStoredResults(tx, claims.port, ids);
      const loaded = await loadPushContext(tx, claims.port, preparsed, stored, goodsLists, residentCacheOf(db), expectNew);
      const outcomes = decide(preparsed, { ...loaded, scope }, now);
      const needed = seqsNeeded(outcomes);
      // The counter row is locked: its seqs are lastSeq + 1 … lastSeq + needed, and
      // storeOutcomes moves it there in the statement that writes the declarations.
      assignSeqs(outcomes, lastSeq + 1);
      await checkChainOnArrival(tx, logs, scope, arrivingLinks(preparsed, outcomes), now);
      await storeOutcomes(tx, logs, scope, preparsed, outcomes, now, needed > 0 ? lastSeq + needed : null, expectNew);
      return outcomes.map((o) => o.result);
    });
    logs.release();
    return results;
  };
  // A desk's new declarations, the common push, are decided without looking up every id
  // of the batch among stored mutations and existing declarations (two lookups of 2,000
  // keys under the lock); the inserts check that none exists. One that does (a batch
  // mixing old and new mutations) rolls that attempt back, and the push runs again the
  // checked way, in the same turn of the port's queue. A batch whose first mutation HQ
  // holds (an echo queued behind its original) goes the checked way at once.
  const allCreates = preparsed.every((m) => m.parsed.ok && m.parsed.data.type === 'declaration.create');
  const results = await queue.run(claims.port, () =>
    attempt(allCreates).catch((error: unknown) => {
      if (error instanceof NotNewAfterAll) return attempt(false);
      throw error;
    }),
  );
  if (results === null) return fail('forbidden', `口岸 ${claims.port} 不存在 / Unknown port`);
  return ok({ protocolVersion: PROTOCOL_VERSION, results, hqTime: now.toISOString() });
}

/** The audit links this push adds to the desk's chain: those of the mutations stored now (never replays). */
function arrivingLinks(preparsed: readonly PreparsedMutation[], outcomes: readonly Outcome[]): ArrivingLink[] {
  const links: ArrivingLink[] = [];
  outcomes.forEach((o, i) => {
    const link = preparsed[i]?.link;
    if (o.storeAs === null || link === null || link === undefined) return;
    links.push({ n: link.n, prev: link.prev, hash: link.hash, isHashValid: link.isHashValid, mutationId: o.storeAs });
  });
  return links;
}
