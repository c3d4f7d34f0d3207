import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DISPOSALS,
  INSPECTION_METHODS,
  INSPECTION_RESULTS,
  type InspectionDeviation,
  type InspectionMethod,
  type InspectionOrder,
  type InspectionRecord,
  inspectionRecordSchema,
} from '../model/inspection';
import { checkInspectionRecord, DISPOSALS_BY_RESULT, inspectionRecordProblems, requiredDeviations } from './inspection-record';

const order: InspectionOrder = {
  id: '00000000-0000-4000-8000-0000000000b1',
  portId: 'DONGXING',
  consignmentId: '00000000-0000-4000-8000-0000000000c1',
  requirementCode: 'BK2026-0001',
  dispatchedAt: '2026-03-02T01:00:00Z',
  isRiskHit: true,
  methods: ['unpacking', 'quarantine_exam'],
  proportionPercent: 30,
  instructions: '重点检查实蝇',
};

const photo = (n: number) => ({ sha256: n.toString(16).padStart(64, '0'), size: 2_000_000 + n, contentType: 'image/jpeg' as const, fileName: `photo-${n}.jpg`, caption: '' });

const record: InspectionRecord = {
  id: '00000000-0000-4000-8000-0000000000d1',
  portId: 'DONGXING',
  orderId: order.id,
  consignmentId: order.consignmentId,
  officerId: '00000000-0000-4000-8000-0000000000a1',
  deviceId: 'desk-a-0001',
  inspectedAt: '2026-03-02T03:00:00Z',
  methodsDone: ['unpacking', 'quarantine_exam'],
  proportionPercent: 30,
  findings: '',
  result: 'pass',
  disposal: 'release',
  deviations: [],
  attachments: [photo(1), photo(2), photo(3)],
};

const rules = (r: InspectionRecord, o: InspectionOrder = order) => inspectionRecordProblems(r, o).map((p) => `${p.rule}@${p.path}`);

describe('inspection record: result and disposal', () => {
  it('accepts a pass released as ordered, with three photos', () => {
    expect(checkInspectionRecord(record, order)).toEqual({ ok: true, data: record });
    expect(inspectionRecordSchema.parse(record)).toEqual(record);
  });

  it('a fail is never released; it is returned, destroyed or treated, with findings', () => {
    expect(rules({ ...record, result: 'fail', disposal: 'release', findings: '发现活体实蝇' })).toEqual(['disposal@disposal']);
    for (const disposal of ['return', 'destroy', 'treat'] as const) expect(rules({ ...record, result: 'fail', disposal, findings: '发现活体实蝇' })).toEqual([]);
    expect(rules({ ...record, result: 'fail', disposal: 'destroy', findings: '  ' })).toEqual(['findings@findings']);
  });

  it('a pass is never destroyed or returned; treating it needs findings', () => {
    expect(rules({ ...record, disposal: 'destroy', findings: '—' })).toEqual(['disposal@disposal']);
    expect(rules({ ...record, disposal: 'return', findings: '—' })).toEqual(['disposal@disposal']);
    expect(rules({ ...record, disposal: 'treat' })).toEqual(['findings@findings']);
    expect(rules({ ...record, disposal: 'treat', findings: '按议定书要求冷处理' })).toEqual([]);
  });

  it('says which disposals the result allows, in both languages', () => {
    const result = checkInspectionRecord({ ...record, result: 'fail', findings: '有害生物' }, order);
    expect(result.ok || result.error).toEqual({
      code: 'validation',
      field: 'disposal',
      message: '查验结果「不合格」不能放行，应为：退运、销毁、检疫处理 / a fail cannot be disposed of by release; choose return, destroy, treat',
    });
  });
});

