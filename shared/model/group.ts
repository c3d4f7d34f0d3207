import { z } from 'zod';
import { idSchema, isoDateSchema, portIdSchema } from './common';
import { goodsLineSchema } from './declaration';

/** Most members one mutual-aid group may have; the split is quadratic in nothing, this only bounds hostile input. */
export const MAX_GROUP_MEMBERS = 500;

/**
 * A mutual-aid group (边民互助组 / 合作社) that declares on behalf of its members. The
 * leader (组长) is always one of the members. The order of `memberIds` is the order in
 * which a group declaration's goods are placed on members' duty-free amounts.
 */
export const mutualAidGroupSchema = z
  .object({
    id: idSchema,
    portId: portIdSchema,
    name: z.string().trim().min(1).max(64),
    leaderId: idSchema,
    memberIds: z.array(idSchema).min(1).max(MAX_GROUP_MEMBERS),
  })
  .superRefine((group, ctx) => {
    if (!group.memberIds.includes(group.leaderId)) {
      ctx.addIssue({ code: 'custom', path: ['leaderId'], message: 'the leader must be a member of the group / 组长须为本组成员' });
    }
    const seen = new Set<string>();
    group.memberIds.forEach((memberId, index) => {
      if (seen.has(memberId)) {
        ctx.addIssue({ code: 'custom', path: ['memberIds', index], message: 'a resident is listed twice / 成员重复' });
      }
      seen.add(memberId);
    });
  });
export type MutualAidGroup = z.infer<typeof mutualAidGroupSchema>;

/** What the leader declares for the whole group before it is split across members. */
export const groupDeclarationSchema = z.object({
  id: idSchema,
  portId: portIdSchema,
  groupId: idSchema,
  pointId: z.string().regex(/^[A-Z0-9-]{2,32}$/),
  tradeDate: isoDateSchema,
  vehiclePlate: z.string().max(16).nullable(),
  lines: z.array(goodsLineSchema).min(1, 'at least one goods line').max(50),
});
export type GroupDeclaration = z.infer<typeof groupDeclarationSchema>;
