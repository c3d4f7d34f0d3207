import { addDays, cstDateOf, daysBetween } from '../dates';
import type { TwoStepPolicyValues } from '../model/two-step-policy';

/**
 * Deadlines of two-step declaration, counted in CST calendar days whatever the caller's
 * clock zone: every "today" comes from `cstDateOf(now)`, every date is a CST YYYY-MM-DD.
 *
 * Counting follows the legal rule that the starting day is not counted: transport
 * declared on D, the full declaration is due by D + 14 (the 14th day), and from D + 15
 * (day 15) it is late and the fee accrues. A last day that falls on a listed
 * non-working day moves to the next working day, and the fee starts the day after.
 */

type DeadlinePolicy = Pick<TwoStepPolicyValues, 'fullDeclarationDays' | 'lateFeeStartsAfterDays' | 'sellOffAfterMonths'> & {
  nonWorkingDays?: readonly string[];
};

export interface FullDeclarationDeadline {
  /** 运输工具申报进境 date. */
  transportDeclaredOn: string;
  /** The last day to make the full declaration on time. */
  dueOn: string;
  /** The first day the late-declaration fee (滞报金) accrues. */
  lateFeeFromOn: string;
  /** From this day goods still undeclared may be sold off by customs (提取变卖). */
  sellOffFromOn: string;
}

function nextWorkingDay(date: string, nonWorkingDays: readonly string[]): string {
  const closed = new Set(nonWorkingDays);
  let day = date;
  // Bounded: a list longer than a year of consecutive holidays is a data error, not a reason to hang.
  for (let i = 0; i < 366 && closed.has(day); i++) day = addDays(day, 1);
  return day;
}

