import type { Fen } from '../money';
import type { GoodsLine } from '../model/declaration';
import type { DutyFreePolicy, GoodsList } from '../model/goods-list';
import { fail, ok, type Result } from '../result';
import { checkGoodsLines, describeLineProblem, findGoodsItem } from './goods-check';
import { quotaLeft } from './quota';
import { countedGrams, type WeighedLine } from './weight-cap';

/**
 * Splitting a mutual-aid group's declaration (互助组申报) across its members so that no
 * member goes above the duty-free amount they have left that day.
 *
 * Members are filled in the group's order, lines in the declaration's order (first fit):
 * the same input always gives the same split. A line that does not fit is cut by
 * quantity; each part keeps the unit price, and the parts' values (integer fen) and
 * weights (whole grams) add up exactly to the line's, because each part takes the
 * difference of two floored cumulative shares. What no member can take duty-free is
 * reported as a taxable remainder, never dropped. Goods with a weight cap (限量) are placed
 * on a member only up to what the cap leaves them that day (their other lines counted as
 * shared/rules/weight-cap.ts counts them); what no member's cap leaves room for is
 * reported apart (`weight_cap`): it cannot be declared that day.
 */

/** Units that may be cut to the gram; anything else is cut only in whole units. */
const WEIGHT_UNITS: readonly string[] = ['kg', 'KG', 'Kg', '千克', '公斤'];
const STEPS_PER_KG = 1000;

export interface GroupMemberUsage {
  residentId: string;
  /** Duty-free amount this member already used on the trade date (their own declarations). */
  usedTodayFen: Fen;
  /** False for a member whose certificate is not valid that day: such a member takes nothing. */
  isActive: boolean;
  /** The member's lines of their other declarations that day, for weight caps. Absent: none. */
  usedLines?: readonly WeighedLine[];
}

/** A part of one of the group declaration's lines; `sourceLine` is that line's index. */
export type GoodsLinePart = GoodsLine & { sourceLine: number };

export interface MemberShare {
  residentId: string;
  isActive: boolean;
  leftBeforeFen: Fen;
  lines: GoodsLinePart[];
  valueFen: Fen;
  leftAfterFen: Fen;
}

export type RemainderReason =
  | 'non_exempt' // goods that never count against the duty-free amount
  | 'no_duty_free_room' // no member had enough left for it
  | 'weight_cap'; // over what every member's weight cap (限量) leaves: not declarable that day

export type RemainderPart = GoodsLinePart & { reason: RemainderReason };

export interface GroupSplit {
  shares: MemberShare[];
  /** What is declared but not duty-free for anyone: taxable. */
  remainder: RemainderPart[];
  exemptFen: Fen;
  taxableFen: Fen;
}

interface LineCutter {
  /** Whole steps in the line: grams for weight units, else whole units (1 when the line cannot be cut). */
  steps: bigint;
  part(from: bigint, to: bigint): GoodsLine;
  /** The most steps from `from` whose value fits in `leftFen`. */
  reach(from: bigint, leftFen: Fen): bigint;
  /** The most steps from `from` whose weight, as a cap counts it (countedGrams), fits in `leftGrams`. */
  reachGrams(from: bigint, leftGrams: number): bigint;
}

const floorShare = (total: bigint, at: bigint, steps: bigint) => (total * at) / steps;

function lineCutter(line: GoodsLine): LineCutter {
  const stepSize = WEIGHT_UNITS.includes(line.unit) ? 1 / STEPS_PER_KG : 1;
  const exactSteps = Math.round(line.quantity / stepSize);
  // A quantity that is not a whole number of steps (2.5 pieces) is kept in one piece.
  const isCuttable = exactSteps >= 1 && Math.abs(exactSteps * stepSize - line.quantity) < 1e-9;
  const steps = BigInt(isCuttable ? exactSteps : 1);
  const value = BigInt(line.valueFen);
  const grossGrams = BigInt(Math.round(line.grossKg * 1000));
  const netGrams = BigInt(Math.round(line.netKg * 1000));
  const slice = (total: bigint, from: bigint, to: bigint) => floorShare(total, to, steps) - floorShare(total, from, steps);
  const part = (from: bigint, to: bigint): GoodsLine => {
    if (from === 0n && to === steps) return { ...line };
    const count = Number(to - from);
    return {
      ...line,
      quantity: isCuttable && stepSize !== 1 ? count / STEPS_PER_KG : count,
      grossKg: Number(slice(grossGrams, from, to)) / 1000,
      netKg: Number(slice(netGrams, from, to)) / 1000,
      valueFen: Number(slice(value, from, to)),
    };
  };
  return {
    steps,
    part,
    reachGrams(from, leftGrams) {
      if (leftGrams < 0) return from;
      const fits = (to: bigint) => countedGrams(part(from, to)) <= leftGrams;
      if (fits(steps)) return steps;
      // Both parts of the counted weight grow with `to`: the largest that fits, by halving.
      let low = from;
      let high = steps;
      while (high - low > 1n) {
        const mid = (low + high) / 2n;
        if (fits(mid)) low = mid;
        else high = mid;
      }
      return low;
    },
    reach(from, leftFen) {
      if (value === 0n) return steps;
      // Largest `to` with floor(value·to/steps) ≤ T, T = left + floor(value·from/steps).
      const target = BigInt(leftFen) + floorShare(value, from, steps);
      const to = ((target + 1n) * steps - 1n) / value;
      return to < steps ? to : steps;
    },
  };
}

