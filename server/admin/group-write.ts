import { randomUUID } from 'node:crypto';
import {
  fail,
  type GroupMemberView,
  type GroupView,
  type MutualAidGroup,
  mutualAidGroupSchema,
  type NewGroupRequest,
  ok,
  type Resident,
  type Result,
  type UpdateGroupRequest,
} from '../../shared/index';
import type { Db, Queryable } from '../db/db';
import { parseWith } from '../http/validate';
import { lockPortCounter, takeSeqs } from '../sync/seq';
import { unknownPort, type Written } from './reference-write';

/**
 * The administrator's writes of mutual-aid groups (边民互助组). Members arrive as
 * certificate numbers and are stored as resident ids, in the order given; each must be a
 * resident HQ holds in that port, and in no other group of the port (a member's
 * duty-free amount can only be shared out by one group). Every change is one transaction
 * that locks the port's counter, checks the version the console started from (409 when
 * another administrator changed the group meanwhile), and stores the group whole at the
 * next seq, so desks receive it at their next pull.
 */

interface GroupRow {
  data: MutualAidGroup;
  version: number;
  seq: number;
}

const memberOf = (resident: Resident): GroupMemberView => ({
  residentId: resident.id,
  certificateNo: resident.certificateNo,
  name: resident.name,
  status: resident.status,
  validTo: resident.validTo,
});

async function residentsById(tx: Queryable, portId: string, ids: readonly string[]): Promise<Map<string, Resident>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ data: Resident }>(
    "SELECT data FROM residents WHERE port_id = $1 AND resident_id = ANY(string_to_array($2::text, ',')::uuid[])",
    [portId, ids.join(',')],
  );
  return new Map(rows.map((row) => [row.data.id.toLowerCase(), row.data]));
}

function view(row: GroupRow, residents: Map<string, Resident>): GroupView {
  return {
    group: row.data,
    version: row.version,
    seq: row.seq,
    members: row.data.memberIds.flatMap((id) => {
      const resident = residents.get(id.toLowerCase());
      return resident === undefined ? [] : [memberOf(resident)];
    }),
  };
}

export async function listGroups(db: Queryable, portId: string): Promise<GroupView[]> {
  const rows = await db.query<GroupRow>('SELECT data, version, seq FROM mutual_aid_groups WHERE port_id = $1 ORDER BY name', [portId]);
  const residents = await residentsById(db, portId, [...new Set(rows.flatMap((row) => row.data.memberIds))]);
  return rows.map((row) => view(row, residents));
}

/** The residents named by certificate number, in that order; any not filed in the port is named by its field. */
async function membersByCertificate(tx: Queryable, portId: string, certificateNos: readonly string[]): Promise<Result<Resident[]>> {
  const rows = await tx.query<{ data: Resident }>(
    "SELECT data FROM residents WHERE port_id = $1 AND certificate_no = ANY(string_to_array($2::text, ','))",
    [portId, certificateNos.join(',')],
  );
  const byNo = new Map(rows.map((row) => [row.data.certificateNo, row.data]));
  const members: Resident[] = [];
  for (const [index, no] of certificateNos.entries()) {
    const resident = byNo.get(no);
    if (resident === undefined) {
      return fail('validation', `memberCertificateNos.${index}: ${no} 不是本口岸备案边民 / ${no} is not a resident filed at ${portId}`, `memberCertificateNos.${index}`);
    }
    members.push(resident);
  }
  return ok(members);
}

/** A member already in another group of the port is refused, naming the member and that group. */
async function checkNotInOtherGroup(tx: Queryable, portId: string, groupId: string, members: readonly Resident[]): Promise<Result<null>> {
  const rows = await tx.query<{ data: MutualAidGroup }>('SELECT data FROM mutual_aid_groups WHERE port_id = $1 AND group_id <> $2', [portId, groupId]);
  for (const [index, member] of members.entries()) {
    const other = rows.find((row) => row.data.memberIds.some((id) => id.toLowerCase() === member.id.toLowerCase()));
    if (other !== undefined) {
      return fail(
        'conflict',
        `memberCertificateNos.${index}: ${member.certificateNo} 已是“${other.data.name}”成员 / ${member.certificateNo} is already a member of ${other.data.name}`,
        `memberCertificateNos.${index}`,
      );
    }
  }
  return ok(null);
}

