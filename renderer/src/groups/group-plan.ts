import {
  type DeclarationDraft,
  type DutyFreePolicy,
  fail,
  type GoodsLine,
  type GoodsLinePart,
  type GoodsList,
  type GroupSplit,
  isResidentActiveOn,
  type MemberShare,
  type MutualAidGroup,
  ok,
  prepareDeclaration,
  type RemainderPart,
  type Resident,
  type Result,
  splitGroupDeclaration,
  type WeighedLine,
} from '../../../shared/index';

/**
 * A group declaration (互助组申报) as the desk plans it before saving: the shared split
 * (splitGroupDeclaration) over the members in the group's order with what each already
 * used today, who takes the taxable remainder, and the member declarations to save, each
 * prepared by the shared prepareDeclaration exactly as a resident's own declaration is.
 *
 * The remainder goes to the leader (组长), who declares for the group; when the leader's
 * certificate is not valid that day, to the first member whose certificate is.
 */
export interface MemberRow {
  residentId: string;
  /** Null when the desk holds no resident under the member's id (not pulled yet): such a member takes nothing. */
  resident: Resident | null;
  isLeader: boolean;
  usedTodayFen: number;
  /** The member's other lines that day, for the goods lists' weight caps (限量). */
  usedTodayLines: readonly WeighedLine[];
  share: MemberShare;
}

export interface GroupPlan {
  split: GroupSplit;
  rows: MemberRow[];
  remainder: RemainderPart[];
  /** Who takes the remainder (null when nobody can: no member's certificate is valid that day). */
  remainderResident: Resident | null;
}

export function planGroupDeclaration(input: {
  group: MutualAidGroup;
  residents: ReadonlyMap<string, Resident>;
  usedTodayFen: ReadonlyMap<string, number>;
  usedTodayLines?: ReadonlyMap<string, readonly WeighedLine[]>;
  lines: readonly GoodsLine[];
  goodsList: GoodsList;
  policy: DutyFreePolicy;
  tradeDate: string;
}): Result<GroupPlan> {
  const { group, residents, usedTodayFen, usedTodayLines, lines, goodsList, policy, tradeDate } = input;
  const members = group.memberIds.map((id) => {
    const resident = residents.get(id) ?? null;
    return {
      id,
      resident,
      used: usedTodayFen.get(id) ?? 0,
      usedLines: usedTodayLines?.get(id) ?? [],
      isActive: resident !== null && isResidentActiveOn(resident, tradeDate),
    };
  });
  const split = splitGroupDeclaration({
    lines,
    members: members.map((m) => ({ residentId: m.id, usedTodayFen: m.used, isActive: m.isActive, usedLines: m.usedLines })),
    goodsList,
    policy,
  });
  if (!split.ok) return split;
  const rows = members.map((m, index): MemberRow => {
    const share = split.data.shares[index];
    if (share === undefined) throw new Error('the split has one share per member');
    return { residentId: m.id, resident: m.resident, isLeader: m.id === group.leaderId, usedTodayFen: m.used, usedTodayLines: m.usedLines, share };
  });
  const leader = members.find((m) => m.id === group.leaderId);
  const taker = leader?.isActive === true ? leader : members.find((m) => m.isActive);
  return ok({ split: split.data, rows, remainder: split.data.remainder, remainderResident: taker?.resident ?? null });
}

/** A part of the group's line as a plain goods line of a member's declaration. */
const goodsLineOf = (part: GoodsLinePart | RemainderPart): GoodsLine => ({
  hsCode: part.hsCode,
  name: part.name,
  originCountry: part.originCountry,
  quantity: part.quantity,
  unit: part.unit,
  grossKg: part.grossKg,
  netKg: part.netKg,
  unitPriceFen: part.unitPriceFen,
  valueFen: part.valueFen,
});

export interface DraftBase {
  groupDeclarationId: string;
  portId: string;
  pointId: string;
  tradeDate: string;
  declaredAt: string;
  vehiclePlate: string | null;
  officerId: string;
  deviceId: string;
}

/**
 * The declarations a plan saves: one per member with a share, then the remainder in the
 * name of `remainderResident`. Each is prepared with the member's usage today plus what
 * this group declaration already gave them, so the leader's remainder is assessed after
 * the leader's own share; and with their other lines that day plus those given here, so
 * the remainder is refused as the declaration form refuses it when it would take its
 * resident over a goods item's weight cap (限量) — the split keeps every share within.
 */
export function groupDrafts(plan: GroupPlan, base: DraftBase, goodsList: GoodsList, policy: DutyFreePolicy): Result<DeclarationDraft[]> {
  const drafts: DeclarationDraft[] = [];
  const given = new Map<string, number>();
  const givenLines = new Map<string, GoodsLine[]>();
  const prepare = (resident: Resident, row: MemberRow | undefined, parts: readonly (GoodsLinePart | RemainderPart)[]): Result<DeclarationDraft> => {
    const lines = parts.map(goodsLineOf);
    const earlier = givenLines.get(resident.id) ?? [];
    const prepared = prepareDeclaration(
      {
        id: crypto.randomUUID(),
        portId: base.portId,
        pointId: base.pointId,
        residentId: resident.id,
        certificateNo: resident.certificateNo,
        residentName: resident.name,
        tradeDate: base.tradeDate,
        declaredAt: base.declaredAt,
        vehiclePlate: base.vehiclePlate,
        carPool: false,
        lines,
        officerId: base.officerId,
        deviceId: base.deviceId,
        groupDeclarationId: base.groupDeclarationId,
      },
      {
        resident,
        goodsList,
        policy,
        usedTodayFen: (row?.usedTodayFen ?? 0) + (given.get(resident.id) ?? 0),
        usedTodayLines: [...(row?.usedTodayLines ?? []), ...earlier],
      },
    );
    if (prepared.ok) {
      given.set(resident.id, (given.get(resident.id) ?? 0) + prepared.data.exemptFen);
      givenLines.set(resident.id, [...earlier, ...lines]);
    }
    return prepared;
  };
  for (const row of plan.rows) {
    if (row.share.lines.length === 0) continue;
    if (row.resident === null) return fail('resident_not_found', `找不到成员 ${row.residentId} / Member not found`, 'members');
    const prepared = prepare(row.resident, row, row.share.lines);
    if (!prepared.ok) return prepared;
    drafts.push(prepared.data);
  }
  if (plan.remainder.length > 0) {
    const taker = plan.remainderResident;
    if (taker === null) {
      return fail('resident_inactive', '本组无当日有效的成员，应税余量无人可记 / No member holds a valid certificate today: nobody can take the taxable remainder', 'members');
    }
    const prepared = prepare(taker, plan.rows.find((row) => row.residentId === taker.id), plan.remainder);
    if (!prepared.ok) return prepared;
    drafts.push(prepared.data);
  }
  return ok(drafts);
}
