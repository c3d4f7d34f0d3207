import { randomUUID } from 'node:crypto';
import { checkEffectiveFrom, cstDateOf, type NewTwoStepPolicyRequest, ok, type Result, type TwoStepPolicy } from '../../shared/index';
import type { Db, Queryable } from '../db/db';
import { upsertTwoStepPolicies } from '../seed/two-step-demo';
import { lockPortCounter } from '../sync/seq';
import { unknownPort, type Written } from './reference-write';

/**
 * The administrator's two-step policy versions (两步申报 deadline and late-fee values),
 * written like the duty-free policy: a new version (highest + 1) with its own effective
 * date, never an edit, in one transaction under the port's counter lock, at the next seq
 * so desks receive it at their next pull.
 */
export async function readTwoStepPolicies(db: Queryable, portId: string): Promise<TwoStepPolicy[]> {
  const rows = await db.query<{ data: TwoStepPolicy }>('SELECT data FROM two_step_policies WHERE port_id = $1 ORDER BY version DESC', [portId]);
  return rows.map((row) => row.data);
}

export function publishTwoStepPolicy(db: Db, portId: string, request: NewTwoStepPolicyRequest, now: Date): Promise<Result<Written<TwoStepPolicy>>> {
  const date = checkEffectiveFrom(request.effectiveFrom, cstDateOf(now));
  if (!date.ok) return Promise.resolve(date);
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const [latest] = await tx.query<{ version: number }>('SELECT coalesce(max(version), 0)::int4 + 1 AS version FROM two_step_policies WHERE port_id = $1', [portId]);
    const record: TwoStepPolicy = { ...request, id: randomUUID(), portId, version: latest?.version ?? 1 };
    await upsertTwoStepPolicies(tx, portId, [record]);
    const [row] = await tx.query<{ seq: number }>('SELECT seq FROM two_step_policies WHERE port_id = $1 AND policy_id = $2', [portId, record.id]);
    return ok({ seq: row?.seq ?? 0, record });
  });
}