async function checkNameFree(tx: Queryable, portId: string, groupId: string, name: string): Promise<Result<null>> {
  const rows = await tx.query('SELECT 1 FROM mutual_aid_groups WHERE port_id = $1 AND name = $2 AND group_id <> $3', [portId, name, groupId]);
  return rows.length > 0 ? fail('conflict', `name: 已有名为“${name}”的互助组 / A group named ${name} already exists`, 'name') : ok(null);
}

/** Checks and stores a group at the port's next seq; the caller holds the port's lock. */
export async function storeGroup(tx: Queryable, group: MutualAidGroup, version: number): Promise<Result<Written<GroupView>>> {
  const parsed = parseWith(mutualAidGroupSchema, group);
  if (!parsed.ok) return parsed;
  const seq = await takeSeqs(tx, group.portId, 1);
  await tx.query(
    `INSERT INTO mutual_aid_groups (port_id, group_id, name, version, seq, data) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
     ON CONFLICT (port_id, group_id) DO UPDATE SET name = EXCLUDED.name, version = EXCLUDED.version, seq = EXCLUDED.seq, data = EXCLUDED.data, updated_at = now()`,
    [group.portId, group.id, group.name, version, seq, JSON.stringify(parsed.data)],
  );
  const residents = await residentsById(tx, group.portId, parsed.data.memberIds);
  return ok({ seq, record: view({ data: parsed.data, version, seq }, residents) });
}

async function writeGroup(
  tx: Queryable,
  portId: string,
  group: { id: string; name: string; leaderCertificateNo: string; memberCertificateNos: readonly string[] },
  version: number,
): Promise<Result<Written<GroupView>>> {
  const members = await membersByCertificate(tx, portId, group.memberCertificateNos);
  if (!members.ok) return members;
  const free = await checkNotInOtherGroup(tx, portId, group.id, members.data);
  if (!free.ok) return free;
  const named = await checkNameFree(tx, portId, group.id, group.name);
  if (!named.ok) return named;
  const leader = members.data.find((m) => m.certificateNo === group.leaderCertificateNo);
  if (leader === undefined) return fail('validation', 'leaderCertificateNo: 组长须为本组成员 / The leader must be one of the members', 'leaderCertificateNo');
  return storeGroup(tx, { id: group.id, portId, name: group.name, leaderId: leader.id, memberIds: members.data.map((m) => m.id) }, version);
}

export function addGroup(db: Db, portId: string, request: NewGroupRequest): Promise<Result<Written<GroupView>>> {
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    return writeGroup(tx, portId, { id: randomUUID(), ...request }, 1);
  });
}

export function updateGroup(db: Db, portId: string, groupId: string, request: UpdateGroupRequest): Promise<Result<Written<GroupView>>> {
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const [row] = await tx.query<GroupRow>('SELECT data, version, seq FROM mutual_aid_groups WHERE port_id = $1 AND group_id = $2', [portId, groupId]);
    if (row === undefined) return fail('not_found', `没有互助组 ${groupId} / No group ${groupId}`, 'group');
    if (row.version !== request.baseVersion) {
      return fail(
        'conflict',
        `互助组已被修改（现为第 ${row.version} 版，您编辑的是第 ${request.baseVersion} 版），请刷新后重做 / The group changed meanwhile (now v${row.version}, you edited v${request.baseVersion}): reload and redo`,
        'baseVersion',
      );
    }
    const held = view(row, await residentsById(tx, portId, row.data.memberIds));
    const certificateOf = (id: string) => held.members.find((m) => m.residentId.toLowerCase() === id.toLowerCase())?.certificateNo ?? '';
    return writeGroup(
      tx,
      portId,
      {
        id: row.data.id,
        name: request.name ?? row.data.name,
        leaderCertificateNo: request.leaderCertificateNo ?? certificateOf(row.data.leaderId),
        memberCertificateNos: request.memberCertificateNos ?? held.members.map((m) => m.certificateNo),
      },
      row.version + 1,
    );
  });
}
