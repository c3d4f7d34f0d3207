import { describe, expect, it } from 'vitest';
import {
  DISPOSAL_LABELS,
  DISPOSALS,
  INSPECTION_METHOD_LABELS,
  INSPECTION_METHODS,
  inspectionDeviationSchema,
  inspectionOrderSchema,
  inspectionRecordSchema,
  MAX_INSPECTION_ATTACHMENTS,
} from './inspection';

const order = {
  id: '00000000-0000-4000-8000-0000000000b1',
  portId: 'DONGXING',
  consignmentId: '00000000-0000-4000-8000-0000000000c1',
  requirementCode: 'BK2026-0001',
  dispatchedAt: '2026-03-02T09:00:00+08:00',
  isRiskHit: false,
  methods: ['visual_exam'],
  proportionPercent: null,
  instructions: '',
};

const attachment = (n: number) => ({ sha256: n.toString(16).padStart(64, '0'), size: 1000, contentType: 'image/png', fileName: `p${n}.png`, caption: '货物外观' });

const record = {
  id: '00000000-0000-4000-8000-0000000000d1',
  portId: 'DONGXING',
  orderId: order.id,
  consignmentId: order.consignmentId,
  officerId: '00000000-0000-4000-8000-0000000000a1',
  deviceId: 'desk-a-0001',
  inspectedAt: '2026-03-02T10:00:00+08:00',
  methodsDone: ['visual_exam'],
  proportionPercent: null,
  findings: '',
  result: 'pass',
  disposal: 'release',
  deviations: [],
  attachments: [attachment(1)],
};

describe('inspectionOrderSchema', () => {
  it('accepts an order and refuses one without methods, with a repeat, or a bad code or share', () => {
    expect(inspectionOrderSchema.safeParse(order).success).toBe(true);
    for (const change of [{ methods: [] }, { methods: ['visual_exam', 'visual_exam'] }, { methods: ['x-ray'] }, { requirementCode: 'bk 1' }, { proportionPercent: 0 }, { proportionPercent: 101 }]) {
      expect(inspectionOrderSchema.safeParse({ ...order, ...change }).success, JSON.stringify(change)).toBe(false);
    }
  });
});

describe('inspectionRecordSchema', () => {
  it('accepts a record with photos and a scanned PDF', () => {
    const pdf = { ...attachment(9), contentType: 'application/pdf', fileName: '检验报告.pdf' };
    expect(inspectionRecordSchema.safeParse({ ...record, attachments: [attachment(1), attachment(2), pdf] }).success).toBe(true);
  });

  it('refuses the same attachment twice, too many, unknown results and disposals', () => {
    expect(inspectionRecordSchema.safeParse({ ...record, attachments: [attachment(1), attachment(1)] }).success).toBe(false);
    const many = Array.from({ length: MAX_INSPECTION_ATTACHMENTS + 1 }, (_, i) => attachment(i + 1));
    expect(inspectionRecordSchema.safeParse({ ...record, attachments: many }).success).toBe(false);
    expect(inspectionRecordSchema.safeParse({ ...record, result: 'partial' }).success).toBe(false);
    expect(inspectionRecordSchema.safeParse({ ...record, disposal: 'sell' }).success).toBe(false);
    expect(inspectionRecordSchema.safeParse({ ...record, attachments: [{ ...attachment(1), contentType: 'image/gif' }] }).success).toBe(false);
  });

  it('a deviation names a method exactly when it is about a method', () => {
    expect(inspectionDeviationSchema.safeParse({ kind: 'method_skipped', method: 'sampling', reason: '' }).success).toBe(true);
    expect(inspectionDeviationSchema.safeParse({ kind: 'method_skipped', method: null, reason: 'x' }).success).toBe(false);
    expect(inspectionDeviationSchema.safeParse({ kind: 'other', method: 'sampling', reason: 'x' }).success).toBe(false);
    expect(inspectionDeviationSchema.safeParse({ kind: 'proportion_lower', method: null, reason: 'x' }).success).toBe(true);
  });

  it('every method and disposal has a Chinese and an English name', () => {
    for (const label of [...INSPECTION_METHODS.map((m) => INSPECTION_METHOD_LABELS[m]), ...DISPOSALS.map((d) => DISPOSAL_LABELS[d])]) {
      expect(label.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(label.en).toMatch(/^[a-z]/);
    }
  });
});
