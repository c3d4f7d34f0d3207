import { PROTOCOL_VERSION, type PushResponse, type Result, fail, ok, pushRequestSchema } from '../../shared/index';
import type { AccessClaims } from '../auth/access-tokens';
import type { Db } from '../db/db';
import type { Logger } from '../log';
import { parseWith } from '../http/validate';
import { loadPushContext, loadStoredResults } from './push-load';
import { assignSeqs, decide, foreignPorts, preparse } from './push-plan';
import { storeOutcomes } from './push-store';
import type { GoodsListCache } from './reference-snapshot';
import { recordRefusal } from './refusals';
import { residentCacheOf } from './resident-cache';
import { lockPortCounter, takeSeqs } from './seq';

/**
 * A push: the envelope is checked strictly, the scope of every mutation before anything
 * is written, then the batch runs in ONE transaction: lock the port's counter, read what
 * the batch is checked against, decide each mutation in order, take seqs, write records
 * and results. Either every result of the request is stored or none is.
 */
export interface PushDeps {
  db: Db;
  logger: Logger;
  goodsLists: GoodsListCache;
}

export async function handlePush(
  { db, logger, goodsLists }: PushDeps,
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
  const preparsed = preparse(mutations);
  const results = await db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, claims.port)) === null) return null;
    const ids = [...new Set(preparsed.flatMap((m) => (m.id === null ? [] : [m.id])))];
    const stored = await loadStoredResults(tx, claims.port, ids);
    const context = { ...(await loadPushContext(tx, claims.port, preparsed, stored, goodsLists, residentCacheOf(db))), officerId: claims.sub };
    const outcomes = decide(preparsed, context, now);
    const appliedCount = outcomes.filter((o) => o.declaration !== null).length;
    assignSeqs(outcomes, appliedCount > 0 ? await takeSeqs(tx, claims.port, appliedCount) : 0);
    await storeOutcomes(tx, { portId: claims.port, deviceId, officerId: claims.sub }, outcomes, now);
    return outcomes.map((o) => o.result);
  });
  if (results === null) return fail('forbidden', `口岸 ${claims.port} 不存在 / Unknown port`);
  return ok({ protocolVersion: PROTOCOL_VERSION, results, hqTime: now.toISOString() });
}
