import type { Fen } from '../money';
import type { GoodsLine } from '../model/declaration';
import type { DutyFreePolicy, GoodsList } from '../model/goods-list';
import { fail, ok, type Result } from '../result';
import { checkGoodsLines, describeLineProblem, findGoodsItem } from './goods-check';
import { quotaLeft } from './quota';

/**
 * Splitting a mutual-aid group's declaration (互助组申报) across its members so that no
 * member goes above the duty-free amount they have left that day.
 *
 * Members are filled in the group's order, lines in the declaration's order (first fit):
 * the same input always gives the same split. A line that does not fit is cut by
 * quantity; each part keeps the unit price, and the parts' values (integer fen) and
 * weights (whole grams) add up exactly to the line's, because each part takes the
 * difference of two floored cumulative shares. What no member can take duty-free is
 * reported as a taxable remainder, never dropped.
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
  | 'no_duty_free_room'; // no member had enough left for it

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
  return {
    steps,
    part(from, to) {
      if (from === 0n && to === steps) return { ...line };
      const count = Number(to - from);
      return {
        ...line,
        quantity: isCuttable && stepSize !== 1 ? count / STEPS_PER_KG : count,
        grossKg: Number(slice(grossGrams, from, to)) / 1000,
        netKg: Number(slice(netGrams, from, to)) / 1000,
        valueFen: Number(slice(value, from, to)),
      };
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

  const shares: MemberShare[] = members.map((member) => {
    const left = member.isActive ? quotaLeft(policy, member.usedTodayFen) : 0;
    return { residentId: member.residentId, isActive: member.isActive, leftBeforeFen: left, lines: [], valueFen: 0, leftAfterFen: left };
  });
  const remainder: RemainderPart[] = [];

  lines.forEach((line, sourceLine) => {
    const cutter = lineCutter(line);
    if (findGoodsItem(goodsList, line.hsCode)?.list !== 'allowed') {
      remainder.push({ ...cutter.part(0n, cutter.steps), sourceLine, reason: 'non_exempt' });
      return;
    }
    let placed = 0n;
    for (const share of shares) {
      if (placed === cutter.steps) break;
      // A member with nothing left takes nothing, not even a part whose value rounds to 0 fen.
      if (!share.isActive || (share.leftAfterFen === 0 && line.valueFen > 0)) continue;
      const to = cutter.reach(placed, share.leftAfterFen);
      if (to <= placed) continue;
      const part = cutter.part(placed, to);
      share.lines.push({ ...part, sourceLine });
      share.valueFen += part.valueFen;
      share.leftAfterFen -= part.valueFen;
      placed = to;
    }
    if (placed < cutter.steps) {
      remainder.push({ ...cutter.part(placed, cutter.steps), sourceLine, reason: 'no_duty_free_room' });
    }
  });

  const exemptFen = shares.reduce((sum, share) => sum + share.valueFen, 0);
  const taxableFen = remainder.reduce((sum, part) => sum + part.valueFen, 0);
  return ok({ shares, remainder, exemptFen, taxableFen });
}
