import { describe, expect, it } from 'vitest';
import { DEMO_SITES } from './site-demo';
import { approvalOf, capacityOn, SITE_CATEGORIES, SITE_CATEGORY_LABELS, SITE_EVENT_LABELS, SITE_EVENT_TYPES, SITE_STATUS_LABELS, SITE_STATUSES, type Site, siteLabel, siteSchema } from './site';

const demo = DEMO_SITES[0];
if (demo === undefined) throw new Error('demo sites missing');
const base: Site = structuredClone(demo);

describe('siteSchema', () => {
  it('accepts the demo sites and a combined site for several categories', () => {
    expect(siteSchema.safeParse(base).success).toBe(true);
    const combined = { ...base, approvals: [...base.approvals, { category: 'grain', events: [] }], capacities: [...base.capacities, { category: 'grain', effectiveFrom: '2021-01-01', consignmentsPerDay: 10, kgPerDay: null }] };
    expect(siteSchema.safeParse(combined).success).toBe(true);
  });

  it('refuses a category listed twice, a capacity for a category without approval, and duplicate capacity dates', () => {
    const twice = { ...base, approvals: [...base.approvals, ...base.approvals] };
    const issues = siteSchema.safeParse(twice).error?.issues ?? [];
    expect(issues.map((issue) => issue.path.join('.'))).toContain('approvals.1.category');
    const orphan = { ...base, capacities: [{ category: 'meat', effectiveFrom: '2021-01-01', consignmentsPerDay: 5, kgPerDay: null }] };
    expect(siteSchema.safeParse(orphan).error?.issues[0]?.path.join('.')).toBe('capacities.0.category');
    const first = base.capacities[0];
    const dup = { ...base, capacities: [first, first] };
    expect(siteSchema.safeParse(dup).error?.issues[0]?.path.join('.')).toBe('capacities.1.effectiveFrom');
  });

  it('a capacity needs at least one limit; limits are positive', () => {
    const capacity = (change: Record<string, unknown>) => ({ ...base, capacities: [{ category: 'fruit', effectiveFrom: '2021-01-01', consignmentsPerDay: 10, kgPerDay: 1000, ...change }] });
    expect(siteSchema.safeParse(capacity({ consignmentsPerDay: null, kgPerDay: null })).success).toBe(false);
    expect(siteSchema.safeParse(capacity({ consignmentsPerDay: null })).success).toBe(true);
    expect(siteSchema.safeParse(capacity({ kgPerDay: 0 })).success).toBe(false);
    expect(siteSchema.safeParse(capacity({ consignmentsPerDay: 2.5 })).success).toBe(false);
  });

  it('checks ids, dates, the operator’s credit code and the documents', () => {
    expect(siteSchema.safeParse({ ...base, id: 'dx-fruit' }).success).toBe(false);
    expect(siteSchema.safeParse({ ...base, operator: { ...base.operator, creditCode: '91450000MA5L00000Q' } }).success).toBe(true);
    expect(siteSchema.safeParse({ ...base, operator: { ...base.operator, creditCode: '91450000MA5L000000' } }).success).toBe(false);
    const event = base.approvals[0]?.events[0];
    const withEvent = (change: Record<string, unknown>) => ({ ...base, approvals: [{ category: 'fruit', events: [{ ...event, ...change }] }] });
    expect(siteSchema.safeParse(withEvent({ date: '2021-02-30' })).success).toBe(false);
    expect(siteSchema.safeParse(withEvent({ type: 'publish' })).success).toBe(false);
    expect(siteSchema.safeParse(withEvent({ documents: [{ title: '', number: null, issuer: '海关总署', issuedOn: null, attachment: null }] })).success).toBe(false);
    const scanned = { title: '批复', number: null, issuer: '海关总署', issuedOn: '2021-01-01', attachment: { sha256: 'f'.repeat(64), size: 10, contentType: 'application/pdf', fileName: '批复.pdf' } };
    expect(siteSchema.safeParse(withEvent({ documents: [scanned] })).success).toBe(true);
    expect(siteSchema.safeParse(withEvent({ documents: [{ ...scanned, attachment: { ...scanned.attachment, contentType: 'text/html' } }] })).success).toBe(false);
  });
});

describe('capacityOn and approvalOf', () => {
  const site: Site = {
    ...base,
    capacities: [
      { category: 'fruit', effectiveFrom: '2021-06-01', consignmentsPerDay: 80, kgPerDay: null },
      { category: 'fruit', effectiveFrom: '2021-01-01', consignmentsPerDay: 50, kgPerDay: null },
    ],
  };

  it('takes the latest capacity from on or before the date, in any order', () => {
    expect(capacityOn(site, 'fruit', '2020-12-31')).toBeNull();
    expect(capacityOn(site, 'fruit', '2021-01-01')?.consignmentsPerDay).toBe(50);
    expect(capacityOn(site, 'fruit', '2021-05-31')?.consignmentsPerDay).toBe(50);
    expect(capacityOn(site, 'fruit', '2021-06-01')?.consignmentsPerDay).toBe(80);
    expect(capacityOn(site, 'grain', '2021-06-01')).toBeNull();
  });

  it('finds a category’s approval life', () => {
    expect(approvalOf(site, 'fruit')?.category).toBe('fruit');
    expect(approvalOf(site, 'logs')).toBeNull();
  });
});

describe('labels', () => {
  it('every category, status and act has a Chinese and an English name', () => {
    for (const labels of [SITE_CATEGORIES.map((c) => SITE_CATEGORY_LABELS[c]), SITE_STATUSES.map((s) => SITE_STATUS_LABELS[s]), SITE_EVENT_TYPES.map((t) => SITE_EVENT_LABELS[t])]) {
      for (const label of labels) {
        expect(label.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(label.en).toMatch(/^[a-zA-Z]/);
      }
    }
  });

  it('names a site in both languages, falling back to the Chinese name', () => {
    expect(siteLabel({ id: 'X1', name: '场地', nameEn: 'Site' })).toEqual({ zh: '场地（X1）', en: 'Site (X1)' });
    expect(siteLabel({ id: 'X1', name: '场地', nameEn: '' }).en).toBe('场地 (X1)');
  });
});