describe('inspection record: deviations from the order', () => {
  it('an ordered method not done needs a deviation with a reason', () => {
    const skipped: InspectionRecord = { ...record, methodsDone: ['unpacking'] };
    const problems = inspectionRecordProblems(skipped, order);
    expect(problems.map((p) => p.rule)).toEqual(['deviation_missing']);
    expect(problems[0]?.zh).toBe('布控要求「检疫查验」未做，须作为偏差说明原因');
    const explained: InspectionRecord = { ...skipped, deviations: [{ kind: 'method_skipped', method: 'quarantine_exam', reason: '检疫人员未到场，已报告科长' }] };
    expect(rules(explained)).toEqual([]);
    expect(rules({ ...explained, deviations: [{ kind: 'method_skipped', method: 'quarantine_exam', reason: '  ' }] })).toEqual(['deviation_reason@deviations.0.reason']);
  });

  it('a method added, and a share opened below the order, need deviations too', () => {
    const more: InspectionRecord = { ...record, methodsDone: ['unpacking', 'quarantine_exam', 'sampling'], proportionPercent: 10 };
    expect(rules(more)).toEqual(['deviation_missing@deviations', 'deviation_missing@deviations']);
    expect(inspectionRecordProblems(more, order)[1]?.en).toBe('10% opened, below the ordered 30%: record it as a deviation with its reason');
    const explained: InspectionRecord = {
      ...more,
      deviations: [
        { kind: 'proportion_lower', method: null, reason: '货物易腐，经科长同意' },
        { kind: 'method_added', method: 'sampling', reason: '发现可疑虫体，取样送检' },
      ],
    };
    expect(rules(explained)).toEqual([]);
    expect(rules({ ...record, proportionPercent: null })).toEqual(['deviation_missing@deviations']);
  });

  it('refuses deviations that name no real departure, and duplicates', () => {
    const unfounded: InspectionRecord = { ...record, deviations: [{ kind: 'method_skipped', method: 'unpacking', reason: '——' }] };
    expect(rules(unfounded)).toEqual(['deviation_unfounded@deviations.0']);
    expect(rules({ ...record, deviations: [{ kind: 'proportion_lower', method: null, reason: 'x' }] })).toEqual(['deviation_unfounded@deviations.0']);
    const skipped: InspectionRecord = { ...record, methodsDone: ['unpacking'] };
    const twice: InspectionDeviation = { kind: 'method_skipped', method: 'quarantine_exam', reason: '原因' };
    expect(rules({ ...skipped, deviations: [twice, twice] })).toEqual(['deviation_duplicate@deviations.1']);
    expect(rules({ ...record, deviations: [{ kind: 'other', method: null, reason: '在二号平台查验（一号平台维修）' }] })).toEqual([]);
    expect(rules({ ...record, deviations: [{ kind: 'other', method: null, reason: '' }] })).toEqual(['deviation_reason@deviations.0.reason']);
  });

  it('at least one method must have been done, and the record must be of this order', () => {
    const none: InspectionRecord = {
      ...record,
      methodsDone: [],
      proportionPercent: 0,
      deviations: [
        { kind: 'method_skipped', method: 'unpacking', reason: '货物已被退运' },
        { kind: 'method_skipped', method: 'quarantine_exam', reason: '货物已被退运' },
        { kind: 'proportion_lower', method: null, reason: '货物已被退运' },
      ],
    };
    expect(rules(none)).toEqual(['no_method@methodsDone']);
    expect(rules({ ...record, orderId: '00000000-0000-4000-8000-0000000000b2' })).toEqual(['order_mismatch@orderId']);
    expect(rules({ ...record, consignmentId: '00000000-0000-4000-8000-0000000000c2' })).toEqual(['order_mismatch@orderId']);
  });
});

// ── Properties ─────────────────────────────────────────────────────────────────────

const methodsArb = fc.subarray([...INSPECTION_METHODS]);
const orderArb: fc.Arbitrary<InspectionOrder> = fc.record({
  methods: fc.subarray([...INSPECTION_METHODS], { minLength: 1 }),
  proportionPercent: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
  isRiskHit: fc.boolean(),
}).map((o) => ({ ...order, ...o }));
const reasonArb = fc.oneof({ weight: 5, arbitrary: fc.constant('经批准 / approved') }, { weight: 1, arbitrary: fc.constantFrom('', '   ') });
const deviationArb: fc.Arbitrary<InspectionDeviation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('method_skipped' as const, 'method_added' as const), method: fc.constantFrom(...INSPECTION_METHODS), reason: reasonArb }),
  fc.record({ kind: fc.constantFrom('proportion_lower' as const, 'other' as const), method: fc.constant(null), reason: reasonArb }),
);

/** A record for an order: its deviations either the ones required (mostly) or random, its fields random. */
const caseArb = orderArb.chain((o) =>
  fc
    .record({
      methodsDone: methodsArb,
      proportionPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      result: fc.constantFrom(...INSPECTION_RESULTS),
      disposal: fc.constantFrom(...DISPOSALS),
      findings: fc.constantFrom('', '发现有害生物'),
      explain: fc.boolean(),
      extra: fc.array(deviationArb, { maxLength: 3 }),
      reason: reasonArb,
    })
    .map(({ explain, extra, reason, ...fields }) => {
      const base: InspectionRecord = { ...record, ...fields };
      const required = requiredDeviations(base, o).map((r) => ({ ...r, reason }));
      return { order: o, record: { ...base, deviations: explain ? required : extra } };
    }),
);

