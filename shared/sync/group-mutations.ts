import { z } from 'zod';
import { deviceIdSchema, idSchema, isoDateTimeSchema } from '../model/common';
import { groupDeclarationSchema, mutualAidGroupSchema } from '../model/group';

/**
 * Mutual-aid groups' mutations and pull entities (互助组, issue 4), spread into
 * protocol.ts's unions. Additive to protocol v2.
 *
 * - entity `group`: a group as HQ's administrators filed it (reference data, no mutation).
 * - `group_declaration.create`: what the group declared as a whole (the lines before the
 *   split), with who declared it. The members' shares travel as ordinary
 *   `declaration.create` mutations carrying `groupDeclarationId`, each re-checked by HQ
 *   against the member's port-wide usage like any declaration; this record only ties
 *   them together, so HQ and every desk of the port can show the group declaration.
 */
export const GROUP_MUTATION_TYPES = ['group_declaration.create'] as const;

/** A group declaration as the desk saves it and HQ keeps it. */
export const groupDeclarationRecordSchema = groupDeclarationSchema.extend({
  /** Who takes the taxable remainder, if any (the leader, or the first active member when the leader's certificate is not valid that day). */
  remainderResidentId: idSchema.nullable(),
  declaredAt: isoDateTimeSchema,
  officerId: idSchema,
  deviceId: deviceIdSchema,
});
export type GroupDeclarationRecord = z.infer<typeof groupDeclarationRecordSchema>;

export function groupMutationSchemas<B extends z.ZodRawShape>(base: B) {
  return [z.object({ ...base, type: z.literal('group_declaration.create'), record: groupDeclarationRecordSchema })] as const;
}

export const GROUP_ENTITIES = ['group', 'group_declaration'] as const;

export function groupChangeSchemas() {
  return [
    z.object({ seq: z.int(), entity: z.literal('group'), data: mutualAidGroupSchema }),
    z.object({ seq: z.int(), entity: z.literal('group_declaration'), data: groupDeclarationRecordSchema }),
  ] as const;
}
