import {
  approvalOf,
  SITE_EVENT_LABELS,
  SITE_EVENT_TYPES,
  SITE_STATUS_LABELS,
  type Site,
  type SiteCategory,
  type SiteEvent,
  type SiteEventType,
  type SiteStatus,
} from '../model/site';
import { fail, ok, type Result } from '../result';

/**
 * The approval life of one category at a designated site (DOMAIN §2), written once: HQ's
 * console runs it before it records an act, and desks and HQ both derive a site's status
 * on a date by replaying the recorded acts.
 *
 *   none → project_approved (立项) → regional_reviewed (直属海关初审) → gacc_approved (总署批复)
 *     → under_construction → awaiting_acceptance (建成待验收)
 *     → in_use (验收合格，公布启用) | rectifying (整改) → awaiting_acceptance …
 *     in_use ⇄ suspended (暂停 / 恢复)
 *   any live status → revoked (撤销), which is final.
 *
 * A refused review or approval is recorded as a revocation with the refusal as its
 * document: DOMAIN names no separate "rejected" end, and either way the life is over.
 */

export interface SiteApprovalState {
  status: SiteStatus;
  /** The date of the act that put the category in this status; null while `none`. */
  since: string | null;
}

export const INITIAL_SITE_APPROVAL_STATE: SiteApprovalState = Object.freeze({ status: 'none', since: null });

const LIVE: readonly SiteStatus[] = [
  'project_approved',
  'regional_reviewed',
  'gacc_approved',
  'under_construction',
  'awaiting_acceptance',
  'rectifying',
  'in_use',
  'suspended',
];

