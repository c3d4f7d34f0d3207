import { z } from 'zod';
import { isIsoDate } from '../dates';
import { idSchema, isoDateSchema, portIdSchema } from './common';

/** 居民身份证号: 17 digits and a check digit (0-9 or X). */
export const ID_NUMBER = /^\d{17}[\dX]$/;
/** 边民证 / 互市证 number as issued at the port. */
export const CERTIFICATE_NO = /^[A-Z0-9-]{4,32}$/;

export const RESIDENT_STATUSES = ['valid', 'expired', 'suspended'] as const;

/** A border resident (边民) filed with customs. */
export const residentSchema = z.object({
  id: idSchema,
  portId: portIdSchema,
  name: z.string().trim().min(1).max(64),
  idNumber: z.string().regex(ID_NUMBER, 'ID number: 17 digits and a check digit'),
  certificateNo: z.string().regex(CERTIFICATE_NO, 'certificate number: 4–32 of A–Z, 0–9, -'),
  township: z.string().max(64),
  village: z.string().max(64),
  validFrom: isoDateSchema,
  validTo: isoDateSchema,
  status: z.enum(RESIDENT_STATUSES),
});
export type Resident = z.infer<typeof residentSchema>;

/** Whether the resident may trade on `tradeDate` (YYYY-MM-DD). */
export function isResidentActiveOn(resident: Resident, tradeDate: string): boolean {
  return resident.status === 'valid' && resident.validFrom <= tradeDate && tradeDate <= resident.validTo;
}

/** 450681********1234: lists show only the region and the last four digits. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 10) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

/** GB 11643-1999 weights of the first 17 digits, and the check character for each remainder mod 11. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/**
 * Whether an 18-character ID number (居民身份证号) is well formed per GB 11643-1999: its
 * birth date (characters 7–14) is a real date from 1900 on and its last character is
 * the check character of the first 17. A typo in one digit always fails the check.
 */
export function isValidIdNumber(idNumber: string): boolean {
  if (!ID_NUMBER.test(idNumber)) return false;
  const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (birth < '1900-01-01' || !isIsoDate(birth)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(idNumber.charAt(i)) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK.charAt(sum % 11) === idNumber.charAt(17);
}
