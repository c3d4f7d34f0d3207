import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AssessmentChart } from './AssessmentChart';
import { RecordStatus } from './RecordStatus';

const state = { pending: new Set<string>(['p']), rejected: new Map([['r', { mutationId: 'm', type: 'processing_sale.create' as const, recordId: 'r', code: 'validation', message: '最多还可售 10 kg', field: null, at: '' }]]) };

describe('processing screen parts', () => {
  it('shows the assessment as figures and as bars on one scale', () => {
    const html = renderToStaticMarkup(<AssessmentChart assessment={{ salesFen: 60_000, exemptFen: 0, taxableFen: 60_000, policyVersion: 2 }} />);
    expect(html).toContain('¥600.00');
    expect(html).toContain('v2');
    expect(html.match(/<rect/g)).toHaveLength(3);
    expect(html).toContain('width="0"');
  });

  it('shows HQ’s refusal with its reason first, then its flags, then whether HQ has the record', () => {
    const flag = { code: 'oversold_elsewhere', message: '另一柜台已售出', messageEn: 'another desk sold', at: '' };
    expect(renderToStaticMarkup(<RecordStatus id="r" flags={[flag]} hqReceivedAt={null} state={state} />)).toContain('最多还可售 10 kg');
    expect(renderToStaticMarkup(<RecordStatus id="x" flags={[flag]} hqReceivedAt="2026-12-07T00:00:00Z" state={state} />)).toContain('另一柜台已售出');
    expect(renderToStaticMarkup(<RecordStatus id="p" flags={[]} hqReceivedAt="2026-12-07T00:00:00Z" state={state} />)).toContain('待同步');
    expect(renderToStaticMarkup(<RecordStatus id="x" flags={[]} hqReceivedAt="2026-12-07T00:00:00Z" state={state} />)).toContain('总部已接收');
  });
});
