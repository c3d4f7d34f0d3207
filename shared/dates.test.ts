import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, cstDateOf, daysBetween, isIsoDate } from './dates';

/** Independent reference: ICU's fixed UTC+8 zone (Etc/GMT-8 is UTC+8, the sign is POSIX-inverted). */
const cstFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Etc/GMT-8',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
function referenceCstDate(ms: number): string {
  const parts = Object.fromEntries(cstFormatter.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const MIN_MS = Date.UTC(1970, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);
const isoDateArb = fc
  .integer({ min: Date.UTC(1971, 0, 1) / 86_400_000, max: Date.UTC(2199, 0, 1) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

describe('cstDateOf', () => {
  it('moves to the next day at 16:00 UTC (midnight in China)', () => {
    expect(cstDateOf(new Date('2026-11-21T15:59:59.999Z'))).toBe('2026-11-21');
    expect(cstDateOf(new Date('2026-11-21T16:00:00.000Z'))).toBe('2026-11-22');
    expect(cstDateOf(new Date('2026-11-21T16:30:00Z'))).toBe('2026-11-22');
  });

  it('accepts epoch milliseconds as well as a Date', () => {
    const ms = Date.parse('2026-12-31T16:00:00Z');
    expect(cstDateOf(ms)).toBe('2027-01-01');
    expect(cstDateOf(new Date(ms))).toBe('2027-01-01');
  });

  it('ignores the offset an instant was written with', () => {
    expect(cstDateOf(new Date('2026-03-01T07:59:00+08:00'))).toBe('2026-03-01');
    expect(cstDateOf(new Date('2026-02-28T23:30:00-05:00'))).toBe('2026-03-01');
  });

  it('agrees with an ICU UTC+8 reference for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_MS, max: MAX_MS }), (ms) => {
        expect(cstDateOf(ms)).toBe(referenceCstDate(ms));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isIsoDate', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '1999-04-30'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-02-29', // not a leap year
    '1900-02-29', // century, not a leap year
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '26-01-01',
    '2026/01/01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '2026-01-01\n',
    '',
    '２０２６-01-01',
  ])('rejects %j', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });

  it('accepts exactly the days that exist in the Gregorian calendar', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const value = `${year}-${pad(month)}-${pad(day)}`;
          expect(isIsoDate(value)).toBe(day <= daysInMonth(year, month));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('daysBetween and addDays', () => {
  it('counts whole days, negative when the second date is earlier', () => {
    expect(daysBetween('2026-11-22', '2026-11-22')).toBe(0);
    expect(daysBetween('2026-11-22', '2026-11-23')).toBe(1);
    expect(daysBetween('2026-11-22', '2026-11-14')).toBe(-8);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-22', 0)).toBe('2026-11-22');
  });

  it('are inverse of each other', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: -20_000, max: 20_000 }), (date, n) => {
        const later = addDays(date, n);
        expect(isIsoDate(later)).toBe(true);
        expect(daysBetween(date, later)).toBe(n);
      }),
    );
  });

  it('agrees with the CST day of instants a whole number of days apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_MS, max: MAX_MS - 400 * 86_400_000 }), fc.integer({ min: 0, max: 400 }), (ms, n) => {
        expect(cstDateOf(ms + n * 86_400_000)).toBe(addDays(cstDateOf(ms), n));
      }),
    );
  });
});
