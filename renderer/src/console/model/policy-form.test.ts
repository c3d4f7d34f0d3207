import { describe, expect, it } from 'vitest';
import { policyRequestOf, yuanText } from './policy-form';

describe('the new-policy form', () => {
  const today = '2026-03-10';

  it('reads yuan as typed into integer fen', () => {
    expect(policyRequestOf({ amountYuan: '8000', effectiveFrom: today }, today)).toEqual({ ok: true, data: { dailyExemptFen: 800_000, effectiveFrom: today } });
    expect(policyRequestOf({ amountYuan: '8,000.5', effectiveFrom: today }, today)).toMatchObject({ data: { dailyExemptFen: 800_050 } });
    expect(policyRequestOf({ amountYuan: ' 10 000.01 ', effectiveFrom: today }, today)).toMatchObject({ data: { dailyExemptFen: 1_000_001 } });
    expect(policyRequestOf({ amountYuan: '0', effectiveFrom: today }, today)).toMatchObject({ data: { dailyExemptFen: 0 } });
  });

  it('refuses what is not an amount: negative, three decimals, words, empty', () => {
    for (const amountYuan of ['-1', '8000.001', '八千', '', '1e5', '0x10']) {
      expect(policyRequestOf({ amountYuan, effectiveFrom: today }, today), amountYuan).toMatchObject({ ok: false, error: { field: 'dailyExemptFen' } });
    }
  });

  it('refuses a date before today, as HQ does', () => {
    expect(policyRequestOf({ amountYuan: '8000', effectiveFrom: '2026-03-09' }, today)).toMatchObject({ ok: false, error: { field: 'effectiveFrom' } });
  });

  it('shows fen as yuan for the form', () => {
    expect(yuanText(800_000)).toBe('8000');
    expect(yuanText(800_050)).toBe('8000.50');
    expect(yuanText(5)).toBe('0.05');
  });
});
