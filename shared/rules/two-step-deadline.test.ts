import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, cstDateOf, daysBetween } from '../dates';
import type { TwoStepPolicyValues } from '../model/two-step-policy';
import {
  addMonthsClamped,
  countLateFullDeclarations,
  estimateLateFee,
  fullDeclarationDeadline,
  fullDeclarationStatus,
} from './two-step-deadline';

const policy: TwoStepPolicyValues = {
  fullDeclarationDays: 14,
  lateFeeStartsAfterDays: 14,
  lateFeeRatePerDay: 0.0005,
  lateFeeMinFen: 5_000, // RMB 50
  sellOffAfterMonths: 3,
  dueSoonDays: 3,
  lateCountWindowDays: 365,
  lateCountWarnAt: 3,
  nonWorkingDays: [],
};
/** An instant given as a CST wall-clock time. */
const cst = (dateTime: string) => Date.parse(`${dateTime}+08:00`);
const undeclared = (transportDeclaredOn: string) => ({ transportDeclaredOn, fullDeclaredOn: null });

describe('fullDeclarationDeadline', () => {
  it.each([
    ['2026-11-01', '2026-11-15', '2026-11-16'],
    ['2026-12-20', '2027-01-03', '2027-01-04'], // across the year end
    ['2026-12-31', '2027-01-14', '2027-01-15'],
    ['2026-01-31', '2026-02-14', '2026-02-15'],
    ['2027-02-15', '2027-03-01', '2027-03-02'], // February of a common year
    ['2028-02-15', '2028-02-29', '2028-03-01'], // leap year
    ['2026-11-20', '2026-12-04', '2026-12-05'],
  ])('transport declared %s: due %s, fee from %s', (declaredOn, dueOn, lateFeeFromOn) => {
    expect(fullDeclarationDeadline(declaredOn, policy)).toMatchObject({ dueOn, lateFeeFromOn });
  });

  it('takes the days from the policy, not from a constant', () => {
    expect(fullDeclarationDeadline('2026-11-01', { ...policy, fullDeclarationDays: 10, lateFeeStartsAfterDays: 12 })).toMatchObject({
      dueOn: '2026-11-11',
      lateFeeFromOn: '2026-11-14',
    });
  });

  it('moves a last day on a listed non-working day to the next working day, and the fee with it', () => {
    const holidays = { ...policy, nonWorkingDays: ['2027-01-01', '2027-01-02', '2027-01-03'] };
    expect(fullDeclarationDeadline('2026-12-20', holidays)).toMatchObject({ dueOn: '2027-01-04', lateFeeFromOn: '2027-01-05' });
    expect(fullDeclarationDeadline('2026-12-17', holidays)).toMatchObject({ dueOn: '2026-12-31', lateFeeFromOn: '2027-01-01' });
  });

  it('sells off from the day after three calendar months, month ends clamped', () => {
    expect(fullDeclarationDeadline('2026-11-01', policy).sellOffFromOn).toBe('2027-02-02');
    expect(fullDeclarationDeadline('2026-11-30', policy).sellOffFromOn).toBe('2027-03-01'); // 2-28 is the last day
    expect(fullDeclarationDeadline('2027-11-30', policy).sellOffFromOn).toBe('2028-03-01'); // 2-29 is the last day
    expect(fullDeclarationDeadline('2026-12-31', policy).sellOffFromOn).toBe('2027-04-01');
  });

  it('due date is always the transport date plus the policy days', () => {
    const date = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 365 }), (declaredOn, days) => {
        const { dueOn, lateFeeFromOn } = fullDeclarationDeadline(declaredOn, { ...policy, fullDeclarationDays: days, lateFeeStartsAfterDays: days });
        expect(daysBetween(declaredOn, dueOn)).toBe(days);
        expect(daysBetween(dueOn, lateFeeFromOn)).toBe(1);
      }),
    );
  });
});

describe('addMonthsClamped', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-10-31', 3, '2027-01-31'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-11-15', 14, '2028-01-15'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected);
  });
});

