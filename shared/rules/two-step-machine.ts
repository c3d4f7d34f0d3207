import type { TwoStepEntry, TwoStepFlags } from '../model/two-step';
import { checkSummaryDeclaration } from '../model/two-step-check';
import {
  INITIAL_TWO_STEP_STATE,
  isSummaryReceipt,
  RECEIPT_CODES,
  RECEIPT_EVENT_TYPES,
  TERMINAL_TWO_STEP_STATUSES,
  TWO_STEP_EVENT_LABELS,
  TWO_STEP_EVENT_TYPES,
  TWO_STEP_STATUS_LABELS,
  type TwoStepEvent,
  type TwoStepEventType,
  type TwoStepState,
  type TwoStepStatus,
} from '../model/two-step-event';
import { fail, ok, type Result } from '../result';

/**
 * The two-step declaration machine (两步申报), written once: the desk runs it before it
 * records an event offline, HQ runs it again on every event and receipt. Both hold the
 * same facts about the entry, so replaying the same events gives the same states.
 *
 * Two-step: draft → summary_declared → (returned → summary_declared …) → reviewed
 *   → [inspection_ordered → inspected] → released_for_removal → full_declared
 *   → (full_returned → full_declared …) → full_reviewed → tax_settled_released → closed.
 * One-step: draft → full_declared → full_reviewed → [inspection_ordered → inspected]
 *   → tax_settled_released → closed.
 * Any live entry may be deleted (D) or suspended (H) and resumed.
 */

/** What the entry's data says, read by the preconditions. Not changed by events. */
export interface TwoStepFacts {
  flags: TwoStepFlags;
  /** `checkSummaryDeclaration` found nothing. */
  isSummaryComplete: boolean;
  /** The rest of the data, the documents and the tax lines are in (完整申报). */
  isFullDeclarationComplete: boolean;
  /** 涉税: the tax guarantee is lodged (担保). */
  isGuaranteeLodged: boolean;
  /** Taxes due on the full declaration are paid. */
  isTaxPaid: boolean;
}

/** Facts from an entry record plus what the entry alone cannot tell (full data, guarantee, payment). */
export function twoStepFactsOf(
  entry: TwoStepEntry,
  more: Pick<TwoStepFacts, 'isFullDeclarationComplete' | 'isGuaranteeLodged' | 'isTaxPaid'>,
): TwoStepFacts {
  return { flags: entry.flags, isSummaryComplete: checkSummaryDeclaration(entry).length === 0, ...more };
}

/** Events a hold (挂起) does not stop: arrival is a physical fact, and a hold can be lifted or the entry deleted. */
const ALLOWED_WHILE_SUSPENDED: readonly TwoStepEventType[] = ['resume', 'delete', 'record_arrival'];
const SUMMARY_STAGE: readonly TwoStepStatus[] = ['summary_declared', 'returned', 'reviewed', 'inspection_ordered', 'inspected'];

const statusLabel = (status: TwoStepStatus) => TWO_STEP_STATUS_LABELS[status];

function refuse(zh: string, en: string): Result<TwoStepState> {
  return fail('conflict', `${zh} / ${en}`, 'status');
}

function notFrom(state: TwoStepState, type: TwoStepEventType): Result<TwoStepState> {
  const status = statusLabel(state.status);
  const event = TWO_STEP_EVENT_LABELS[type];
  return refuse(`「${status.zh}」时不能${event.zh}`, `cannot ${event.en} while ${status.en}`);
}

/**
 * The state after `event`, or the reason it is refused (code `conflict`, field `status`).
 * A refused event changes nothing. Never mutates `state`.
 */
