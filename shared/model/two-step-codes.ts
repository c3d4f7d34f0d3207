/**
 * The identifiers a two-step entry carries, each with the check customs systems apply.
 * Pure functions over strings so the desk can check as the officer types and HQ can
 * check again on arrival, with the same answer.
 */

/** GB 32100-2015 alphabet: digits and capitals without I, O, S, V, Z (31 characters). */
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weight of position i (1-based) is 3^(i-1) mod 31. */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/**
 * Shape of a unified social credit code (统一社会信用代码): registration authority and
 * organisation category (2), administrative division code (6 digits), organisation code
 * (9), check character (1).
 */
const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type CreditCodeProblem = 'length' | 'characters' | 'division' | 'check_character';

/** The GB 32100-2015 check character for the first 17 characters, or null if they are not from the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    const weight = CREDIT_CODE_WEIGHTS[i];
    if (value < 0 || weight === undefined) return null;
    sum += value * weight;
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** Null when `code` is a well-formed credit code whose check character matches; else what is wrong. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return 'characters';
  if (!CREDIT_CODE_SHAPE.test(code)) return 'division';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? null : 'check_character';
}

export function isCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/**
 * 报关单号 as customs issues it: 4-digit customs office code (关区代码), 4-digit year,
 * one import/export digit ('1' import, '0' export), 9-digit serial. Two-step declaration
 * is for imports only, so the ninth digit must be 1.
 */
export const ENTRY_NUMBER = /^\d{4}(20\d{2})1\d{9}$/;

export type EntryNumberProblem = 'format' | 'not_import';

export function entryNumberProblem(entryNo: string): EntryNumberProblem | null {
  if (!/^\d{4}20\d{2}\d{10}$/.test(entryNo)) return 'format';
  return ENTRY_NUMBER.test(entryNo) ? null : 'not_import';
}

/** Parts of a valid entry number, for display and for grouping by office and year. */
export function describeEntryNumber(entryNo: string): { customsCode: string; year: number; serial: string } | null {
  if (entryNumberProblem(entryNo) !== null) return null;
  return { customsCode: entryNo.slice(0, 4), year: Number(entryNo.slice(4, 8)), serial: entryNo.slice(9) };
}

/**
 * ISO 6346 letter values: A=10 upward, skipping multiples of 11 (11, 22, 33) so that no
 * letter's value collides with the modulus.
 */
function containerLetterValue(letter: string): number {
  let value = 10;
  for (let code = 65; code < letter.charCodeAt(0); code++) {
    value++;
    if (value % 11 === 0) value++;
  }
  return value;
}

export type ContainerNumberProblem = 'format' | 'check_digit';

/** ISO 6346 container number (集装箱号): owner code (3 letters), category U/J/Z, 6-digit serial, check digit. */
export function containerNumberProblem(containerNo: string): ContainerNumberProblem | null {
  if (!/^[A-Z]{3}[UJZ]\d{7}$/.test(containerNo)) return 'format';
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = containerNo.charAt(i);
    const value = i < 4 ? containerLetterValue(ch) : Number(ch);
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10 === Number(containerNo.charAt(10)) ? null : 'check_digit';
}
