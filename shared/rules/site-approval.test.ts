import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import { DEMO_SITES, demoAcceptanceEvent } from '../model/site-demo';
import { SITE_EVENT_TYPES, SITE_STATUSES, type Site, type SiteDocument, type SiteEvent, type SiteEventType, type SiteStatus, siteSchema } from '../model/site';
import {
  applySiteEvent,
  checkSiteLives,
  currentSiteStatus,
  INITIAL_SITE_APPROVAL_STATE,
  isSiteInUseOn,
  legalSiteEvents,
  recordSiteEvent,
  replaySiteLife,
  type SiteApprovalState,
  siteStatusOn,
} from './site-approval';

const DOC: SiteDocument = { title: '验收意见', number: null, issuer: '海关总署', issuedOn: null, attachment: null };
const RECORDED = '2021-01-01T00:00:00Z';
const BASE_DATE = '2021-01-01';

function ev(type: SiteEventType, date: string, documents: SiteDocument[] = [DOC]): SiteEvent {
  return { type, date, documents, note: '', recordedAt: RECORDED };
}

/** The whole life of a category to "in use", a day per step from `start`. */
function lifeToInUse(start = BASE_DATE): SiteEvent[] {
  const types: SiteEventType[] = ['approve_project', 'pass_regional_review', 'gacc_approve', 'start_construction', 'finish_construction', 'pass_acceptance'];
  return types.map((type, i) => ev(type, addDays(start, i)));
}

function siteWith(events: SiteEvent[]): Site {
  return siteSchema.parse({
    id: 'TEST-FRUIT',
    portId: 'DONGXING',
    name: '测试场地',
    nameEn: 'Test site',
    operator: { name: '测试运营单位', nameEn: '', creditCode: null },
    address: '东兴',
    facilities: [],
    capacities: [],
    approvals: [{ category: 'fruit', events }],
    version: 1,
    updatedAt: RECORDED,
  });
}

describe('applySiteEvent: the steps DOMAIN §2 names', () => {
  it('walks project approval → regional review → GACC approval → construction → acceptance → in use', () => {
    const { state, steps } = replaySiteLife(lifeToInUse());
    expect(steps.every((step) => step.ok)).toBe(true);
    expect(state).toEqual({ status: 'in_use', since: '2021-01-06' });
  });

  it('a failed acceptance sends the site to rectification, then to acceptance again', () => {
    const events = [...lifeToInUse().slice(0, 5), ev('fail_acceptance', '2021-02-01'), ev('finish_rectification', '2021-03-01', []), ev('fail_acceptance', '2021-03-10'), ev('finish_rectification', '2021-04-01', []), ev('pass_acceptance', '2021-04-15')];
    const outcome = replaySiteLife(events);
    expect(outcome.steps.map((s) => s.ok)).toEqual(events.map(() => true));
    expect(outcome.state).toEqual({ status: 'in_use', since: '2021-04-15' });
  });

  it('suspends and resumes any number of times, and revocation ends the life', () => {
    const events = [...lifeToInUse(), ev('suspend', '2021-05-01'), ev('resume', '2021-05-10'), ev('suspend', '2021-06-01'), ev('revoke', '2021-07-01')];
    expect(replaySiteLife(events).state).toEqual({ status: 'revoked', since: '2021-07-01' });
  });

  it('refuses skipped steps with the reason in Chinese and English', () => {
    const result = applySiteEvent(INITIAL_SITE_APPROVAL_STATE, ev('pass_acceptance', BASE_DATE));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'conflict', field: 'type' });
      expect(result.error.message).toBe('「未立项」时不能验收合格并启用 / cannot pass acceptance and bring into use while not applied for');
    }
    const awaiting = replaySiteLife(lifeToInUse().slice(0, 5)).state;
    expect(applySiteEvent(awaiting, ev('suspend', '2021-02-01')).ok).toBe(false);
    expect(applySiteEvent(awaiting, ev('resume', '2021-02-01')).ok).toBe(false);
    const approved = replaySiteLife(lifeToInUse().slice(0, 3)).state;
    expect(applySiteEvent(approved, ev('finish_construction', '2021-02-01', [])).ok).toBe(false);
  });

  it('refuses an act dated before the previous one, but allows the same day', () => {
    const state: SiteApprovalState = { status: 'in_use', since: '2021-05-10' };
    const early = applySiteEvent(state, ev('suspend', '2021-05-09'));
    expect(early.ok || early.error).toMatchObject({ code: 'conflict', field: 'date' });
    expect(applySiteEvent(state, ev('suspend', '2021-05-10'))).toEqual({ ok: true, data: { status: 'suspended', since: '2021-05-10' } });
  });

  it('an act of an authority needs its document; the operator’s own steps do not', () => {
    const state: SiteApprovalState = { status: 'in_use', since: BASE_DATE };
    const bare = applySiteEvent(state, ev('suspend', '2021-02-01', []));
    expect(bare.ok || bare.error).toMatchObject({ code: 'conflict', field: 'documents' });
    expect(applySiteEvent({ status: 'gacc_approved', since: BASE_DATE }, ev('start_construction', BASE_DATE, [])).ok).toBe(true);
    expect(applySiteEvent({ status: 'rectifying', since: BASE_DATE }, ev('finish_rectification', BASE_DATE, [])).ok).toBe(true);
  });

  it('revocation is possible from every live status, not before an application', () => {
    for (const status of SITE_STATUSES) {
      const result = applySiteEvent({ status, since: status === 'none' ? null : BASE_DATE }, ev('revoke', BASE_DATE));
      expect(result.ok, status).toBe(status !== 'none' && status !== 'revoked');
    }
  });

  it('offers the acts the console may record next', () => {
    expect(legalSiteEvents(INITIAL_SITE_APPROVAL_STATE)).toEqual(['approve_project']);
    expect(legalSiteEvents({ status: 'awaiting_acceptance', since: BASE_DATE })).toEqual(['pass_acceptance', 'fail_acceptance', 'revoke']);
    expect(legalSiteEvents({ status: 'in_use', since: BASE_DATE })).toEqual(['suspend', 'revoke']);
    expect(legalSiteEvents({ status: 'suspended', since: BASE_DATE })).toEqual(['resume', 'revoke']);
    expect(legalSiteEvents({ status: 'revoked', since: BASE_DATE })).toEqual([]);
  });
});

