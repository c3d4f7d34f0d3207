/**
 * An RFC 4180 CSV reader for files officers bring from spreadsheets: quoted fields with
 * commas, line breaks and doubled quotes, CRLF / LF / CR line ends, a UTF-8 BOM. One
 * pass over the text with no backtracking, so a hostile 10 MB file costs what a good one
 * does. It never throws: what it cannot read is marked on the record.
 */

/** Fields kept per record; a record with more is marked, the surplus counted but not kept (memory). */
export const MAX_CSV_FIELDS = 1024;

export interface CsvRecord {
  /** 1-based record number, as a spreadsheet numbers its rows (a quoted line break does not start a row). */
  row: number;
  /** 1-based line of the text where the record starts. */
  line: number;
  fields: string[];
  /** Fields beyond MAX_CSV_FIELDS, not kept. */
  droppedFields: number;
  /** A quote where RFC 4180 allows none (`ab"c`, or text after a closing quote). */
  isMalformed: boolean;
}

export interface CsvParse {
  /** Every record but blank lines (nothing between two line ends), which count as rows but are not kept. */
  records: CsvRecord[];
  /** True when reading stopped at `maxRecords`: the rest of the text was not read. */
  isTruncated: boolean;
  /** Where a quoted field opened that never closed: everything from there to the end is unreadable. */
  unterminatedQuote: { row: number; line: number } | null;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/**
 * Reads `input` into records. Blank lines are skipped (a hostile file of nothing but line
 * ends would otherwise cost a record each); `maxRecords` bounds the memory a huge file
 * can take.
 */
export function parseCsv(input: string, options: { maxRecords?: number } = {}): CsvParse {
  const maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const n = text.length;
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  let row = 0;
  while (i < n) {
    row++;
    const first = text.charCodeAt(i);
    if (first === CR || first === LF) {
      i += first === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    if (records.length >= maxRecords) return { records, isTruncated: true, unterminatedQuote: null };
    const record: CsvRecord = { row, line, fields: [], droppedFields: 0, isMalformed: false };
    const keep = (field: string) => {
      if (record.fields.length < MAX_CSV_FIELDS) record.fields.push(field);
      else record.droppedFields++;
    };
    for (;;) {
      let field = '';
      const isQuoted = text.charCodeAt(i) === QUOTE;
      if (isQuoted) {
        const chunks: string[] = [];
        let at = i + 1;
        for (;;) {
          const close = text.indexOf('"', at);
          if (close === -1) return { records, isTruncated: false, unterminatedQuote: { row: record.row, line: record.line } };
          chunks.push(text.slice(at, close));
          line += countLineBreaks(text, at, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            chunks.push('"');
            at = close + 2;
          } else {
            at = close + 1;
            break;
          }
        }
        field = chunks.join('');
        i = at;
      }
      // Unquoted text, or whatever follows a closing quote (malformed, kept as read).
      const start = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === CR || c === LF) break;
        if (c === QUOTE) record.isMalformed = true;
        i++;
      }
      if (i > start) {
        if (isQuoted) record.isMalformed = true;
        field += text.slice(start, i);
      }
      keep(field);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      i++;
      if (c === COMMA) {
        if (i >= n) keep('');
        else continue;
        break;
      }
      if (c === CR && text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }
    records.push(record);
  }
  return { records, isTruncated: false, unterminatedQuote: null };
}
