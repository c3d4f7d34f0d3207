import {
  addDays,
  assessDeclaration,
  cstDateOf,
  type DeclarationDraft,
  type DutyFreePolicy,
  type GoodsList,
  lineValueFen,
  type Resident,
} from '../../shared/index';

/**
 * `count` realistic declarations spread over the last 7 CST days and across the port's
 * residents and points, assessed with the desk's own quota rule (a running per-resident
 * usage, as the desk keeps it). About 600 bytes each as JSON, three goods lines.
 */
export function makeDrafts(input: {
  count: number;
  residents: readonly Resident[];
  goodsList: GoodsList;
  policy: DutyFreePolicy;
  officerId: string;
  deviceId: string;
  now: Date;
}): DeclarationDraft[] {
  const { count, residents, goodsList, policy } = input;
  const allowed = goodsList.items.filter((item) => item.list === 'allowed');
  if (residents.length === 0 || allowed.length === 0) throw new Error('bench desk has no residents or goods: pull first');
  const today = cstDateOf(input.now);
  const used = new Map<string, number>();
  const drafts: DeclarationDraft[] = [];
  for (let i = 0; i < count; i++) {
    const resident = residents[i % residents.length] as Resident;
    const tradeDate = addDays(today, -(i % 7));
    const lines = [0, 1, 2].map((k) => {
      const item = allowed[(i * 3 + k) % allowed.length] ?? allowed[0];
      const quantity = 1 + ((i + k) % 20);
      const unitPriceFen = 500 + ((i * 7 + k * 13) % 9500);
      return {
        hsCode: item?.hsCode.padEnd(8, '0') ?? '08010000',
        name: item?.name ?? '坚果',
        originCountry: 'VN',
        quantity,
        unit: item?.unit ?? 'kg',
        grossKg: quantity * 1.05,
        netKg: quantity,
        unitPriceFen,
        valueFen: lineValueFen(quantity, unitPriceFen),
      };
    });
    const key = `${resident.id}|${tradeDate}`;
    const usedToday = used.get(key) ?? 0;
    const assessment = assessDeclaration({ lines, goodsList, policy, usedTodayFen: usedToday });
    used.set(key, usedToday + assessment.exemptFen);
    drafts.push({
      id: crypto.randomUUID(),
      portId: resident.portId,
      pointId: i % 2 === 0 ? 'DX-01' : 'DX-02',
      residentId: resident.id,
      certificateNo: resident.certificateNo,
      residentName: resident.name,
      tradeDate,
      declaredAt: input.now.toISOString(),
      vehiclePlate: i % 5 === 0 ? `桂P${String(10000 + (i % 90000))}` : null,
      carPool: i % 5 === 0,
      lines,
      totalFen: assessment.totalFen,
      exemptFen: assessment.exemptFen,
      taxableFen: assessment.taxableFen,
      policyVersion: policy.version,
      goodsListVersion: goodsList.version,
      officerId: input.officerId,
      deviceId: input.deviceId,
    });
  }
  return drafts;
}