describe('siteStatusOn: the status in force on a CST date', () => {
  const events = [...lifeToInUse(), ev('suspend', '2021-03-05'), ev('resume', '2021-03-09')];
  const site = siteWith(events);

  it('reads the history up to and including the date', () => {
    expect(siteStatusOn(site, 'fruit', '2020-12-31')).toEqual(INITIAL_SITE_APPROVAL_STATE);
    expect(siteStatusOn(site, 'fruit', '2021-01-05')).toEqual({ status: 'awaiting_acceptance', since: '2021-01-05' });
    expect(siteStatusOn(site, 'fruit', '2021-01-06')).toEqual({ status: 'in_use', since: '2021-01-06' });
    expect(siteStatusOn(site, 'fruit', '2021-03-04').status).toBe('in_use');
    expect(siteStatusOn(site, 'fruit', '2021-03-05')).toEqual({ status: 'suspended', since: '2021-03-05' });
    expect(siteStatusOn(site, 'fruit', '2021-03-08').status).toBe('suspended');
    expect(siteStatusOn(site, 'fruit', '2021-03-09')).toEqual({ status: 'in_use', since: '2021-03-09' });
    expect(isSiteInUseOn(site, 'fruit', '2021-03-07')).toBe(false);
    expect(isSiteInUseOn(site, 'fruit', '2022-01-01')).toBe(true);
  });

  it('a category the site never applied for is "none" on every date', () => {
    expect(siteStatusOn(site, 'grain', '2021-03-09')).toEqual(INITIAL_SITE_APPROVAL_STATE);
    expect(isSiteInUseOn(site, 'grain', '2021-03-09')).toBe(false);
  });

  it('several acts on one day: the day takes the last', () => {
    const sameDay = siteWith([...lifeToInUse(), ev('suspend', '2021-03-05'), ev('resume', '2021-03-05')]);
    expect(siteStatusOn(sameDay, 'fruit', '2021-03-05')).toEqual({ status: 'in_use', since: '2021-03-05' });
  });
});