/** `date` plus whole calendar months; a day the target month lacks becomes its last day (1-31 + 1 month → 2-28). */
export function addMonthsClamped(date: string, months: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

export function fullDeclarationDeadline(transportDeclaredOn: string, policy: DeadlinePolicy): FullDeclarationDeadline {
  const nonWorkingDays = policy.nonWorkingDays ?? [];
  const lastFeeFreeDay = nextWorkingDay(addDays(transportDeclaredOn, policy.lateFeeStartsAfterDays), nonWorkingDays);
  return {
    transportDeclaredOn,
    dueOn: nextWorkingDay(addDays(transportDeclaredOn, policy.fullDeclarationDays), nonWorkingDays),
    lateFeeFromOn: addDays(lastFeeFreeDay, 1),
    sellOffFromOn: addDays(addMonthsClamped(transportDeclaredOn, policy.sellOffAfterMonths), 1),
  };
}

export interface FullDeclarationInput {
  transportDeclaredOn: string;
  /** CST date customs accepted the full declaration; null while it is not made. */
  fullDeclaredOn: string | null;
}

export type FullDeclarationStanding = 'on_time' | 'due_soon' | 'overdue' | 'declared_on_time' | 'declared_late';

export interface FullDeclarationStatus extends FullDeclarationDeadline {
  /** The CST date of `now`. */
  today: string;
  /** The countdown: 0 on the due day, negative once overdue; null once the full declaration is made. */
  daysLeft: number | null;
  /** Days past the due date, up to the full declaration or today. */
  lateDays: number;
  standing: FullDeclarationStanding;
  /** Nothing declared in full and the sell-off day has come. */
  isSellOffDue: boolean;
}

export function fullDeclarationStatus(
  input: FullDeclarationInput,
  now: Date | number,
  policy: DeadlinePolicy & Pick<TwoStepPolicyValues, 'dueSoonDays'>,
): FullDeclarationStatus {
  const deadline = fullDeclarationDeadline(input.transportDeclaredOn, policy);
  const today = cstDateOf(now);
  const { fullDeclaredOn } = input;
  if (fullDeclaredOn !== null) {
    const lateDays = Math.max(0, daysBetween(deadline.dueOn, fullDeclaredOn));
    const standing = lateDays > 0 ? 'declared_late' : 'declared_on_time';
    return { ...deadline, today, daysLeft: null, lateDays, standing, isSellOffDue: false };
  }
  const daysLeft = daysBetween(today, deadline.dueOn);
  const standing = daysLeft < 0 ? 'overdue' : daysLeft <= policy.dueSoonDays ? 'due_soon' : 'on_time';
  return { ...deadline, today, daysLeft, lateDays: Math.max(0, -daysLeft), standing, isSellOffDue: today >= deadline.sellOffFromOn };
}

export interface LateFeeEstimate {
  /** Days charged: from the first fee day to the declaration day (or today), both counted. */
  feeDays: number;
  /** Fee before the 起征点 test, truncated to whole yuan. */
  computedFen: number;
  /** What customs would charge: 0 when the computed fee is below the minimum. */
  feeFen: number;
  isBelowMinimum: boolean;
}

/**
 * The late-declaration fee (滞报金) as customs computes it: dutiable value × daily rate ×
 * days, charged in whole yuan with the part below one yuan waived (truncated, not
 * rounded), and not charged at all below the 起征点 (`lateFeeMinFen`: a threshold, not a
 * floor). Integer arithmetic throughout: the rate is taken as millionths. Until the full
 * declaration is made the estimate is "if declared today". Uses the declared value as the
 * dutiable value, so it is an estimate; customs' own value may differ.
 */
export function estimateLateFee(
  input: FullDeclarationInput & { dutiableValueFen: number },
  now: Date | number,
  policy: DeadlinePolicy & Pick<TwoStepPolicyValues, 'lateFeeRatePerDay' | 'lateFeeMinFen'>,
): LateFeeEstimate {
  const { lateFeeFromOn } = fullDeclarationDeadline(input.transportDeclaredOn, policy);
  const lastDay = input.fullDeclaredOn ?? cstDateOf(now);
  const feeDays = Math.max(0, daysBetween(lateFeeFromOn, lastDay) + 1);
  const millionths = BigInt(Math.round(policy.lateFeeRatePerDay * 1_000_000));
  const exactFen = (BigInt(Math.max(0, Math.trunc(input.dutiableValueFen))) * millionths * BigInt(feeDays)) / 1_000_000n;
  const computedFen = Number(exactFen - (exactFen % 100n));
  const isBelowMinimum = computedFen > 0 && computedFen < policy.lateFeeMinFen;
  return { feeDays, computedFen, feeFen: isBelowMinimum ? 0 : computedFen, isBelowMinimum };
}

export interface LateCountInput extends FullDeclarationInput {
  /** The consignee's unified social credit code. */
  consigneeCode: string;
}

export interface ConsigneeLateCount {
  consigneeCode: string;
  lateCount: number;
  /** Enough late full declarations to threaten the firm's right to use two-step. */
  isEligibilityAtRisk: boolean;
}

/**
 * Late full declarations per consignee whose due date lies within the policy window
 * (the last `lateCountWindowDays` days, today included). A declaration still missing
 * after its due date counts already. Only consignees with at least one are listed, the
 * most late first.
 */
export function countLateFullDeclarations(
  entries: readonly LateCountInput[],
  now: Date | number,
  policy: DeadlinePolicy & Pick<TwoStepPolicyValues, 'lateCountWindowDays' | 'lateCountWarnAt'>,
): ConsigneeLateCount[] {
  const today = cstDateOf(now);
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const { dueOn } = fullDeclarationDeadline(entry.transportDeclaredOn, policy);
    const age = daysBetween(dueOn, today);
    if (age < 0 || age >= policy.lateCountWindowDays) continue;
    const isLate = (entry.fullDeclaredOn ?? today) > dueOn;
    if (isLate) counts.set(entry.consigneeCode, (counts.get(entry.consigneeCode) ?? 0) + 1);
  }
  return [...counts]
    .map(([consigneeCode, lateCount]) => ({ consigneeCode, lateCount, isEligibilityAtRisk: lateCount >= policy.lateCountWarnAt }))
    .sort((a, b) => b.lateCount - a.lateCount || (a.consigneeCode < b.consigneeCode ? -1 : a.consigneeCode > b.consigneeCode ? 1 : 0));
}
