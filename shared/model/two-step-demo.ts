import type { TwoStepEntry } from './two-step';

/**
 * A complete two-step entry (no flags) for demos and tests, on desk and HQ alike: the
 * credit code and container number carry valid check characters. Callers give it its
 * own id, officer and desk.
 */
export function demoTwoStepEntry(input: { id: string; officerId: string; deviceId: string; createdAt: string; portId?: string }): TwoStepEntry {
  return {
    id: input.id,
    portId: input.portId ?? 'DONGXING',
    entryNo: null,
    consignee: { name: '东兴市边贸进出口有限公司', creditCode: '91350100M000100Y43' },
    transport: { mode: 'road', name: '桂P12345', voyageNo: null, declaredOn: null },
    billOfLadingNo: 'DX2026112000017',
    tradeMode: '0110',
    flags: { licence: false, inspection: false, taxable: false },
    lines: [
      { hsCode: '080111', name: '干椰子 desiccated coconut', quantity: 2000, unit: 'kg', valueFen: 3_000_000, originCountry: 'VN', grossKg: 2100, inspection: null },
    ],
    containers: [{ number: 'CSQU3054383', lineNos: [1] }],
    licence: null,
    guaranteeNo: null,
    officerId: input.officerId,
    deviceId: input.deviceId,
    createdAt: input.createdAt,
  };
}