describe('site records: checking and recording acts', () => {
  it('checkSiteLives accepts legal histories and names the first illegal act', () => {
    expect(checkSiteLives(siteWith(lifeToInUse())).ok).toBe(true);
    const bad = siteWith([...lifeToInUse(), ev('resume', '2021-02-01')]);
    const result = checkSiteLives(bad);
    expect(result.ok || result.error).toMatchObject({ code: 'validation', field: 'approvals.0.events.6.type' });
    const backwards = checkSiteLives(siteWith([ev('approve_project', '2021-02-01'), ev('pass_regional_review', '2021-01-01')]));
    expect(backwards.ok || backwards.error.field).toBe('approvals.0.events.1.date');
  });

  it('recordSiteEvent appends, bumps the version and leaves the old record as it was', () => {
    const site = siteWith(lifeToInUse().slice(0, 5));
    const before = structuredClone(site);
    const recorded = recordSiteEvent(site, 'fruit', ev('pass_acceptance', '2021-02-01'), '2021-02-01T03:00:00Z');
    expect(recorded.ok).toBe(true);
    if (!recorded.ok) return;
    expect(site).toEqual(before);
    expect(recorded.data.version).toBe(2);
    expect(recorded.data.updatedAt).toBe('2021-02-01T03:00:00Z');
    expect(currentSiteStatus(recorded.data, 'fruit')).toEqual({ status: 'in_use', since: '2021-02-01' });
    expect(checkSiteLives(siteSchema.parse(recorded.data)).ok).toBe(true);
  });

  it('recordSiteEvent opens a new category’s life with its first act, and refuses illegal acts', () => {
    const site = siteWith(lifeToInUse());
    const opened = recordSiteEvent(site, 'grain', ev('approve_project', '2021-06-01'), RECORDED);
    expect(opened.ok && opened.data.approvals.map((a) => a.category)).toEqual(['fruit', 'grain']);
    const refused = recordSiteEvent(site, 'grain', ev('gacc_approve', '2021-06-01'), RECORDED);
    expect(refused.ok).toBe(false);
  });
});

describe('demo data: Dongxing’s five sites, built and awaiting acceptance', () => {
  it('parses, has legal histories and one category each, all awaiting acceptance', () => {
    expect(DEMO_SITES.map((site) => site.approvals[0]?.category).sort()).toEqual(['chilled_aquatic', 'fruit', 'grain', 'live_aquatic', 'plant_seedlings']);
    for (const site of DEMO_SITES) {
      const parsed = siteSchema.parse(site);
      expect(checkSiteLives(parsed).ok).toBe(true);
      const category = parsed.approvals[0]?.category ?? 'meat';
      expect(currentSiteStatus(parsed, category)).toEqual({ status: 'awaiting_acceptance', since: '2020-11-25' });
    }
  });

  it('recording the acceptance makes each usable for its own category only', () => {
    for (const site of DEMO_SITES) {
      const category = site.approvals[0]?.category ?? 'meat';
      const accepted = recordSiteEvent(site, category, demoAcceptanceEvent('2026-03-01', '2026-03-01T02:00:00Z'), '2026-03-01T02:00:00Z');
      expect(accepted.ok).toBe(true);
      if (!accepted.ok) continue;
      expect(isSiteInUseOn(accepted.data, category, '2026-02-28')).toBe(false);
      expect(isSiteInUseOn(accepted.data, category, '2026-03-01')).toBe(true);
      const others = DEMO_SITES.flatMap((s) => s.approvals.map((a) => a.category)).filter((c) => c !== category);
      for (const other of others) expect(isSiteInUseOn(accepted.data, other, '2026-03-01')).toBe(false);
    }
  });

  it('makes up no document numbers: every document of the demo has none', () => {
    const numbers = DEMO_SITES.flatMap((site) => site.approvals.flatMap((a) => a.events.flatMap((e) => e.documents.map((d) => d.number))));
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.every((n) => n === null)).toBe(true);
  });
});

// ── Properties ─────────────────────────────────────────────────────────────────────

const dateArb = fc.nat(40).map((n) => addDays(BASE_DATE, n));
const docsArb: fc.Arbitrary<SiteDocument[]> = fc.oneof({ weight: 4, arbitrary: fc.constant([DOC]) }, { weight: 1, arbitrary: fc.constant([]) }).map((docs) => [...docs]);
const eventArb: fc.Arbitrary<SiteEvent> = fc.record({
  type: fc.constantFrom(...SITE_EVENT_TYPES),
  date: dateArb,
  documents: docsArb,
  note: fc.constant(''),
  recordedAt: fc.constant(RECORDED),
});

/**
 * Random acts rarely get far, so most runs are guided: three times in four an act the
 * machine accepts now (revocation rarer, as it ends the run), dated on or after the last;
 * else a random act, usually refused.
 */