const blank = (text: string) => text.trim() === '';

/** The rules, restated independently: the first one a record breaks, or null. */
function brokenRule(r: InspectionRecord, o: InspectionOrder): string | null {
  if (r.methodsDone.length === 0) return 'no method done';
  if (r.result === 'fail' && r.disposal === 'release') return 'a fail released';
  if (r.result === 'pass' && (r.disposal === 'destroy' || r.disposal === 'return')) return `a pass ${r.disposal}ed`;
  if ((r.result === 'fail' || r.disposal !== 'release') && blank(r.findings)) return 'no findings';
  if (r.deviations.some((d) => blank(d.reason))) return 'a deviation without a reason';
  const has = (kind: string, method: InspectionMethod | null) => r.deviations.some((d) => d.kind === kind && d.method === method);
  for (const m of o.methods) if (!r.methodsDone.includes(m) && !has('method_skipped', m)) return `${m} skipped silently`;
  for (const m of r.methodsDone) if (!o.methods.includes(m) && !has('method_added', m)) return `${m} added silently`;
  if (o.proportionPercent !== null && (r.proportionPercent ?? 0) < o.proportionPercent && !has('proportion_lower', null)) return 'fewer opened silently';
  return null;
}

describe('inspection record: properties', () => {
  it('a record the check accepts breaks no rule', () => {
    fc.assert(
      fc.property(caseArb, ({ order: o, record: r }) => {
        if (checkInspectionRecord(r, o).ok) expect(brokenRule(r, o)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('a record that breaks no rule and lists only real departures is accepted', () => {
    fc.assert(
      fc.property(caseArb, ({ order: o, record: r }) => {
        const onlyRequired = r.deviations.every((d) => d.kind === 'other' || requiredDeviations(r, o).some((q) => q.kind === d.kind && q.method === d.method));
        const unique = new Set(r.deviations.filter((d) => d.kind !== 'other').map((d) => `${d.kind}${d.method}`)).size === r.deviations.filter((d) => d.kind !== 'other').length;
        if (brokenRule(r, o) === null && onlyRequired && unique) expect(inspectionRecordProblems(r, o)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('both directions are exercised: the runs hold accepted and refused records of every result', () => {
    const seen = new Set<string>();
    for (const { order: o, record: r } of fc.sample(caseArb, { numRuns: 2000, seed: 3 })) seen.add(`${r.result}:${checkInspectionRecord(r, o).ok}`);
    expect([...seen].sort()).toEqual(['fail:false', 'fail:true', 'pass:false', 'pass:true']);
  });

  it('leaving out any one required deviation is caught', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), ({ order: o, record: r }, pick) => {
        const required = requiredDeviations(r, o);
        fc.pre(required.length > 0);
        const full: InspectionRecord = { ...r, deviations: required.map((q) => ({ ...q, reason: '原因' })) };
        const dropped: InspectionRecord = { ...full, deviations: full.deviations.filter((_, i) => i !== pick % required.length) };
        expect(inspectionRecordProblems(dropped, o).some((p) => p.rule === 'deviation_missing')).toBe(true);
        expect(inspectionRecordProblems(full, o).some((p) => p.rule.startsWith('deviation'))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('every problem has a path and a reason in Chinese and English; the check reports the first', () => {
    fc.assert(
      fc.property(caseArb, ({ order: o, record: r }) => {
        const problems = inspectionRecordProblems(r, o);
        for (const p of problems) {
          expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
          expect(p.en).toMatch(/[a-z]/);
          expect(p.path).not.toBe('');
        }
        const result = checkInspectionRecord(r, o);
        expect(result.ok).toBe(problems.length === 0);
        if (!result.ok) expect(result.error.field).toBe(problems[0]?.path);
      }),
      { numRuns: 1000 },
    );
  });

  it('the form’s disposal choices are exactly those the check accepts', () => {
    for (const result of INSPECTION_RESULTS) {
      for (const disposal of DISPOSALS) {
        const r: InspectionRecord = { ...record, result, disposal, findings: '查验情况' };
        expect(rules(r).includes('disposal@disposal')).toBe(!DISPOSALS_BY_RESULT[result].includes(disposal));
      }
    }
  });
});
