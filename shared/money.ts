/**
 * Money is kept as integer fen (分, 1/100 RMB) everywhere so that sums are exact.
 * Conversions happen only at the edges (forms, display).
 */
export type Fen = number;

export function yuanToFen(yuan: number): Fen {
  return Math.round(yuan * 100);
}

/** Parses what an officer types ("1,234.5", "88") into fen; null when it is not money. */
export function parseYuan(text: string): Fen | null {
  const cleaned = text.replace(/[,\s，]/g, '');
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(cleaned)) return null;
  return yuanToFen(Number(cleaned));
}

export function formatFen(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}