const guidedArb: fc.Arbitrary<SiteEvent[]> = fc.array(fc.tuple(fc.nat(3), fc.nat(), fc.nat(3), eventArb), { minLength: 5, maxLength: 40 }).map((choices) => {
  let state = INITIAL_SITE_APPROVAL_STATE;
  const events: SiteEvent[] = [];
  for (const [dice, pick, gap, random] of choices) {
    const legal = legalSiteEvents(state).filter((type) => type !== 'revoke' || pick % 8 === 0);
    const type = legal[pick % Math.max(1, legal.length)];
    const event = dice > 0 && type !== undefined ? ev(type, addDays(state.since ?? BASE_DATE, gap)) : random;
    events.push(event);
    const result = applySiteEvent(state, event);
    if (result.ok) state = result.data;
  }
  return events;
});
const runArb = fc.oneof(guidedArb, fc.array(eventArb, { maxLength: 30 }));
const RUNS = { numRuns: 2000 };

const AUTHORITY_ACTS: readonly SiteEventType[] = ['approve_project', 'pass_regional_review', 'gacc_approve', 'pass_acceptance', 'fail_acceptance', 'suspend', 'resume', 'revoke'];

/**
 * DOMAIN §2's rules restated as facts about the history, independently of the
 * machine's table, checked on every accepted act. Returns the first rule broken, or null.
 */
function brokenRule(events: readonly SiteEvent[], machine: typeof applySiteEvent = applySiteEvent): string | null {
  let state = INITIAL_SITE_APPROVAL_STATE;
  const done: SiteEventType[] = [];
  for (const event of events) {
    const result = machine(state, event);
    if (!result.ok) {
      if (result.error.code !== 'conflict' || !/[\u4e00-\u9fff].* \/ [a-z]/.test(result.error.message)) return `refusal without a bilingual reason: ${result.error.message}`;
      continue;
    }
    const next = result.data;
    const last = done[done.length - 1];
    if (state.status === 'revoked') return 'an act after revocation';
    if (next.status === 'none') return 'back to none';
    if (next.since !== event.date) return 'since is not the act’s date';
    if (state.since !== null && event.date < state.since) return 'dates went back';
    if (AUTHORITY_ACTS.includes(event.type) && event.documents.length === 0) return `${event.type} without a document`;
    if (event.type === 'approve_project' && done.length > 0) return 'a second project approval';
    if (event.type !== 'approve_project' && done.length === 0) return `${event.type} before the project approval`;
    if (event.type === 'pass_regional_review' && last !== 'approve_project') return 'regional review out of order';
    if (event.type === 'gacc_approve' && last !== 'pass_regional_review') return 'GACC approval without the regional review';
    if (event.type === 'start_construction' && last !== 'gacc_approve') return 'construction without GACC approval';
    if (event.type === 'finish_construction' && last !== 'start_construction') return 'finished what was not started';
    if ((event.type === 'pass_acceptance' || event.type === 'fail_acceptance') && last !== 'finish_construction' && last !== 'finish_rectification') {
      return `acceptance decided without a site awaiting it (after ${last})`;
    }
    if (event.type === 'finish_rectification' && last !== 'fail_acceptance') return 'rectified without a failed acceptance';
    if (next.status === 'in_use' && !done.includes('pass_acceptance') && event.type !== 'pass_acceptance') return 'in use without passing acceptance';
    if (event.type === 'suspend' && state.status !== 'in_use') return `suspended from ${state.status}`;
    if (event.type === 'resume' && state.status !== 'suspended') return `resumed from ${state.status}`;
    if (next.status === 'suspended' && event.type !== 'suspend') return 'suspended without a suspension';
    if (next.status === 'revoked' && event.type !== 'revoke') return 'revoked without a revocation';
    done.push(event.type);
    state = next;
  }
  return null;
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (typeof inner === 'object' && inner !== null) deepFreeze(inner);
  return Object.freeze(value);
}

