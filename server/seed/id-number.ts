/**
 * 居民身份证号 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence and
 * a check digit from the weighted sum of the first 17 digits, mod 11.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('17 digits expected');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '?';
}

export function isValidIdNumber(idNumber: string): boolean {
  return /^\d{17}[\dX]$/.test(idNumber) && idCheckDigit(idNumber.slice(0, 17)) === idNumber[17];
}

export function makeIdNumber(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}
