import type { MutualAidGroup } from '../../shared/index';
import { storeGroup } from '../admin/group-write';
import type { Queryable } from '../db/db';
import { lockPortCounter } from '../sync/seq';
import { certificateNo, demoResidentId, demoUuid } from './demo-data';

/**
 * Dongxing's two demo mutual-aid groups (互助组), made of demo residents. The members'
 * order is the order a group declaration fills their duty-free amounts. The second group
 * holds DX900001, whose certificate expired in 2023: at the desk that member takes nothing.
 */
const group = (name: string, members: readonly string[]): MutualAidGroup => ({
  id: demoUuid(`group:DONGXING:${name}`),
  portId: 'DONGXING',
  name,
  leaderId: demoResidentId(members[0] ?? ''),
  memberIds: members.map(demoResidentId),
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => certificateNo('DX', from + i));

export const DEMO_GROUPS: readonly MutualAidGroup[] = [
  group('竹山村第一互助组', range(101, 105)),
  group('万尾村互助组', [...range(111, 115), 'DX900001']),
];

/** Stores the demo groups, each at the port's next seq (version 1). */
export async function seedDemoGroups(tx: Queryable): Promise<void> {
  for (const demo of DEMO_GROUPS) {
    await lockPortCounter(tx, demo.portId);
    const stored = await storeGroup(tx, demo, 1);
    if (!stored.ok) throw new Error(`demo group ${demo.name}: ${stored.error.message}`);
  }
}