describe('site approval machine: properties', () => {
  it('no sequence of acts reaches a state the rules forbid', () => {
    fc.assert(fc.property(runArb, (events) => brokenRule(events) === null), RUNS);
  });

  it('the runs reach every status, so the property is tested where it matters', () => {
    const reached = new Set<SiteStatus>();
    for (const events of fc.sample(runArb, { numRuns: 500, seed: 7 })) {
      let state = INITIAL_SITE_APPROVAL_STATE;
      reached.add(state.status);
      for (const event of events) {
        const result = applySiteEvent(state, event);
        if (result.ok) state = result.data;
        reached.add(state.status);
      }
    }
    expect([...reached].sort()).toEqual([...SITE_STATUSES].sort());
  });

  it('the checker catches machines that break the rules (so the property can fail)', () => {
    const mutant =
      (from: SiteStatus, type: SiteEventType, to: SiteStatus): typeof applySiteEvent =>
      (state, event) =>
        state.status === from && event.type === type ? { ok: true, data: { status: to, since: event.date } } : applySiteEvent(state, event);
    const toBuilt = lifeToInUse().slice(0, 5);
    expect(brokenRule([...toBuilt, ev('suspend', '2021-02-01')])).toBeNull();
    expect(brokenRule([...toBuilt, ev('resume', '2021-02-01')], mutant('awaiting_acceptance', 'resume', 'in_use'))).toBe('in use without passing acceptance');
    expect(brokenRule([...lifeToInUse(), ev('resume', '2021-02-01')], mutant('in_use', 'resume', 'in_use'))).toBe('resumed from in_use');
    expect(brokenRule(lifeToInUse().slice(0, 3).concat(ev('pass_acceptance', '2021-02-01')), mutant('gacc_approved', 'pass_acceptance', 'in_use'))).toMatch(/^acceptance decided/);
    const revoked = [...lifeToInUse(), ev('revoke', '2021-02-01'), ev('resume', '2021-02-02')];
    expect(brokenRule(revoked)).toBeNull();
    expect(brokenRule(revoked, mutant('revoked', 'resume', 'in_use'))).toBe('an act after revocation');
    const dateless: typeof applySiteEvent = (state, event) => {
      const result = applySiteEvent({ ...state, since: null }, event);
      return result;
    };
    expect(brokenRule([ev('approve_project', '2021-02-01'), ev('pass_regional_review', '2021-01-01')], dateless)).toBe('dates went back');
  });

  it('revoked is final: once revoked, every act is refused', () => {
    fc.assert(
      fc.property(runArb, eventArb, (events, later) => {
        const { state } = replaySiteLife([...events, ev('revoke', addDays(BASE_DATE, 60))]);
        fc.pre(state.status === 'revoked');
        const after = applySiteEvent(state, later);
        expect(after.ok).toBe(false);
        expect(applySiteEvent(state, { ...later, date: addDays(BASE_DATE, 100) }).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('a refused act changes nothing, and no act mutates the state it is given', () => {
    fc.assert(
      fc.property(runArb, eventArb, (events, event) => {
        const before = deepFreeze(structuredClone(replaySiteLife(events).state));
        const copy = structuredClone(before);
        applySiteEvent(before, event);
        expect(before).toEqual(copy);
        const outcome = replaySiteLife([event], before);
        if (!outcome.steps[0]?.ok) expect(outcome.state).toBe(before);
      }),
      RUNS,
    );
  });

  it('the status on any date is the replay of the acts dated up to it, and never goes back to none', () => {
    fc.assert(
      fc.property(guidedArb, fc.nat(60), (events, offset) => {
        const { steps } = replaySiteLife(events);
        const legal = events.filter((_, i) => steps[i]?.ok);
        fc.pre(legal.length > 0);
        const site = siteWith(legal);
        expect(checkSiteLives(site).ok).toBe(true);
        const date = addDays(BASE_DATE, offset - 5);
        expect(siteStatusOn(site, 'fruit', date)).toEqual(replaySiteLife(legal.filter((e) => e.date <= date)).state);
        const lastDate = legal[legal.length - 1]?.date ?? BASE_DATE;
        expect(siteStatusOn(site, 'fruit', addDays(lastDate, 365))).toEqual(currentSiteStatus(site, 'fruit'));
        expect(siteStatusOn(site, 'fruit', addDays(legal[0]?.date ?? BASE_DATE, -1))).toEqual(INITIAL_SITE_APPROVAL_STATE);
      }),
      { numRuns: 1000 },
    );
  });

  it('a stored history (JSON in IndexedDB or SQL) replays to the same state', () => {
    fc.assert(
      fc.property(runArb, fc.nat(40), (events, cut) => {
        const at = Math.min(cut, events.length);
        const half = replaySiteLife(events.slice(0, at));
        const stored: SiteApprovalState = JSON.parse(JSON.stringify(half.state));
        const rest = replaySiteLife(events.slice(at), stored);
        expect(rest.state).toEqual(replaySiteLife(events).state);
      }),
      { numRuns: 500 },
    );
  });

  it('legalSiteEvents lists exactly the acts accepted now with a document on the same day', () => {
    fc.assert(
      fc.property(runArb, (events) => {
        const { state } = replaySiteLife(events);
        const accepted = SITE_EVENT_TYPES.filter((type) => applySiteEvent(state, ev(type, state.since ?? BASE_DATE)).ok);
        expect(legalSiteEvents(state)).toEqual(accepted);
      }),
      { numRuns: 500 },
    );
  });
});