export function transition(state: TwoStepState, event: TwoStepEvent, facts: TwoStepFacts): Result<TwoStepState> {
  if (TERMINAL_TWO_STEP_STATUSES.includes(state.status)) {
    const status = statusLabel(state.status);
    return refuse(`报关单${status.zh}，不能再变更`, `the entry is ${status.en}: nothing more can happen to it`);
  }
  const fromReceipt = event.receipt !== undefined;
  if (state.isSuspended && !fromReceipt && !ALLOWED_WHILE_SUSPENDED.includes(event.type)) {
    const label = TWO_STEP_EVENT_LABELS[event.type];
    return refuse(`报关单已挂起，不能${label.zh}，须先解除挂起`, `the entry is suspended: resume it before you ${label.en}`);
  }
  if (event.receipt !== undefined && isSummaryReceipt(event.receipt) && !(state.path === 'two_step' && SUMMARY_STAGE.includes(state.status))) {
    const status = statusLabel(state.status);
    return refuse(`概要申报回执 ${event.receipt} 只适用于概要申报阶段（当前：${status.zh}）`, `summary receipt ${event.receipt} applies only at the summary stage (now: ${status.en})`);
  }
  const next = step(state, event.type, facts);
  // A receipt is customs acting on the entry, which it does only once its own hold is lifted.
  if (next.ok && fromReceipt && state.isSuspended && event.type !== 'suspend') {
    return ok({ ...next.data, isSuspended: false });
  }
  return next;
}

function step(state: TwoStepState, type: TwoStepEventType, facts: TwoStepFacts): Result<TwoStepState> {
  const to = (status: TwoStepStatus, change: Partial<TwoStepState> = {}) => ok({ ...state, ...change, status });
  const { status, path } = state;
  switch (type) {
    case 'declare_summary':
      if (status !== 'draft' && status !== 'returned') return notFrom(state, type);
      if (!facts.isSummaryComplete) return refuse('概要申报内容不全或有误，请先改正', 'the summary declaration has problems: fix them first');
      return to('summary_declared', { path: 'two_step' });
    case 'declare_one_step':
      if (status !== 'draft') return notFrom(state, type);
      if (!facts.isSummaryComplete || !facts.isFullDeclarationComplete) {
        return refuse('一次申报须填齐全部申报内容', 'a one-step declaration needs all of the declaration data');
      }
      return to('full_declared', { path: 'one_step' });
    case 'declare_full':
      if (status !== 'full_returned' && !(status === 'released_for_removal' && path === 'two_step')) return notFrom(state, type);
      if (!facts.isFullDeclarationComplete) return refuse('完整申报内容不全', 'the full declaration is incomplete');
      return to('full_declared');
    case 'accept':
      return status === 'summary_declared' || status === 'full_declared' ? to(status) : notFrom(state, type);
    case 'supplement':
      return path === 'two_step' && SUMMARY_STAGE.includes(status) && status !== 'returned' ? to(status) : notFrom(state, type);
    case 'return':
      if (status === 'summary_declared') return to('returned');
      return status === 'full_declared' ? to('full_returned') : notFrom(state, type);
    case 'review':
      if (status === 'summary_declared') return to('reviewed');
      return status === 'full_declared' ? to('full_reviewed') : notFrom(state, type);
    case 'order_inspection':
      // Two-step inspects only at the summary stage; one-step after its review.
      if ((path === 'two_step' && status === 'reviewed') || (path === 'one_step' && status === 'full_reviewed')) {
        return to('inspection_ordered');
      }
      return notFrom(state, type);
    case 'record_arrival':
      if (state.hasArrived) return refuse('运抵已登记', 'arrival is already recorded');
      return to(status, { hasArrived: true });
    case 'record_inspection':
      if (status !== 'inspection_ordered') return notFrom(state, type);
      if (!state.hasArrived) return refuse('货物尚未运抵，不能查验', 'the goods have not arrived: they cannot be inspected yet');
      return to('inspected');
    case 'release':
      return release(state, facts);
    case 'close':
      return status === 'tax_settled_released' ? to('closed') : notFrom(state, type);
    case 'delete':
      return to('deleted');
    case 'suspend':
      if (status === 'draft') return notFrom(state, type);
      return state.isSuspended ? refuse('已挂起', 'already suspended') : to(status, { isSuspended: true });
    case 'resume':
      return state.isSuspended ? to(status, { isSuspended: false }) : refuse('未挂起，无需解除', 'not suspended: nothing to resume');
  }
}

