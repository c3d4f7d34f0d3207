import { fail, type GroupDeclarationRecord, type MutualAidGroup } from '../../../shared/index';
import type { Queryable } from '../../db/db';
import { keyList, uuidKeys } from '../../db/json-param';
import type { RecordKind } from '../record-kinds';

/**
 * A mutual-aid group's declaration as a whole (group_declaration.create). The members'
 * shares are ordinary declaration.create mutations, each re-checked against the member's
 * port-wide usage (push-create.ts) and flagged, never dropped, where HQ disagrees, and
 * checked to be a member of this record's group (shared checkGroupMember, with what
 * server/sync/group-membership.ts loads); this record only ties them together. HQ checks that the group is one it holds in the port
 * and that the remainder's resident is one of its members; an id HQ already holds, sent
 * by another mutation, is a `conflict`.
 *
 * The batch's held records carry the groups too, under `group:<id>`, loaded in the same
 * one query per batch as the group declarations.
 */
type Held = GroupDeclarationRecord | MutualAidGroup;
const groupKey = (groupId: string) => `group:${groupId.toLowerCase()}`;
const isGroup = (held: Held | undefined): held is MutualAidGroup => held !== undefined && 'memberIds' in held;

async function load(tx: Queryable, portId: string, keys: readonly string[]): Promise<Map<string, Held>> {
  const ids = keys.filter((key) => !key.startsWith('group:'));
  const groupIds = keys.filter((key) => key.startsWith('group:')).map((key) => key.slice(6));
  const held = new Map<string, Held>();
  const [records, groups] = await Promise.all([
    ids.length === 0
      ? []
      : tx.query<{ key: string; data: GroupDeclarationRecord }>(
          `SELECT group_declaration_id::text AS key, data FROM group_declarations WHERE port_id = $1 AND group_declaration_id = ANY(${uuidKeys('$2')})`,
          [portId, keyList(ids)],
        ),
    groupIds.length === 0
      ? []
      : tx.query<{ data: MutualAidGroup }>(`SELECT data FROM mutual_aid_groups WHERE port_id = $1 AND group_id = ANY(${uuidKeys('$2')})`, [portId, keyList(groupIds)]),
  ]);
  for (const row of records) held.set(row.key, row.data);
  for (const row of groups) held.set(groupKey(row.data.id), row.data);
  return held;
}

export const groupDeclarationKind: RecordKind<Held> = {
  name: 'group_declaration',
  mutationTypes: ['group_declaration.create'],
  table: 'group_declarations',
  keyColumn: 'group_declaration_id',
  entity: 'group_declaration',
  columns: [
    { name: 'group_id', type: 'uuid' },
    { name: 'trade_date', type: 'date' },
  ],
  keysOf(mutation) {
    return mutation.type === 'group_declaration.create' ? [mutation.record.id.toLowerCase(), groupKey(mutation.record.groupId)] : [];
  },
  load,
  decide(mutation, held, scope) {
    if (mutation.type !== 'group_declaration.create') return fail('bad_request', `not a group declaration mutation: ${mutation.type}`, 'type');
    if (scope.role === 'admin') return fail('forbidden', 'HQ 管理员不办理申报 / HQ administrators do not declare', 'type');
    const record = mutation.record;
    if (record.officerId.toLowerCase() !== scope.officerId.toLowerCase()) {
      return fail('forbidden', "record.officerId: 只能以本人名义申报 / A declaration can only be filed in the signed-in officer's name", 'record.officerId');
    }
    if (held(record.id.toLowerCase()) !== undefined) {
      return fail('conflict', `互助组申报 ${record.id} 已由另一变更提交 / Group declaration ${record.id} was sent by another change`, 'record.id');
    }
    const group = held(groupKey(record.groupId));
    if (!isGroup(group)) return fail('not_found', `record.groupId: HQ 无此互助组 / No such group at ${record.portId}`, 'record.groupId');
    const remainder = record.remainderResidentId;
    if (remainder !== null && !group.memberIds.some((id) => id.toLowerCase() === remainder.toLowerCase())) {
      return fail('validation', 'record.remainderResidentId: 应税余量须记在本组成员名下 / The taxable remainder goes to a member of the group', 'record.remainderResidentId');
    }
    return { ok: true, data: { record } };
  },
  keyOf: (record) => (isGroup(record) ? groupKey(record.id) : record.id.toLowerCase()),
  columnsOf(record): Record<string, string> {
    return isGroup(record) ? {} : { group_id: record.groupId, trade_date: record.tradeDate };
  },
};
