import { CERTIFICATE_NO, type GroupDeclarationRecord, groupDeclarationRecordSchema, type MutualAidGroup, type Resident, type WeighedLine } from '../../../shared/index';
import { type DeskDb, type DeskDeclaration, type Rejection, refusesRecord } from '../db/desk-db';
import { type DeclarationState, findResident, stateOf, usedTodayFen } from '../declarations/desk-queries';
import { usedTodayLines } from '../declarations/weight-cap-queries';

/** Groups offered for what the officer typed: a member's certificate number (the leader's or any member's), or part of the group's name. */
export async function findGroups(db: DeskDb, typed: string, limit = 8): Promise<MutualAidGroup[]> {
  const text = typed.trim();
  if (text === '') return [];
  const groups = await db.groups.toArray();
  const upper = text.toUpperCase();
  if (CERTIFICATE_NO.test(upper)) {
    const resident = await findResident(db, upper);
    if (resident !== null) {
      const found = groups.filter((g) => g.memberIds.includes(resident.id));
      if (found.length > 0) return found.slice(0, limit);
    }
  }
  return groups
    .filter((g) => g.name.includes(text))
    .sort((a, b) => Number(!a.name.startsWith(text)) - Number(!b.name.startsWith(text)) || a.name.localeCompare(b.name, 'zh'))
    .slice(0, limit);
}

export interface GroupMembersToday {
  residents: Map<string, Resident>;
  /** Duty-free amount each member already used on the date, from this desk's records (desk-queries usedTodayFen). */
  usedTodayFen: Map<string, number>;
  /** Their lines that day, for the weight caps (weight-cap-queries usedTodayLines). */
  usedTodayLines: Map<string, WeighedLine[]>;
}

export async function groupMembersOn(db: DeskDb, group: MutualAidGroup, tradeDate: string): Promise<GroupMembersToday> {
  const found = await db.residents.bulkGet(group.memberIds);
  const residents = new Map<string, Resident>();
  for (const resident of found) if (resident !== undefined) residents.set(resident.id, resident);
  const used = await Promise.all(group.memberIds.map(async (id) => [id, await usedTodayFen(db, id, tradeDate)] as const));
  const lines = await Promise.all(group.memberIds.map(async (id) => [id, await usedTodayLines(db, id, tradeDate)] as const));
  return { residents, usedTodayFen: new Map(used), usedTodayLines: new Map(lines) };
}

export interface MemberDeclarationRow {
  declaration: DeskDeclaration;
  state: DeclarationState;
  rejection: Rejection | null;
}

export interface GroupDeclarationRow {
  record: GroupDeclarationRecord;
  groupName: string;
  members: MemberDeclarationRow[];
}

/** The group declarations of a trade date, newest first, each with its members' declarations as HQ answered them (flags, refusals). */
export async function groupDeclarationsOn(db: DeskDb, tradeDate: string): Promise<GroupDeclarationRow[]> {
  return db.transaction('r', [db.groupDeclarations, db.groups, db.declarations, db.outbox, db.rejections], async () => {
    const stored = await db.groupDeclarations.where('tradeDate').equals(tradeDate).toArray();
    const records = stored.flatMap((row) => {
      const parsed = groupDeclarationRecordSchema.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    });
    if (records.length === 0) return [];
    const [groups, declarations, pendingKeys] = await Promise.all([
      db.groups.bulkGet(records.map((r) => r.groupId)),
      db.declarations.where('groupDeclarationId').anyOf(records.map((r) => r.id)).toArray(),
      db.outbox.orderBy('recordId').uniqueKeys(),
    ]);
    const rejections = await db.rejections.where('recordId').anyOf(declarations.map((d) => d.id)).toArray();
    const refused = new Map(rejections.filter(refusesRecord).map((r) => [r.recordId, r]));
    const pending = new Set(pendingKeys.map(String));
    const names = new Map(groups.flatMap((g) => (g === undefined ? [] : [[g.id, g.name] as const])));
    return records
      .sort((a, b) => b.declaredAt.localeCompare(a.declaredAt))
      .map((record) => ({
        record,
        groupName: names.get(record.groupId) ?? record.groupId,
        members: declarations
          .filter((d) => d.groupDeclarationId === record.id)
          .map((declaration) => {
            const rejection = refused.get(declaration.id);
            return { declaration, state: stateOf(declaration, pending, rejection), rejection: rejection ?? null };
          }),
      }));
  });
}
