import {
  type ConsigneeLateCount,
  countLateFullDeclarations,
  cstDateOf,
  entryValueFen,
  estimateLateFee,
  type FullDeclarationStatus,
  fullDeclarationStatus,
  type LateFeeEstimate,
  TERMINAL_TWO_STEP_STATUSES,
  type TwoStepPolicy,
  type TwoStepRecord,
  twoStepMilestones,
  versionInForce,
} from '../../../shared/index';
import type { DeskDb } from '../db/desk-db';

/**
 * What the two-step screens show, computed from the entries and the policy in force:
 * deadlines and the late-fee estimate (shared/rules/two-step-deadline.ts, CST days
 * whatever this computer's clock zone), late counts per consignee, and timing from
 * declaration to release. Pure functions over arrays, plus the reads that feed them.
 */

export async function twoStepPolicyOn(db: DeskDb, date: string): Promise<TwoStepPolicy | null> {
  return versionInForce(await db.twoStepPolicies.toArray(), date);
}

export interface EntryRow {
  entry: TwoStepRecord;
  /** Null while the carrier has not declared the transport means, or the entry is closed, deleted or has no policy. */
  deadline: FullDeclarationStatus | null;
  /** Only where the full declaration is (or was) late. */
  fee: LateFeeEstimate | null;
}

export function entryRows(entries: readonly TwoStepRecord[], policy: TwoStepPolicy | null, now: Date): EntryRow[] {
  return entries.map((entry) => {
    const declaredOn = entry.transport.declaredOn;
    const isOver = TERMINAL_TWO_STEP_STATUSES.includes(entry.state.status) || entry.state.status === 'draft';
    if (policy === null || declaredOn === null || isOver) return { entry, deadline: null, fee: null };
    const input = { transportDeclaredOn: declaredOn, fullDeclaredOn: twoStepMilestones(entry).fullDeclaredOn };
    const deadline = fullDeclarationStatus(input, now, policy);
    const isLate = deadline.standing === 'overdue' || deadline.standing === 'declared_late';
    const fee = isLate ? estimateLateFee({ ...input, dutiableValueFen: entryValueFen(entry) }, now, policy) : null;
    return { entry, deadline, fee };
  });
}

export type EntryView = 'all' | 'due_soon' | 'overdue';

/** The rows of a view: due soon and overdue are the entries still to be declared in full. */
export function rowsOfView(rows: readonly EntryRow[], view: EntryView): EntryRow[] {
  if (view === 'all') return [...rows];
  return rows.filter((row) => row.deadline?.standing === view);
}

/** Most urgent first: the fewest days left (overdue ones first), then entries without a deadline, newest first. */
export function byUrgency(a: EntryRow, b: EntryRow): number {
  const da = a.deadline?.daysLeft ?? null;
  const db = b.deadline?.daysLeft ?? null;
  if (da !== null && db !== null && da !== db) return da - db;
  if (da !== null && db === null) return -1;
  if (da === null && db !== null) return 1;
  return b.entry.createdAt.localeCompare(a.entry.createdAt);
}

export function lateCounts(entries: readonly TwoStepRecord[], policy: TwoStepPolicy | null, now: Date): ConsigneeLateCount[] {
  if (policy === null) return [];
  const inputs = entries.flatMap((entry) => {
    const declaredOn = entry.transport.declaredOn;
    if (declaredOn === null || entry.state.status === 'deleted' || entry.state.status === 'draft') return [];
    return [{ consigneeCode: entry.consignee.creditCode, transportDeclaredOn: declaredOn, fullDeclaredOn: twoStepMilestones(entry).fullDeclaredOn }];
  });
  return countLateFullDeclarations(inputs, now, policy);
}

export interface EntryTiming {
  entry: TwoStepRecord;
  declaredAt: string;
  releasedAt: string;
  minutes: number;
  /** CST day of the declaration. */
  day: string;
  isSameDay: boolean;
}

export interface DayTiming {
  day: string;
  released: number;
  sameDay: number;
  averageMinutes: number;
  longestMinutes: number;
}

/** Time from the first declaration to the first release, per released entry, newest first. */
export function entryTimings(entries: readonly TwoStepRecord[]): EntryTiming[] {
  const timings: EntryTiming[] = [];
  for (const entry of entries) {
    const { declaredAt, releasedAt } = twoStepMilestones(entry);
    if (declaredAt === null || releasedAt === null) continue;
    const minutes = Math.max(0, Math.round((Date.parse(releasedAt) - Date.parse(declaredAt)) / 60_000));
    const day = cstDateOf(new Date(declaredAt));
    timings.push({ entry, declaredAt, releasedAt, minutes, day, isSameDay: day === cstDateOf(new Date(releasedAt)) });
  }
  return timings.sort((a, b) => b.declaredAt.localeCompare(a.declaredAt));
}

/** Per CST day of declaration, oldest first (the chart reads left to right). */
export function dayTimings(timings: readonly EntryTiming[]): DayTiming[] {
  const days = new Map<string, EntryTiming[]>();
  for (const timing of timings) days.set(timing.day, [...(days.get(timing.day) ?? []), timing]);
  return [...days]
    .map(([day, list]) => ({
      day,
      released: list.length,
      sameDay: list.filter((t) => t.isSameDay).length,
      averageMinutes: Math.round(list.reduce((sum, t) => sum + t.minutes, 0) / list.length),
      longestMinutes: Math.max(...list.map((t) => t.minutes)),
    }))
    .sort((a, b) => a.day.localeCompare(b.day));
}
