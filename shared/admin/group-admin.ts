import { z } from 'zod';
import { MAX_GROUP_MEMBERS, mutualAidGroupSchema } from '../model/group';
import { CERTIFICATE_NO, RESIDENT_STATUSES } from '../model/resident';
import { ROUTES } from '../sync/protocol';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from '../storable-text';

/**
 * The administrator's requests about mutual-aid groups (边民互助组, issue 4). A group is
 * reference data like the residents it is made of: filed with customs at HQ, pulled by
 * every desk of the port. In the API and the console its members are named by their
 * certificate numbers (边民证号), which officers read off the card; HQ turns them into
 * resident ids and refuses any that is not a resident of that port. A group has a
 * version that goes up by one on every change, checked against the one the console
 * started from (`baseVersion`), as sites do.
 */
export const GROUP_ADMIN_PATHS = {
  groups: (port: string) => `${ROUTES.admin}ports/${encodeURIComponent(port)}/groups`,
  group: (port: string, groupId: string) => `${ROUTES.admin}ports/${encodeURIComponent(port)}/groups/${encodeURIComponent(groupId)}`,
} as const;

/** A certificate number as typed: trimmed and upper-cased, then held to the certificate's pattern. */
const certificateNoSchema = z
  .string()
  .trim()
  .transform((text) => text.toUpperCase())
  .pipe(z.string().regex(CERTIFICATE_NO, '边民证号：4–32 位 A–Z、0–9、- / certificate number: 4–32 of A–Z, 0–9, -'));

const memberListSchema = z
  .array(certificateNoSchema)
  .min(1, '至少一名成员 / At least one member')
  .max(MAX_GROUP_MEMBERS, `最多 ${MAX_GROUP_MEMBERS} 名成员 / At most ${MAX_GROUP_MEMBERS} members`);

/** A member listed twice, and a leader who is not among the members, named by their field. */
function checkMembers(
  value: { leaderCertificateNo?: string | undefined; memberCertificateNos?: string[] | undefined },
  context: z.RefinementCtx,
): void {
  const members = value.memberCertificateNos;
  if (members !== undefined) {
    const seen = new Set<string>();
    members.forEach((no, index) => {
      if (seen.has(no)) context.addIssue({ code: 'custom', path: ['memberCertificateNos', index], message: `${no} 重复 / ${no} is listed twice` });
      seen.add(no);
    });
    if (value.leaderCertificateNo !== undefined && !members.includes(value.leaderCertificateNo)) {
      context.addIssue({ code: 'custom', path: ['leaderCertificateNo'], message: '组长须为本组成员 / The leader must be one of the members' });
    }
  }
  const path = findUnstorableText(value);
  if (path !== null) context.addIssue({ code: 'custom', path, message: UNSTORABLE_TEXT_MESSAGE });
}

/** POST ports/:port/groups — a new group: its name, its leader and its members in the order the split fills them. */
export const newGroupRequestSchema = z
  .object({
    name: z.string().trim().min(1, '组名不能为空 / The name is required').max(64),
    leaderCertificateNo: certificateNoSchema,
    memberCertificateNos: memberListSchema,
  })
  .superRefine(checkMembers);
export type NewGroupRequest = z.input<typeof newGroupRequestSchema>;

/**
 * PATCH ports/:port/groups/:group — some of name, leader, members, against `baseVersion`.
 * A new leader alone must already be a member (checked by HQ against the group it holds).
 */
export const updateGroupRequestSchema = z
  .object({
    baseVersion: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
    name: z.string().trim().min(1, '组名不能为空 / The name is required').max(64).optional(),
    leaderCertificateNo: certificateNoSchema.optional(),
    memberCertificateNos: memberListSchema.optional(),
  })
  .strict()
  .superRefine(checkMembers)
  .refine(
    (value) => value.name !== undefined || value.leaderCertificateNo !== undefined || value.memberCertificateNos !== undefined,
    '至少修改一项 / At least one field to change',
  );
export type UpdateGroupRequest = z.input<typeof updateGroupRequestSchema>;

/** A member as the console shows one: the resident HQ holds under that id. */
export const groupMemberViewSchema = z.object({
  residentId: z.string(),
  certificateNo: z.string(),
  name: z.string(),
  status: z.enum(RESIDENT_STATUSES),
  validTo: z.string(),
});
export type GroupMemberView = z.infer<typeof groupMemberViewSchema>;

/** One group in the administrator's list and in the answer to a write. */
export const groupViewSchema = z.object({
  group: mutualAidGroupSchema,
  version: z.int().min(1),
  seq: z.int(),
  members: z.array(groupMemberViewSchema),
});
/** `members` in the group's order; the leader is the one whose residentId is group.leaderId. */
export type GroupView = z.infer<typeof groupViewSchema>;

export const groupListAnswerSchema = z.object({ portId: z.string(), groups: z.array(groupViewSchema) });
export type GroupListAnswer = z.infer<typeof groupListAnswerSchema>;

/** The answer to a create or an edit: the group as HQ now holds it, and the seq desks will pull it at. */
export const groupWrittenSchema = z.object({ seq: z.int(), record: groupViewSchema });
export type GroupWritten = z.infer<typeof groupWrittenSchema>;