describe('fullDeclarationStatus: the countdown', () => {
  const declaredOn = '2026-11-01'; // due 2026-11-15

  it('the 14th day is the last day (0 left); the 15th is overdue', () => {
    expect(fullDeclarationStatus(undeclared(declaredOn), cst('2026-11-15T23:59:59'), policy)).toMatchObject({ daysLeft: 0, lateDays: 0, standing: 'due_soon' });
    expect(fullDeclarationStatus(undeclared(declaredOn), cst('2026-11-16T00:00:00'), policy)).toMatchObject({ daysLeft: -1, lateDays: 1, standing: 'overdue' });
  });

  it('is due soon from dueSoonDays left, on time before', () => {
    expect(fullDeclarationStatus(undeclared(declaredOn), cst('2026-11-11T10:00:00'), policy)).toMatchObject({ daysLeft: 4, standing: 'on_time' });
    expect(fullDeclarationStatus(undeclared(declaredOn), cst('2026-11-12T10:00:00'), policy)).toMatchObject({ daysLeft: 3, standing: 'due_soon' });
    expect(fullDeclarationStatus(undeclared(declaredOn), cst('2026-11-02T10:00:00'), policy)).toMatchObject({ daysLeft: 13, standing: 'on_time' });
  });

  it('counts in China Standard Time: 2026-11-21T17:00Z is already 2026-11-22', () => {
    const instant = Date.parse('2026-11-21T17:00:00Z');
    expect(fullDeclarationStatus(undeclared('2026-11-08'), instant, policy)).toMatchObject({ today: '2026-11-22', dueOn: '2026-11-22', daysLeft: 0 });
    expect(fullDeclarationStatus(undeclared('2026-11-07'), instant, policy)).toMatchObject({ daysLeft: -1, standing: 'overdue' });
    expect(fullDeclarationStatus(undeclared('2026-11-08'), new Date(instant), policy).daysLeft).toBe(0);
  });

  describe('whatever the caller clock zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      process.env.TZ = original;
    });

    it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', 'Asia/Shanghai'])('gives the same answers with TZ=%s', (zone) => {
      process.env.TZ = zone;
      const instants = ['2026-11-21T17:00:00Z', '2026-11-21T15:59:59Z', '2026-12-31T16:30:00Z', '2027-01-03T15:00:00Z'].map(Date.parse);
      const answers = instants.map((instant) => fullDeclarationStatus(undeclared('2026-12-20'), instant, policy));
      expect(answers.map((a) => [a.today, a.daysLeft])).toEqual([
        ['2026-11-22', 42],
        ['2026-11-21', 43],
        ['2027-01-01', 2],
        ['2027-01-03', 0],
      ]);
    });

    it('the zone really changed for the test above (else it proves nothing)', () => {
      process.env.TZ = 'America/Los_Angeles';
      const la = new Date(Date.parse('2026-11-21T17:00:00Z')).getDate();
      process.env.TZ = 'Asia/Shanghai';
      const shanghai = new Date(Date.parse('2026-11-21T17:00:00Z')).getDate();
      expect([la, shanghai]).toEqual([21, 22]);
    });
  });

  it('once the full declaration is made: no countdown, on time or late by how much', () => {
    const now = cst('2026-12-01T09:00:00');
    expect(fullDeclarationStatus({ transportDeclaredOn: declaredOn, fullDeclaredOn: '2026-11-15' }, now, policy)).toMatchObject({
      daysLeft: null,
      lateDays: 0,
      standing: 'declared_on_time',
      isSellOffDue: false,
    });
    expect(fullDeclarationStatus({ transportDeclaredOn: declaredOn, fullDeclaredOn: '2026-11-19' }, now, policy)).toMatchObject({
      daysLeft: null,
      lateDays: 4,
      standing: 'declared_late',
    });
  });

  it('marks goods still undeclared on the sell-off day', () => {
    expect(fullDeclarationStatus(undeclared(declaredOn), cst('2027-02-01T23:00:00'), policy).isSellOffDue).toBe(false);
    expect(fullDeclarationStatus(undeclared(declaredOn), cst('2027-02-02T00:00:00'), policy).isSellOffDue).toBe(true);
  });

  it('depends only on the CST day of now', () => {
    const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) });
    fc.assert(
      fc.property(instant, fc.integer({ min: -400, max: 400 }), (now, offset) => {
        const today = cstDateOf(now);
        const input = undeclared(addDays(today, offset));
        const status = fullDeclarationStatus(input, now, policy);
        expect(status).toEqual(fullDeclarationStatus(input, cst(`${today}T00:00:00`), policy));
        expect(status.daysLeft).toBe(14 + offset);
      }),
    );
  });
});

