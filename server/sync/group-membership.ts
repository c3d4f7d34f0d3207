import type { GroupMemberContext, MutualAidGroup } from '../../shared/index';
import type { Queryable } from '../db/db';
import { keyList, uuidKeys } from '../db/json-param';
import type { PreparsedMutation } from './push-outcome';

/**
 * What HQ checks a group member's share against (shared checkGroupMember): for each
 * group declaration the batch's declaration.create mutations name, that declaration
 * with its day and point (from anywhere in the same push — the desk sends the members before the group
 * declaration — else as HQ holds it) and its group as HQ holds it now, with its version.
 *
 * Nothing is asked of the database for a batch without members' shares: one pass over
 * the mutations, then at most two queries (HQ's group declarations the push does not
 * carry, then the groups).
 */
export type GroupMembership = ReadonlyMap<string, GroupMemberContext>;

type HeldGroupDeclaration = NonNullable<GroupMemberContext['groupDeclaration']>;

const NO_GROUP: GroupMemberContext = { groupDeclaration: null, group: null };

export function groupMemberContext(membership: GroupMembership | undefined, groupDeclarationId: string): GroupMemberContext {
  return membership?.get(groupDeclarationId.toLowerCase()) ?? NO_GROUP;
}

export async function loadGroupMembership(tx: Queryable, portId: string, mutations: readonly PreparsedMutation[]): Promise<GroupMembership | undefined> {
  const named = new Set<string>();
  const carried = new Map<string, HeldGroupDeclaration>();
  for (const { parsed } of mutations) {
    if (!parsed.ok) continue;
    const mutation = parsed.data;
    if (mutation.type === 'declaration.create' && mutation.record.groupDeclarationId !== undefined) named.add(mutation.record.groupDeclarationId.toLowerCase());
    else if (mutation.type === 'group_declaration.create') {
      const id = mutation.record.id.toLowerCase();
      // The first one of an id counts, as at HQ (a second use of it is refused).
      const { portId: ownPort, groupId, tradeDate, pointId } = mutation.record;
      if (!carried.has(id)) carried.set(id, { portId: ownPort, groupId: groupId.toLowerCase(), tradeDate, pointId });
    }
  }
  if (named.size === 0) return undefined;

  const declarations = new Map<string, HeldGroupDeclaration>();
  const atHq = [...named].filter((id) => !carried.has(id));
  if (atHq.length > 0) {
    const rows = await tx.query<{ id: string; group_id: string; trade_date: string; point_id: string }>(
      `SELECT group_declaration_id::text AS id, group_id::text AS group_id, trade_date, data->>'pointId' AS point_id FROM group_declarations
       WHERE port_id = $1 AND group_declaration_id = ANY(${uuidKeys('$2')})`,
      [portId, keyList(atHq)],
    );
    for (const row of rows) declarations.set(row.id, { portId, groupId: row.group_id, tradeDate: row.trade_date, pointId: row.point_id });
  }
  for (const id of named) {
    const inPush = carried.get(id);
    if (inPush !== undefined) declarations.set(id, inPush);
  }

  const groupIds = [...new Set([...declarations.values()].filter((d) => d.portId === portId).map((d) => d.groupId))];
  const groups = new Map<string, { group: MutualAidGroup; version: number }>();
  if (groupIds.length > 0) {
    const rows = await tx.query<{ data: MutualAidGroup; version: number }>(
      `SELECT data, version FROM mutual_aid_groups WHERE port_id = $1 AND group_id = ANY(${uuidKeys('$2')})`,
      [portId, keyList(groupIds)],
    );
    for (const row of rows) groups.set(row.data.id.toLowerCase(), { group: row.data, version: Number(row.version) });
  }

  const membership = new Map<string, GroupMemberContext>();
  for (const id of named) {
    const groupDeclaration = declarations.get(id) ?? null;
    membership.set(id, { groupDeclaration, group: groupDeclaration === null ? null : (groups.get(groupDeclaration.groupId) ?? null) });
  }
  return membership;
}
