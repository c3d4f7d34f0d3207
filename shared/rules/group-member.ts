import type { DeclarationDraft, Flag } from '../model/declaration';
import type { MutualAidGroup } from '../model/group';
import { fail, ok, type Result } from '../result';

/**
 * A member's share of a group declaration (互助组申报: a declaration.create carrying
 * `groupDeclarationId`) must be filed for a member of that group. HQ re-checks it against
 * the group as it holds it now:
 *
 * - no such group declaration in the port (nor in the same push), or its group not one
 *   HQ holds in the port: never valid, refused;
 * - a share for another trade date or market point than its group declaration's: the
 *   day's duty-free amount and the point's goods are the group declaration's, so never
 *   valid either, refused;
 * - the resident not a member, and the group never changed since it was filed
 *   (version 1): no desk can have held it with that member, refused;
 * - the resident not a member of a group changed since (an administrator removed them
 *   while the desk was offline): kept and flagged, with the reason.
 *
 * A desk only offers the group's members and files every share on the group
 * declaration's day and point, so its own saves never meet the first three.
 */
export interface GroupMemberContext {
  /** The group declaration the share names, as HQ holds it or the same push carries it; null when neither. */
  groupDeclaration: { portId: string; groupId: string; tradeDate: string; pointId: string } | null;
  /** That declaration's group as HQ holds it now, with its version; null when HQ holds none in the port. */
  group: { group: MutualAidGroup; version: number } | null;
}

type MemberShare = Pick<DeclarationDraft, 'portId' | 'pointId' | 'tradeDate' | 'residentId' | 'certificateNo' | 'groupDeclarationId'>;

/** Null: not a share, or a member's. A flag: kept, flagged. An error: refused. */
export function checkGroupMember(draft: MemberShare, context: GroupMemberContext, at: string): Result<Flag | null> {
  const groupDeclarationId = draft.groupDeclarationId;
  if (groupDeclarationId === undefined) return ok(null);
  const { groupDeclaration, group } = context;
  if (groupDeclaration === null || groupDeclaration.portId !== draft.portId) {
    return fail(
      'not_found',
      `record.groupDeclarationId: 本口岸无互助组申报 ${groupDeclarationId} / No such group declaration in ${draft.portId}`,
      'record.groupDeclarationId',
    );
  }
  if (draft.tradeDate !== groupDeclaration.tradeDate) {
    return fail(
      'validation',
      `record.tradeDate: 须与互助组申报的交易日 ${groupDeclaration.tradeDate} 相同 / Must be the trade date of its group declaration, ${groupDeclaration.tradeDate}`,
      'record.tradeDate',
    );
  }
  if (draft.pointId !== groupDeclaration.pointId) {
    return fail(
      'validation',
      `record.pointId: 须与互助组申报的互市点 ${groupDeclaration.pointId} 相同 / Must be the market point of its group declaration, ${groupDeclaration.pointId}`,
      'record.pointId',
    );
  }
  if (group === null || group.group.portId !== draft.portId || group.group.id.toLowerCase() !== groupDeclaration.groupId.toLowerCase()) {
    return fail(
      'not_found',
      `record.groupDeclarationId: 该互助组申报的互助组不在本口岸 / The group of that group declaration is not held in ${draft.portId}`,
      'record.groupDeclarationId',
    );
  }
  const residentId = draft.residentId.toLowerCase();
  if (group.group.memberIds.some((id) => id.toLowerCase() === residentId)) return ok(null);
  if (group.version <= 1) {
    return fail(
      'validation',
      `record.residentId: 边民 ${draft.certificateNo} 不是互助组「${group.group.name}」的成员 / Resident ${draft.certificateNo} is not a member of group ${group.group.name}`,
      'record.residentId',
    );
  }
  return ok({
    code: 'group_membership_changed',
    message: `边民 ${draft.certificateNo} 现已不是互助组「${group.group.name}」的成员（HQ 第 ${group.version} 版）`,
    messageEn: `Resident ${draft.certificateNo} is no longer a member of group ${group.group.name} (HQ version ${group.version})`,
    at,
  });
}
