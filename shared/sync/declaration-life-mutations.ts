import { z } from 'zod';
import { portIdSchema } from '../model/common';
import { declarationLifeEventSchema, gatePolicySchema } from '../rules/declaration-life';

/**
 * A declaration's life after it is declared (issue 4), spread into protocol.ts's unions
 * like inspection-mutations.ts. Additive to protocol v2.
 *
 * - `declaration.event`: review (risk hit, chosen for inspection), order an inspection,
 *   record the inspection, release at the gate with the weight passed. The desk applies
 *   it at once (applyEventToDeclaration); HQ applies it again to the record as HQ holds
 *   it, with its own gate policy in force on the trade date, and refuses what the shared
 *   rule refuses (code and reason): the desk then puts the record's life back. A desk's
 *   events on one declaration reach HQ in outbox order; the record HQ keeps is what every
 *   desk pulls. Officers and supervisors of the port only.
 * - `gate_policy` (pull): the gate weighing tolerance (卡口过磅误差) versions.
 */
export const DECLARATION_LIFE_MUTATION_TYPES = ['declaration.event'] as const;

export function declarationLifeMutationSchemas<B extends z.ZodRawShape>(base: B) {
  return [
    z.object({
      ...base,
      type: z.literal('declaration.event'),
      portId: portIdSchema,
      recordId: z.uuid(),
      event: declarationLifeEventSchema,
    }),
  ] as const;
}

export const DECLARATION_LIFE_ENTITIES = ['gate_policy'] as const;

export function declarationLifeChangeSchemas() {
  return [z.object({ seq: z.int(), entity: z.literal('gate_policy'), data: gatePolicySchema })] as const;
}