describe('estimateLateFee (滞报金)', () => {
  const value = 3_000_000; // RMB 30,000
  const fee = (fullDeclaredOn: string | null, dutiableValueFen = value, now = cst('2026-12-31T12:00:00')) =>
    estimateLateFee({ transportDeclaredOn: '2026-11-01', fullDeclaredOn, dutiableValueFen }, now, policy);

  it('nothing on the 14th day; day 15 is the first fee day', () => {
    expect(fee('2026-11-15')).toEqual({ feeDays: 0, computedFen: 0, feeFen: 0, isBelowMinimum: false });
    expect(fee('2026-11-16')).toMatchObject({ feeDays: 1, computedFen: 1_500 });
  });

  it('is not charged below the minimum (起征点), and charged in full from it', () => {
    expect(fee('2026-11-18')).toEqual({ feeDays: 3, computedFen: 4_500, feeFen: 0, isBelowMinimum: true }); // RMB 45
    expect(fee('2026-11-19')).toEqual({ feeDays: 4, computedFen: 6_000, feeFen: 6_000, isBelowMinimum: false }); // RMB 60
    expect(estimateLateFee({ transportDeclaredOn: '2026-11-01', fullDeclaredOn: '2026-11-25', dutiableValueFen: 1_000_000 }, 0, policy)).toMatchObject({
      feeDays: 10,
      feeFen: 5_000, // exactly RMB 50
    });
  });

  it('charges whole yuan: the part below one yuan is waived, not rounded up', () => {
    // 12,345.67 yuan × 0.5‰ × 10 days = 61.728 35 yuan → 61 yuan
    expect(fee('2026-11-25', 1_234_567)).toMatchObject({ feeDays: 10, computedFen: 6_100, feeFen: 6_100 });
    // 19,999.99 yuan × 0.5‰ × 10 days = 99.999 95 yuan → 99 yuan
    expect(fee('2026-11-25', 1_999_999)).toMatchObject({ computedFen: 9_900 });
  });

  it('until the full declaration is made, estimates as if declared today (CST)', () => {
    expect(fee(null, value, Date.parse('2026-11-15T16:00:00Z'))).toMatchObject({ feeDays: 1 }); // 2026-11-16 in China
    expect(fee(null, value, Date.parse('2026-11-15T15:59:59Z'))).toMatchObject({ feeDays: 0, feeFen: 0 });
  });

  it('stays exact for large values (integer arithmetic)', () => {
    expect(fee('2027-01-29', 100_000_000_000_000)).toMatchObject({ feeDays: 75, feeFen: 3_750_000_000_000 });
  });

  it('uses the policy rate and minimum', () => {
    const doubled = { ...policy, lateFeeRatePerDay: 0.001, lateFeeMinFen: 0 };
    expect(estimateLateFee({ transportDeclaredOn: '2026-11-01', fullDeclaredOn: '2026-11-16', dutiableValueFen: value }, 0, doubled)).toMatchObject({ feeFen: 3_000 });
  });

  it('is whole yuan, never above the exact amount, zero or at least the minimum, and grows with the days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 120 }), (dutiableValueFen, extraDays) => {
        const input = { transportDeclaredOn: '2026-11-01', fullDeclaredOn: addDays('2026-11-15', extraDays), dutiableValueFen };
        const result = estimateLateFee(input, 0, policy);
        const later = estimateLateFee({ ...input, fullDeclaredOn: addDays('2026-11-15', extraDays + 1) }, 0, policy);
        expect(result.feeDays).toBe(extraDays);
        expect(result.feeFen % 100).toBe(0);
        expect(result.feeFen === 0 || result.feeFen >= policy.lateFeeMinFen).toBe(true);
        // exact fee in millionths of a fen: value × 500 × days
        const exactMillionths = BigInt(dutiableValueFen) * 500n * BigInt(extraDays);
        expect(BigInt(result.computedFen) * 1_000_000n <= exactMillionths).toBe(true);
        expect(BigInt(result.computedFen + 100) * 1_000_000n > exactMillionths).toBe(true);
        expect(later.computedFen).toBeGreaterThanOrEqual(result.computedFen);
      }),
    );
  });
});

describe('countLateFullDeclarations', () => {
  const now = cst('2026-12-01T10:00:00');
  const A = '91350100M000100Y43';
  const B = '91110000600037341L';
  const C = '91440300708461136T';
  const entries = [
    { consigneeCode: A, transportDeclaredOn: '2026-10-01', fullDeclaredOn: '2026-10-20' }, // late
    { consigneeCode: A, transportDeclaredOn: '2026-09-01', fullDeclaredOn: '2026-09-16' }, // late by one day
    { consigneeCode: A, transportDeclaredOn: '2026-11-01', fullDeclaredOn: null }, // overdue: late already
    { consigneeCode: A, transportDeclaredOn: '2026-11-10', fullDeclaredOn: '2026-11-24' }, // on its last day
    { consigneeCode: A, transportDeclaredOn: '2025-06-01', fullDeclaredOn: '2025-07-01' }, // late, outside the window
    { consigneeCode: B, transportDeclaredOn: '2026-10-01', fullDeclaredOn: '2026-10-16' }, // late
    { consigneeCode: B, transportDeclaredOn: '2026-11-25', fullDeclaredOn: null }, // not due yet
    { consigneeCode: C, transportDeclaredOn: '2026-11-01', fullDeclaredOn: '2026-11-02' },
  ];

  it('counts late full declarations in the window and warns from the threshold', () => {
    expect(countLateFullDeclarations(entries, now, policy)).toEqual([
      { consigneeCode: A, lateCount: 3, isEligibilityAtRisk: true },
      { consigneeCode: B, lateCount: 1, isEligibilityAtRisk: false },
    ]);
    expect(countLateFullDeclarations(entries, now, { ...policy, lateCountWarnAt: 4 })[0]?.isEligibilityAtRisk).toBe(false);
  });

  it('counts a due date exactly at the window edge in, the day before out', () => {
    const dueOn = addDays('2026-12-01', -364); // the oldest day inside a 365-day window
    const entry = { consigneeCode: A, transportDeclaredOn: addDays(dueOn, -14), fullDeclaredOn: addDays(dueOn, 1) };
    expect(countLateFullDeclarations([entry], now, policy)).toHaveLength(1);
    const older = { ...entry, transportDeclaredOn: addDays(entry.transportDeclaredOn, -1) };
    expect(countLateFullDeclarations([older], now, policy)).toEqual([]);
  });
});
