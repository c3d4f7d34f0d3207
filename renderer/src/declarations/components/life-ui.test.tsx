import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DeskDeclaration } from '../../db/desk-db';
import * as demo from '../../testing/demo-data';
import { eventOf } from './DeclarationLifePanel';
import { LIFE_KEYS, LifeStatus } from './LifeStatus';

const record = (overrides: Partial<DeskDeclaration> = {}): DeskDeclaration => ({
  ...demo.draft(demo.resident(1), 10_000),
  status: 'declared',
  hqExemptFen: null,
  hqTaxableFen: null,
  hqReceivedAt: null,
  flags: [],
  version: 1,
  edits: {},
  ...overrides,
});

describe('eventOf', () => {
  const values = { riskHit: true, choose: true, gateWeight: '' };
  it('makes the event the panel confirms from what was typed', () => {
    expect(eventOf('review', values)).toEqual({ type: 'review', riskHit: true, chooseForInspection: true });
    expect(eventOf('order_inspection', values)).toEqual({ type: 'order_inspection' });
    expect(eventOf('record_inspection', values)).toEqual({ type: 'record_inspection' });
    expect(eventOf('release', { ...values, gateWeight: ' 103,5 ' })).toEqual({ type: 'release', gateWeightKg: 103.5 });
  });

  it('has no release without a readable weight', () => {
    for (const gateWeight of ['', '  ', 'abc', '-1']) expect(eventOf('release', { ...values, gateWeight })).toBeNull();
  });
});

describe('LifeStatus', () => {
  it('shows the status in Chinese first and English second, with the review and the weighing', () => {
    expect(renderToStaticMarkup(<LifeStatus record={record()} />)).toContain('已申报 <small>declared</small>');
    const toInspect = renderToStaticMarkup(<LifeStatus record={record({ status: 'reviewed', riskHit: true, isChosenForInspection: true })} />);
    expect(toInspect).toContain('已审核');
    expect(toInspect).toContain('风险命中 risk hit · 待查验 to inspect');
    const released = record({
      status: 'released',
      riskHit: false,
      isChosenForInspection: false,
      gateCheck: { verdict: 'within', declaredKg: 100, gateKg: 103, differenceKg: 3, allowanceKg: 5, gatePolicyVersion: 1 },
    });
    expect(renderToStaticMarkup(<LifeStatus record={released} />)).toContain('103 kg (+3)');
  });

  it('opens review, inspection and release with R, I, C and G', () => {
    expect(LIFE_KEYS).toEqual({ r: 'review', i: 'order_inspection', c: 'record_inspection', g: 'release' });
  });
});
