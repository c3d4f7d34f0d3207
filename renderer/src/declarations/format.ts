import { formatFen } from '../../../shared/index';

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** HH:MM:SS of an instant in China Standard Time, whatever the desk's zone. */
export function cstTimeOf(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '—';
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(11, 19);
}

/** YYYY-MM-DD HH:MM:SS in CST, for "last sync". */
export function cstDateTimeOf(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '—';
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export const money = formatFen;
