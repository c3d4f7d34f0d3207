import { randomUUID } from 'node:crypto';
import { checkEffectiveFrom, cstDateOf, type GatePolicy, type NewGatePolicyRequest, ok, type Result } from '../../shared/index';
import type { Db, Queryable } from '../db/db';
import { lockPortCounter, takeSeqs } from '../sync/seq';
import { unknownPort, type Written } from './reference-write';

/**
 * The administrator's gate weighing policy versions (卡口过磅误差), written like the
 * two-step policy: a new version (highest + 1) with its own effective date, never an
 * edit, in one transaction under the port's counter lock, at the next seq so desks
 * receive it at their next pull. HQ's push reads the versions to decide releases.
 */
export async function readGatePolicies(db: Queryable, portId: string): Promise<GatePolicy[]> {
  const rows = await db.query<{ data: GatePolicy }>('SELECT data FROM gate_policies WHERE port_id = $1 ORDER BY version DESC', [portId]);
  return rows.map((row) => row.data);
}

/** Writes gate policy versions with a seq each (the caller holds the port's lock or takes it in takeSeqs' transaction). */
export async function upsertGatePolicies(tx: Queryable, portId: string, policies: readonly GatePolicy[]): Promise<void> {
  if (policies.length === 0) return;
  let seq = await takeSeqs(tx, portId, policies.length);
  for (const policy of policies) {
    await tx.query(
      `INSERT INTO gate_policies (port_id, policy_id, version, effective_from, seq, data) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (port_id, policy_id) DO UPDATE SET version = excluded.version, effective_from = excluded.effective_from, seq = excluded.seq, data = excluded.data`,
      [portId, policy.id, policy.version, policy.effectiveFrom, seq++, JSON.stringify(policy)],
    );
  }
}

export function publishGatePolicy(db: Db, portId: string, request: NewGatePolicyRequest, now: Date): Promise<Result<Written<GatePolicy>>> {
  const date = checkEffectiveFrom(request.effectiveFrom, cstDateOf(now));
  if (!date.ok) return Promise.resolve(date);
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const [latest] = await tx.query<{ version: number }>('SELECT coalesce(max(version), 0)::int4 + 1 AS version FROM gate_policies WHERE port_id = $1', [portId]);
    const record: GatePolicy = { ...request, id: randomUUID(), portId, version: latest?.version ?? 1 };
    await upsertGatePolicies(tx, portId, [record]);
    const [row] = await tx.query<{ seq: number }>('SELECT seq FROM gate_policies WHERE port_id = $1 AND policy_id = $2', [portId, record.id]);
    return ok({ seq: row?.seq ?? 0, record });
  });
}

/**
 * The demo gate policy of a port: ±5 % of the declared gross weight or ±2 kg, whichever
 * is larger (a small load is not refused for the scale's own error). A demo choice HQ is
 * expected to set; customs practice varies by port and goods.
 */
export function demoGatePolicy(portId: string): GatePolicy {
  return {
    id: portId === 'DONGXING' ? '8c2d9e50-4183-4fac-9d5e-9a3142c6f7e8' : '9d3e0f61-5294-4abd-8e6f-0b4253d7a8f9',
    portId,
    version: 1,
    effectiveFrom: '2020-01-01',
    tolerancePercent: 5,
    toleranceKg: 2,
    combine: 'larger',
  };
}