/** Each act: the statuses it may follow and the status it leads to. */
export const SITE_TRANSITIONS: Readonly<Record<SiteEventType, { from: readonly SiteStatus[]; to: SiteStatus }>> = {
  approve_project: { from: ['none'], to: 'project_approved' },
  pass_regional_review: { from: ['project_approved'], to: 'regional_reviewed' },
  gacc_approve: { from: ['regional_reviewed'], to: 'gacc_approved' },
  start_construction: { from: ['gacc_approved'], to: 'under_construction' },
  finish_construction: { from: ['under_construction'], to: 'awaiting_acceptance' },
  pass_acceptance: { from: ['awaiting_acceptance'], to: 'in_use' },
  fail_acceptance: { from: ['awaiting_acceptance'], to: 'rectifying' },
  finish_rectification: { from: ['rectifying'], to: 'awaiting_acceptance' },
  suspend: { from: ['in_use'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'in_use' },
  revoke: { from: LIVE, to: 'revoked' },
};

/**
 * Acts of an authority, which always come with a document (批复, 验收意见, 通知…). The
 * operator's own steps (starting and finishing the works, the rectification report) may
 * be recorded without one. A document whose number is not yet known is recorded with a
 * null number, never left out.
 */
export const SITE_EVENTS_NEEDING_DOCUMENTS: readonly SiteEventType[] = [
  'approve_project',
  'pass_regional_review',
  'gacc_approve',
  'pass_acceptance',
  'fail_acceptance',
  'suspend',
  'resume',
  'revoke',
];

function refuse(zh: string, en: string, field: string): Result<SiteApprovalState> {
  return fail('conflict', `${zh} / ${en}`, field);
}

/**
 * The state after `event`, or the reason it is refused (code `conflict`). A refused act
 * changes nothing. Never mutates `state`.
 */
export function applySiteEvent(state: SiteApprovalState, event: Pick<SiteEvent, 'type' | 'date' | 'documents'>): Result<SiteApprovalState> {
  const status = SITE_STATUS_LABELS[state.status];
  const act = SITE_EVENT_LABELS[event.type];
  if (state.status === 'revoked') {
    return refuse(`该类别资质已于 ${state.since ?? '—'} 撤销，不能再${act.zh}`, `the approval was revoked on ${state.since ?? '—'}: nothing more can happen to it`, 'type');
  }
  const transition = SITE_TRANSITIONS[event.type];
  if (!transition.from.includes(state.status)) {
    return refuse(`「${status.zh}」时不能${act.zh}`, `cannot ${act.en} while ${status.en}`, 'type');
  }
  if (state.since !== null && event.date < state.since) {
    return refuse(`日期 ${event.date} 早于上一环节（${state.since}）`, `the date ${event.date} is before the previous step (${state.since})`, 'date');
  }
  if (SITE_EVENTS_NEEDING_DOCUMENTS.includes(event.type) && event.documents.length === 0) {
    return refuse(`${act.zh}须附文件（文号未知可暂缺）`, `to ${act.en} needs its document (the number may be left blank until known)`, 'documents');
  }
  return ok({ status: transition.to, since: event.date });
}

export interface SiteReplayOutcome {
  state: SiteApprovalState;
  /** One result per event, in order; a refused event left the state as it was. */
  steps: Result<SiteApprovalState>[];
}

export function replaySiteLife(
  events: readonly Pick<SiteEvent, 'type' | 'date' | 'documents'>[],
  from: SiteApprovalState = INITIAL_SITE_APPROVAL_STATE,
): SiteReplayOutcome {
  let state = from;
  const steps: Result<SiteApprovalState>[] = [];
  for (const event of events) {
    const result = applySiteEvent(state, event);
    steps.push(result);
    if (result.ok) state = result.data;
  }
  return { state, steps };
}

/**
 * The status of a category at a site in force on a CST date: the state after every act
 * dated on or before it. An act takes effect for its whole day, so a site suspended on
 * the 5th takes nothing on the 5th, and one resumed on the 9th takes goods on the 9th.
 */
export function siteStatusOn(site: Pick<Site, 'approvals'>, category: SiteCategory, date: string): SiteApprovalState {
  const approval = approvalOf(site, category);
  if (approval === null) return INITIAL_SITE_APPROVAL_STATE;
  let state = INITIAL_SITE_APPROVAL_STATE;
  for (const event of approval.events) {
    if (event.date > date) break;
    const result = applySiteEvent(state, event);
    if (result.ok) state = result.data;
  }
  return state;
}

/** Whether goods of `category` may go to the site on `date`. */
export function isSiteInUseOn(site: Pick<Site, 'approvals'>, category: SiteCategory, date: string): boolean {
  return siteStatusOn(site, category, date).status === 'in_use';
}

/** The status after every recorded act, whatever its date (the console shows this). */
export function currentSiteStatus(site: Pick<Site, 'approvals'>, category: SiteCategory): SiteApprovalState {
  const approval = approvalOf(site, category);
  return approval === null ? INITIAL_SITE_APPROVAL_STATE : replaySiteLife(approval.events).state;
}

/** Acts the console may offer now for a category (documents and date aside). */
export function legalSiteEvents(state: SiteApprovalState): SiteEventType[] {
  if (state.status === 'revoked') return [];
  return SITE_EVENT_TYPES.filter((type) => SITE_TRANSITIONS[type].from.includes(state.status));
}

/**
 * A parsed site whose every approval life replays without a refusal. HQ checks this
 * after the schema before it stores a site, so that stored histories are always legal
 * and `siteStatusOn` never has to skip an act.
 */
export function checkSiteLives(site: Site): Result<Site> {
  for (const [a, approval] of site.approvals.entries()) {
    const { steps } = replaySiteLife(approval.events);
    const refused = steps.findIndex((step) => !step.ok);
    const step = steps[refused];
    if (step !== undefined && !step.ok) {
      return fail('validation', step.error.message, `approvals.${a}.events.${refused}.${step.error.field ?? 'type'}`);
    }
  }
  return ok(site);
}

/**
 * Appends one act to a category's life (creating the life on its first act), or says
 * why not. The site's version goes up by one. HQ's console calls this; the result is a
 * new site record, the old one untouched.
 */
export function recordSiteEvent(site: Site, category: SiteCategory, event: SiteEvent, updatedAt: string): Result<Site> {
  const approval = approvalOf(site, category);
  const state = approval === null ? INITIAL_SITE_APPROVAL_STATE : replaySiteLife(approval.events).state;
  const next = applySiteEvent(state, event);
  if (!next.ok) return next;
  const approvals =
    approval === null
      ? [...site.approvals, { category, events: [event] }]
      : site.approvals.map((a) => (a.category === category ? { category, events: [...a.events, event] } : a));
  return ok({ ...site, approvals, version: site.version + 1, updatedAt });
}