/**
 * 提离 at the summary stage, or the final release after tax. Removal needs every condition
 * that applies: the goods have arrived; no inspection is needed (not 涉检, none ordered)
 * or it is finished; for 涉税 the guarantee is lodged. "Needed" is read from the 涉检
 * flag: goods under statutory inspection or quarantine are inspected before removal.
 */
function release(state: TwoStepState, facts: TwoStepFacts): Result<TwoStepState> {
  const { status, path } = state;
  const isSummaryRelease = path === 'two_step' && (status === 'reviewed' || status === 'inspected');
  const isFinalRelease = status === 'full_reviewed' || (path === 'one_step' && status === 'inspected');
  if (!isSummaryRelease && !isFinalRelease) return notFrom(state, 'release');
  const isInspectionPending = facts.flags.inspection && (status === 'reviewed' || (path === 'one_step' && status === 'full_reviewed'));
  if (isInspectionPending) return refuse('涉检：须查验完毕才能放行', 'inspection flag: the goods must be inspected before release');
  if (!state.hasArrived) return refuse('货物尚未运抵，不能放行', 'the goods have not arrived: they cannot be released');
  if (isSummaryRelease) {
    if (facts.flags.taxable && !facts.isGuaranteeLodged) return refuse('涉税：须提交税款担保才能提离', 'taxable flag: the guarantee must be lodged before removal');
    return ok({ ...state, status: 'released_for_removal' });
  }
  if (facts.flags.taxable && !facts.isTaxPaid) return refuse('涉税：税款未缴清，不能放行', 'taxable flag: the tax is not paid yet');
  return ok({ ...state, status: 'tax_settled_released' });
}

/** The event a customs receipt code carries, or a validation error naming the known codes. */
export function receiptToEvent(code: string): Result<TwoStepEvent> {
  const trimmed = code.trim();
  const known = RECEIPT_CODES.find((candidate) => candidate === trimmed);
  if (known !== undefined) return ok({ type: RECEIPT_EVENT_TYPES[known], receipt: known });
  const list = RECEIPT_CODES.join(', ');
  const nearly = RECEIPT_CODES.find((candidate) => candidate.toLowerCase() === trimmed.toLowerCase());
  const hint = nearly === undefined ? '' : `（是否为 ${nearly}？）`;
  const hintEn = nearly === undefined ? '' : ` (did you mean ${nearly}?)`;
  return fail('validation', `未知回执代码「${trimmed}」${hint}，已知代码：${list} / Unknown receipt code "${trimmed}"${hintEn}; known codes: ${list}`, 'receipt');
}

/** Events that would be accepted now from the desk (no receipt), for its buttons. */
export function legalTwoStepEvents(state: TwoStepState, facts: TwoStepFacts): TwoStepEventType[] {
  return TWO_STEP_EVENT_TYPES.filter((type) => transition(state, { type }, facts).ok);
}

export interface ReplayOutcome {
  state: TwoStepState;
  /** One result per event, in order; a refused event left the state as it was. */
  steps: Result<TwoStepState>[];
}

/** Runs events in order as desk and HQ both do: a refused event is reported and skipped. */
export function replayTwoStep(
  events: readonly TwoStepEvent[],
  facts: TwoStepFacts,
  from: TwoStepState = INITIAL_TWO_STEP_STATE,
): ReplayOutcome {
  let state = from;
  const steps: Result<TwoStepState>[] = [];
  for (const event of events) {
    const result = transition(state, event, facts);
    steps.push(result);
    if (result.ok) state = result.data;
  }
  return { state, steps };
}
