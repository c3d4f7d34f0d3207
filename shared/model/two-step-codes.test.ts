import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  containerNumberProblem,
  creditCodeCheckCharacter,
  creditCodeProblem,
  describeEntryNumber,
  entryNumberProblem,
  isCreditCode,
} from './two-step-codes';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const alphabetChar = fc.constantFrom(...ALPHABET.split(''));
const digit = fc.constantFrom(...'0123456789'.split(''));
/** The first 17 characters of a well-shaped code: 2 alphabet, 6 digits, 9 alphabet. */
const first17 = fc
  .tuple(fc.array(alphabetChar, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 6, maxLength: 6 }), fc.array(alphabetChar, { minLength: 9, maxLength: 9 }))
  .map(([a, b, c]) => [...a, ...b, ...c].join(''));
const withCheck = (body: string) => `${body}${creditCodeCheckCharacter(body) ?? '?'}`;

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull(); // the standard's own example
    expect(creditCodeProblem('91110000600037341L')).toBeNull();
    expect(creditCodeProblem('91440300708461136T')).toBeNull();
  });

  it('computes the check character, 0 when the remainder is 0', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
    expect(creditCodeCheckCharacter('9135010')).toBeNull();
    expect(creditCodeCheckCharacter('91350100M000100I4')).toBeNull(); // I is not in the alphabet
  });

  it.each([
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100M000100Y4O', 'characters'], // O for 0
    ['91350100m000100Y43', 'characters'], // lower case
    ['913501A0M000100Y43', 'division'], // letter in the division code
    ['91350100M000100Y44', 'check_character'],
    ['91350100M000101Y43', 'check_character'],
  ] as const)('%s → %s', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it('accepts every well-shaped body with its computed check character', () => {
    fc.assert(fc.property(first17, (body) => isCreditCode(withCheck(body))));
  });

  it('catches every single-character substitution, check character included', () => {
    fc.assert(
      fc.property(first17, fc.nat(17), alphabetChar, (body, position, replacement) => {
        const code = withCheck(body);
        fc.pre(code.charAt(position) !== replacement);
        const typo = `${code.slice(0, position)}${replacement}${code.slice(position + 1)}`;
        expect(isCreditCode(typo)).toBe(false);
      }),
    );
  });

  it('catches every swap of two different neighbouring characters in the body', () => {
    fc.assert(
      fc.property(first17, fc.nat(15), (body, position) => {
        const code = withCheck(body);
        const a = code.charAt(position);
        const b = code.charAt(position + 1);
        fc.pre(a !== b);
        const swapped = `${code.slice(0, position)}${b}${a}${code.slice(position + 2)}`;
        expect(isCreditCode(swapped)).toBe(false);
      }),
    );
  });
});

describe('entry number (报关单号)', () => {
  it('accepts an import entry number and names its parts', () => {
    expect(entryNumberProblem('720120261000012345')).toBeNull();
    expect(describeEntryNumber('720120261000012345')).toEqual({ customsCode: '7201', year: 2026, serial: '000012345' });
  });

  it.each([
    ['720120260000012345', 'not_import'], // ninth digit 0: an export entry
    ['72012026100001234', 'format'], // 17 digits
    ['7201202610000123456', 'format'],
    ['720119991000012345', 'format'], // year 1999
    ['7201202610000123A5', 'format'],
  ] as const)('%s → %s', (entryNo, problem) => {
    expect(entryNumberProblem(entryNo)).toBe(problem);
    expect(describeEntryNumber(entryNo)).toBeNull();
  });
});

describe('container number (ISO 6346)', () => {
  it('accepts the standard example and known numbers', () => {
    expect(containerNumberProblem('CSQU3054383')).toBeNull();
    expect(containerNumberProblem('MSKU9070323')).toBeNull();
  });

  it.each([
    ['CSQU3054384', 'check_digit'],
    ['CSQU3045383', 'check_digit'], // swapped digits
    ['CSQX3054383', 'format'], // category must be U, J or Z
    ['CSQU305438', 'format'],
    ['csqu3054383', 'format'],
  ] as const)('%s → %s', (containerNo, problem) => {
    expect(containerNumberProblem(containerNo)).toBe(problem);
  });
});
