import { describe, expect, it } from 'vitest';
import { isResidentActiveOn, maskIdNumber, type Resident, residentSchema } from './resident';

const resident: Resident = {
  id: '3f0b8c1e-6a52-4c1e-9d7e-0b7f3a2c9e11',
  portId: 'DONGXING',
  name: '黄氏兰',
  idNumber: '45068119800101123X',
  certificateNo: 'DX000001',
  township: '东兴镇',
  village: '竹山村',
  validFrom: '2024-01-01',
  validTo: '2030-12-31',
  status: 'valid',
};

function issuePaths(value: unknown): string[] {
  const result = residentSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('residentSchema', () => {
  it('accepts a filed resident', () => {
    expect(residentSchema.parse(resident)).toEqual(resident);
  });

  it('trims the name and drops unknown keys', () => {
    const hostile: unknown = JSON.parse(
      JSON.stringify({ ...resident, name: '  黄氏兰 ', isAdmin: true }).replace('{', '{"__proto__":{"polluted":true},'),
    );
    const parsed = residentSchema.parse(hostile);
    expect(parsed.name).toBe('黄氏兰');
    expect(Object.keys(parsed)).not.toContain('isAdmin');
    expect('polluted' in parsed).toBe(false);
  });

  it.each([
    ['idNumber', '4506811980010112'], // too short
    ['idNumber', '450681198001011234X'], // too long
    ['idNumber', '45068119800101123x'], // lower-case check letter
    ['idNumber', '4506811980010112 3'],
    ['idNumber', '450681198001011A34'],
    ['certificateNo', 'dx000001'],
    ['certificateNo', 'DX1'],
    ['certificateNo', 'DX 000001'],
    ['certificateNo', `DX${'0'.repeat(31)}`],
    ['certificateNo', "DX'; DROP TABLE residents;--"],
    ['validFrom', '2026-02-30'],
    ['validTo', '2030-13-31'],
    ['status', 'revoked'],
    ['name', '   '],
    ['name', 'x'.repeat(65)],
    ['portId', 'dongxing'],
    ['id', 'DX000001'],
    ['township', 'x'.repeat(65)],
  ] as const)('refuses a bad %s (%j) and names the field', (field, value) => {
    expect(issuePaths({ ...resident, [field]: value })).toEqual([field]);
  });

  it('refuses wrong types and missing fields with their paths', () => {
    expect(issuePaths({ ...resident, validFrom: 20240101 })).toEqual(['validFrom']);
    const { idNumber: _, ...withoutIdNumber } = resident;
    expect(issuePaths(withoutIdNumber)).toEqual(['idNumber']);
    expect(issuePaths(null)).toEqual(['']);
    expect(issuePaths([resident])).toEqual(['']);
  });

  it('gives a readable message for a bad ID number', () => {
    const result = residentSchema.safeParse({ ...resident, idNumber: '123' });
    expect(result.error?.issues[0]?.message).toBe('ID number: 17 digits and a check digit');
  });
});

describe('isResidentActiveOn', () => {
  it('is true inside the validity period, both ends included', () => {
    expect(isResidentActiveOn(resident, '2024-01-01')).toBe(true);
    expect(isResidentActiveOn(resident, '2026-11-22')).toBe(true);
    expect(isResidentActiveOn(resident, '2030-12-31')).toBe(true);
  });

  it('is false outside the period', () => {
    expect(isResidentActiveOn(resident, '2023-12-31')).toBe(false);
    expect(isResidentActiveOn(resident, '2031-01-01')).toBe(false);
  });

  it('is false for an expired or suspended certificate even inside the period', () => {
    expect(isResidentActiveOn({ ...resident, status: 'expired' }, '2026-11-22')).toBe(false);
    expect(isResidentActiveOn({ ...resident, status: 'suspended' }, '2026-11-22')).toBe(false);
  });
});

describe('maskIdNumber', () => {
  it('keeps the region code and the last four characters', () => {
    expect(maskIdNumber('45068119800101123X')).toBe('450681********123X');
    expect(maskIdNumber('450681198001011234')).toHaveLength(18);
  });

  it('hides short values completely', () => {
    expect(maskIdNumber('123456789')).toBe('*********');
    expect(maskIdNumber('')).toBe('');
  });

  it('masks the old 15-digit numbers too', () => {
    expect(maskIdNumber('450681800101123')).toBe('450681*****1123');
  });

  it('never shows the birth date of an 18-character number', () => {
    expect(maskIdNumber('45068119800101123X')).not.toContain('19800101');
  });
});

// isValidIdNumber (GB 11643-1999 check character and birth date).
import fc from 'fast-check';
import { isValidIdNumber } from './resident';

describe('isValidIdNumber', () => {
  it('accepts numbers whose check character matches, X included', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true); // the standard's own example
    expect(isValidIdNumber(resident.idNumber)).toBe(true);
    expect(isValidIdNumber('450681199001010012')).toBe(true);
  });

  it('refuses a wrong check character, a lower-case x and the wrong shape', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002x')).toBe(false);
    expect(isValidIdNumber('45068119800101123')).toBe(false);
    expect(isValidIdNumber('450681800101123')).toBe(false); // old 15-digit numbers are not accepted for filing
    expect(isValidIdNumber(' 11010519491231002X')).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
  });

  it('refuses a birth date that is not a real date or before 1900, even with a matching check character', () => {
    const withCheck = (first17: string) => {
      const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const sum = weights.reduce((total, weight, i) => total + weight * Number(first17.charAt(i)), 0);
      return `${first17}${'10X98765432'.charAt(sum % 11)}`;
    };
    expect(isValidIdNumber(withCheck('45068119900229001'))).toBe(false); // 1990 is not a leap year
    expect(isValidIdNumber(withCheck('45068120000229001'))).toBe(true);
    expect(isValidIdNumber(withCheck('45068119901301001'))).toBe(false);
    expect(isValidIdNumber(withCheck('44052418800101001'))).toBe(false);
  });

  it('catches every single-digit typo and every swap of two different adjacent digits (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const id = '11010519491231002X';
        const digit = (Number(id.charAt(position)) + delta) % 10;
        const typo = `${id.slice(0, position)}${digit}${id.slice(position + 1)}`;
        expect(isValidIdNumber(typo)).toBe(false);
      }),
    );
    const id = '450681199001010012';
    for (let i = 0; i < 16; i++) {
      if (id.charAt(i) === id.charAt(i + 1)) continue;
      const swapped = `${id.slice(0, i)}${id.charAt(i + 1)}${id.charAt(i)}${id.slice(i + 2)}`;
      expect(isValidIdNumber(swapped), swapped).toBe(false);
    }
  });
});
