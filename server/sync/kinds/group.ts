import { fail, type MutualAidGroup } from '../../../shared/index';
import type { RecordKind } from '../record-kinds';

/**
 * Mutual-aid groups (互助组) in the pull feed. Groups are reference data written only by
 * HQ's administrators (server/admin/group-write.ts), so no mutation type is theirs: the
 * kind exists so that the feed reads the `mutual_aid_groups` table like every other.
 */
export const groupKind: RecordKind<MutualAidGroup> = {
  name: 'group',
  mutationTypes: [],
  table: 'mutual_aid_groups',
  keyColumn: 'group_id',
  entity: 'group',
  columns: [],
  keysOf: () => [],
  decide: (mutation) => fail('bad_request', `互助组由 HQ 管理员维护，柜台不能提交 / Groups are kept by HQ administrators: ${mutation.type}`, 'type'),
  keyOf: (group) => group.id.toLowerCase(),
  columnsOf: () => ({}),
};
