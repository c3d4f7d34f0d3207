import type { ProcessingFirm, ProcessingPolicy } from '../../shared/index';
import type { Queryable } from '../db/db';
import { writeReference } from '../admin/processing-write';
import { processingFirmKind, processingPolicyKind } from '../sync/kinds/processing-reference';

/**
 * Landing processing's demo data (落地加工): two processing firms at Dongxing that buy
 * mutual-market goods (made-up names, credit codes with a valid check character), and
 * the first processing policy version: only what is above a resident's exempt portion is
 * taxable.
 */
export const DEMO_FIRMS: readonly ProcessingFirm[] = [
  {
    id: '7d1f0c2a-5b1e-4c36-9a51-0f6a3b2c4d01',
    portId: 'DONGXING',
    name: '东兴市边贸坚果加工有限公司',
    creditCode: '91450681MA5KX12342',
    warehouseAddress: '广西东兴市江平镇边贸加工园 3 号仓',
  },
  {
    id: '7d1f0c2a-5b1e-4c36-9a51-0f6a3b2c4d02',
    portId: 'DONGXING',
    name: '东兴北仑河海产品加工厂',
    creditCode: '91450681MA5L2B0C73',
    warehouseAddress: '广西东兴市东兴镇北仑大道 88 号冷库',
  },
];

export const demoProcessingPolicy = (portId: string): ProcessingPolicy => ({
  id: portId === 'DONGXING' ? '7d1f0c2a-5b1e-4c36-9a51-0f6a3b2c4e01' : '7d1f0c2a-5b1e-4c36-9a51-0f6a3b2c4e02',
  portId,
  version: 1,
  effectiveFrom: '2026-01-01',
  isSaleTaxable: false,
});

/** The port's demo firms and policy, at fresh seqs (the caller holds the port's lock). */
export async function seedProcessing(tx: Queryable, portId: string): Promise<void> {
  const firms = DEMO_FIRMS.filter((firm) => firm.portId === portId);
  if (firms.length > 0) await writeReference(tx, portId, processingFirmKind, firms);
  await writeReference(tx, portId, processingPolicyKind, [demoProcessingPolicy(portId)]);
}
