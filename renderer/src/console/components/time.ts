const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** YYYY-MM-DD HH:MM:SS in China Standard Time, whatever the browser's zone (HQ works in CST). */
export function cstDateTime(iso: string | null): string {
  if (iso === null) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '—';
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
