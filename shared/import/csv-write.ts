/**
 * CSV for exports that officers open in Excel: RFC 4180 quoting (a field with a comma,
 * quote or line break in quotes, quotes doubled), CRLF line ends, and a UTF-8 byte order
 * mark so that Excel reads Chinese text as UTF-8 rather than the system code page.
 */
export type CsvCell = string | number;

export const UTF8_BOM = '\uFEFF';

/**
 * A text cell that a spreadsheet would run as a formula (= + - @, or a tab or CR first) is
 * written with a leading apostrophe, so an exported name can never execute. Numbers are
 * written as they are.
 */
export function csvField(cell: CsvCell): string {
  let text = typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : cell;
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV text, BOM first, each row ended by CRLF. */
export function writeCsv(rows: readonly (readonly CsvCell[])[]): string {
  return UTF8_BOM + rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
