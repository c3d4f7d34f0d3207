import { fail, type GatePolicy } from '../../../shared/index';
import type { RecordKind } from '../record-kinds';

/**
 * Gate weighing policy versions (卡口过磅误差) in the pull feed (entity `gate_policy`).
 * Reference data written only by HQ's administrators (server/admin/gate-policy-write.ts):
 * no mutation type is theirs; the kind exists so the feed reads `gate_policies`.
 */
export const gatePolicyKind: RecordKind<GatePolicy> = {
  name: 'gate_policy',
  mutationTypes: [],
  table: 'gate_policies',
  keyColumn: 'policy_id',
  entity: 'gate_policy',
  columns: [],
  keysOf: () => [],
  decide: (mutation) => fail('bad_request', `卡口过磅规则由 HQ 管理员维护，柜台不能提交 / Gate policies are kept by HQ administrators: ${mutation.type}`, 'type'),
  keyOf: (policy) => policy.id,
  columnsOf: () => ({}),
};
