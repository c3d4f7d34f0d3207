import { createHash } from 'node:crypto';
import {
  addDays,
  assessDeclaration,
  type AuditLink,
  cstDateOf,
  type DeclarationDraft,
  type DutyFreePolicy,
  type GoodsList,
  lineValueFen,
  nextAuditLink,
  type Resident,
} from '../shared/index';
import type { DeskPlan } from './hq-setup';

/**
 * One simulated desk's day of work for bench:hq, made as the desk makes it: each
 * declaration assessed with the shared quota rule against what THIS desk knows (its own
 * earlier declarations of that resident and day; other desks' are unknown to it
 * offline, and HQ flags the difference), wrapped in a declaration.create mutation that
 * is the next link of the desk's audit chain (shared/audit/chain.ts).
 */

/** A small seeded generator (mulberry32): runs are repeatable with the same --seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** node:crypto's SHA-256: the same hash as shared's pure one (server/audit/sha256-agreement.test.ts), much faster. */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface DeclarationCreate {
  id: string;
  type: 'declaration.create';
  deskTime: string;
  record: DeclarationDraft;
  audit: AuditLink;
}

export function makeDeskMutations(input: {
  desk: DeskPlan;
  /** The desk's officer as HQ knows them: declarations are filed in their name. */
  officerId: string;
  count: number;
  residents: readonly Resident[];
  goodsList: GoodsList;
  policy: DutyFreePolicy;
  now: Date;
  random: () => number;
  tradeDays: number;
}): DeclarationCreate[] {
  const { desk, count, residents, goodsList, policy, random } = input;
  const allowed = goodsList.items.filter((item) => item.list === 'allowed');
  if (residents.length === 0 || allowed.length === 0) throw new Error(`${desk.portId}: no residents or allowed goods`);
  const today = cstDateOf(input.now);
  const used = new Map<string, number>();
  const mutations: DeclarationCreate[] = [];
  let head: AuditLink | null = null;
  // Saved one after another through the day: desk times a second apart, ending now.
  const firstAt = input.now.getTime() - count * 1000;
  for (let i = 0; i < count; i++) {
    const resident = residents[Math.floor(random() * residents.length)] as Resident;
    const tradeDate = addDays(today, -Math.floor(random() * input.tradeDays));
    const lineCount = 1 + Math.floor(random() * 3);
    const lines = Array.from({ length: lineCount }, () => {
      const item = allowed[Math.floor(random() * allowed.length)] ?? allowed[0];
      const quantity = 1 + Math.floor(random() * 30);
      const unitPriceFen = 500 + Math.floor(random() * 12_000);
      return {
        hsCode: item?.hsCode.padEnd(8, '0') ?? '08010000',
        name: item?.name ?? '坚果',
        originCountry: 'VN',
        quantity,
        unit: item?.unit ?? 'kg',
        grossKg: Math.round(quantity * 105) / 100,
        netKg: quantity,
        unitPriceFen,
        valueFen: lineValueFen(quantity, unitPriceFen),
      };
    });
    const key = `${resident.id}|${tradeDate}`;
    const usedToday = used.get(key) ?? 0;
    const assessment = assessDeclaration({ lines, goodsList, policy, usedTodayFen: usedToday });
    used.set(key, usedToday + assessment.exemptFen);
    const deskTime = new Date(firstAt + i * 1000).toISOString();
    const hasVehicle = random() < 0.2;
    const record: DeclarationDraft = {
      id: crypto.randomUUID(),
      portId: desk.portId,
      pointId: desk.pointId,
      residentId: resident.id,
      certificateNo: resident.certificateNo,
      residentName: resident.name,
      tradeDate,
      declaredAt: deskTime,
      vehiclePlate: hasVehicle ? `桂P${String(10_000 + Math.floor(random() * 90_000))}` : null,
      carPool: hasVehicle && random() < 0.5,
      lines,
      totalFen: assessment.totalFen,
      exemptFen: assessment.exemptFen,
      taxableFen: assessment.taxableFen,
      policyVersion: policy.version,
      goodsListVersion: goodsList.version,
      officerId: input.officerId,
      deviceId: desk.deviceId,
    };
    const change = { id: crypto.randomUUID(), type: 'declaration.create' as const, deskTime, record };
    head = nextAuditLink(head, change, sha256);
    mutations.push({ ...change, audit: head });
  }
  return mutations;
}
