import type { TwoStepPolicy } from '../../shared/index';
import type { Queryable } from '../db/db';
import { takeSeqs } from '../sync/seq';

/**
 * The demo two-step policy of a port (两步申报 deadline and late fee). 14 days, the fee
 * from day 15 at 0.5‰ a day, RMB 50 below which nothing is charged, sale after 3 months
 * are the values of DOMAIN.md §3 and customs practice; "due soon" at 3 days, the late
 * count over 365 days and the warning at 3 are demo choices HQ is expected to set.
 */
export function demoTwoStepPolicy(portId: string): TwoStepPolicy {
  return {
    id: portId === 'DONGXING' ? '5a0b7c3e-2f61-4d8a-9b3c-7e1f20a4d5c6' : '6b1c8d4f-3072-4e9b-8c4d-8f2031b5e6d7',
    portId,
    version: 1,
    effectiveFrom: '2020-01-01',
    fullDeclarationDays: 14,
    lateFeeStartsAfterDays: 14,
    lateFeeRatePerDay: 0.0005,
    lateFeeMinFen: 5_000,
    sellOffAfterMonths: 3,
    dueSoonDays: 3,
    lateCountWindowDays: 365,
    lateCountWarnAt: 3,
    nonWorkingDays: [],
  };
}

/** Writes two-step policy versions with a seq each, so desks pull them as reference data. */
export async function upsertTwoStepPolicies(tx: Queryable, portId: string, policies: readonly TwoStepPolicy[]): Promise<void> {
  if (policies.length === 0) return;
  let seq = await takeSeqs(tx, portId, policies.length);
  for (const policy of policies) {
    await tx.query(
      `INSERT INTO two_step_policies (port_id, policy_id, version, effective_from, seq, data) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (port_id, policy_id) DO UPDATE SET version = excluded.version, effective_from = excluded.effective_from, seq = excluded.seq, data = excluded.data`,
      [portId, policy.id, policy.version, policy.effectiveFrom, seq++, JSON.stringify(policy)],
    );
  }
}