export function splitGroupDeclaration(input: {
  lines: readonly GoodsLine[];
  members: readonly GroupMemberUsage[];
  goodsList: GoodsList;
  policy: DutyFreePolicy;
}): Result<GroupSplit> {
  const { lines, members, goodsList, policy } = input;
  const [problem] = checkGoodsLines(goodsList, lines);
  if (problem !== undefined) {
    const text = describeLineProblem(problem);
    return fail(problem.code, `${text.zh} / ${text.en}`, `lines.${problem.line}.hsCode`);
  }
  const seen = new Set<string>();
  for (const [index, member] of members.entries()) {
    if (seen.has(member.residentId)) {
      return fail('validation', `成员 ${member.residentId} 重复 / Member ${member.residentId} is listed twice`, `members.${index}.residentId`);
    }
    seen.add(member.residentId);
  }

  // Grams each member's caps leave, by the capped entry's HS code, read when a capped line first needs them.
  const capsLeft = members.map(() => new Map<string, number>());
  const capLeft = (index: number, capHsCode: string, capGrams: number): number => {
    const left = capsLeft[index];
    if (left === undefined) return 0;
    let grams = left.get(capHsCode);
    if (grams === undefined) {
      const used = (members[index]?.usedLines ?? []).reduce((sum, l) => (findGoodsItem(goodsList, l.hsCode)?.hsCode === capHsCode ? sum + countedGrams(l) : sum), 0);
      // Below zero for a member already over the cap by their own lines: then they take
      // none of these goods, not even a part that weighs nothing (the cap check refuses any).
      grams = capGrams - used;
      left.set(capHsCode, grams);
    }
    return grams;
  };

  const shares: MemberShare[] = members.map((member) => {
    const left = member.isActive ? quotaLeft(policy, member.usedTodayFen) : 0;
    return { residentId: member.residentId, isActive: member.isActive, leftBeforeFen: left, lines: [], valueFen: 0, leftAfterFen: left };
  });
  const remainder: RemainderPart[] = [];

  lines.forEach((line, sourceLine) => {
    const cutter = lineCutter(line);
    const item = findGoodsItem(goodsList, line.hsCode);
    if (item?.list !== 'allowed') {
      remainder.push({ ...cutter.part(0n, cutter.steps), sourceLine, reason: 'non_exempt' });
      return;
    }
    const cap = item.weightCapKg == null ? null : { hsCode: item.hsCode, grams: Math.round(item.weightCapKg * 1000) };
    let placed = 0n;
    shares.forEach((share, index) => {
      if (placed === cutter.steps) return;
      // A member with nothing left takes nothing, not even a part whose value rounds to 0 fen.
      if (!share.isActive || (share.leftAfterFen === 0 && line.valueFen > 0)) return;
      let to = cutter.reach(placed, share.leftAfterFen);
      if (cap !== null) {
        // bigint steps: no Math.min.
        const byWeight = cutter.reachGrams(placed, capLeft(index, cap.hsCode, cap.grams));
        if (byWeight < to) to = byWeight;
      }
      if (to <= placed) return;
      const part = cutter.part(placed, to);
      share.lines.push({ ...part, sourceLine });
      share.valueFen += part.valueFen;
      share.leftAfterFen -= part.valueFen;
      if (cap !== null) capsLeft[index]?.set(cap.hsCode, capLeft(index, cap.hsCode, cap.grams) - countedGrams(part));
      placed = to;
    });
    if (placed < cutter.steps) {
      // Left over although a member could still take some by value: their caps stopped it.
      const isCapBound = cap !== null && shares.some((share) => share.isActive && share.leftAfterFen > 0 && cutter.reach(placed, share.leftAfterFen) > placed);
      remainder.push({ ...cutter.part(placed, cutter.steps), sourceLine, reason: isCapBound ? 'weight_cap' : 'no_duty_free_room' });
    }
  });

  const exemptFen = shares.reduce((sum, share) => sum + share.valueFen, 0);
  const taxableFen = remainder.reduce((sum, part) => sum + part.valueFen, 0);
  return ok({ shares, remainder, exemptFen, taxableFen });
}
