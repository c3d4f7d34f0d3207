import type { Resident } from '../model/resident';

/**
 * A filed resident's status on a CST date, as a list shows it: suspended as filed (暂停);
 * expired (已过期) once `validTo` is past even when the record still says valid; not yet
 * valid (未生效) before `validFrom`; valid (有效) otherwise.
 */
export type ResidentStatusOn = 'valid' | 'expired' | 'suspended' | 'not_yet_valid';

export function residentStatusOn(resident: Pick<Resident, 'status' | 'validFrom' | 'validTo'>, date: string): ResidentStatusOn {
  if (resident.status === 'suspended') return 'suspended';
  if (resident.status === 'expired' || resident.validTo < date) return 'expired';
  if (date < resident.validFrom) return 'not_yet_valid';
  return 'valid';
}

export const RESIDENT_STATUS_LABELS: Record<ResidentStatusOn, { zh: string; en: string }> = {
  valid: { zh: '有效', en: 'Valid' },
  expired: { zh: '已过期', en: 'Expired' },
  suspended: { zh: '已暂停', en: 'Suspended' },
  not_yet_valid: { zh: '未生效', en: 'Not yet valid' },
};

/** What a resident search box holds: a certificate number, an ID number, or a name. */
export type ResidentQuery =
  | { kind: 'empty' }
  | { kind: 'idNumber'; value: string }
  | { kind: 'certificateOrId'; value: string }
  | { kind: 'name'; value: string };

/**
 * Reads the search text: 18 characters of digits (and a final X) are an ID number; other
 * text of A–Z, 0–9 and - (upper-cased) a certificate number prefix or an ID number prefix;
 * anything else a name prefix.
 */
export function parseResidentQuery(text: string): ResidentQuery {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const upper = trimmed.toUpperCase();
  if (/^\d{17}[\dX]$/.test(upper)) return { kind: 'idNumber', value: upper };
  if (/^[A-Z0-9-]+$/.test(upper) && /\d/.test(upper)) return { kind: 'certificateOrId', value: upper };
  return { kind: 'name', value: trimmed };
}
