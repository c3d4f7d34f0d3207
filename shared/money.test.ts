import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFen, parseYuan, yuanToFen } from './money';

describe('yuanToFen', () => {
  it('rounds to the nearest fen without binary noise on two-decimal amounts', () => {
    expect(yuanToFen(0)).toBe(0);
    expect(yuanToFen(8000)).toBe(800_000);
    expect(yuanToFen(1.15)).toBe(115); // 1.15 * 100 is 114.99999999999999
    expect(yuanToFen(0.29)).toBe(29); // 0.29 * 100 is 28.999999999999996
    expect(yuanToFen(19.99)).toBe(1999);
  });
});

describe('parseYuan', () => {
  it.each([
    ['88', 8800],
    ['0', 0],
    ['0.5', 50],
    ['1,234.5', 123_450],
    ['1，234.56', 123_456], // full-width comma, as typed with a Chinese IME
    [' 8 000 ', 800_000],
    ['1.15', 115],
    ['999999999999.99', 99_999_999_999_999],
  ])('reads %j as %d fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each(['', ' ', '-5', '+5', '1.234', '.5', '5.', 'abc', '1e3', '0x10', 'NaN', 'Infinity', '¥5', '1.2.3', '1234567890123', '１２'])(
    'refuses %j',
    (text) => {
      expect(parseYuan(text)).toBeNull();
    },
  );

  it('returns a safe non-negative integer for anything it accepts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const fen = parseYuan(text);
        if (fen !== null) {
          expect(Number.isSafeInteger(fen)).toBe(true);
          expect(fen).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [50, '¥0.50'],
    [800_000, '¥8,000.00'],
    [123_456_789, '¥1,234,567.89'],
    [-150, '-¥1.50'],
  ])('shows %d fen as %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('round-trips through parseYuan once the currency sign is removed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999_999 }), (fen) => {
        expect(parseYuan(formatFen(fen).replace('¥', ''))).toBe(fen);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips any amount typed with at most two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), fc.integer({ min: 0, max: 99 }), (yuan, cents) => {
        const text = `${yuan}.${String(cents).padStart(2, '0')}`;
        const fen = parseYuan(text);
        expect(fen).toBe(yuan * 100 + cents);
        expect(formatFen(fen ?? -1).replace(/[¥,]/g, '')).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
