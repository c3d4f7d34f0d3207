import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { fail, ok, type Result } from '../result';

/**
 * The first sheet of an XLSX workbook (Office Open XML SpreadsheetML) as rows of text,
 * and a plain workbook written from rows. Only what officers' files hold is read: shared
 * and inline strings, numbers, booleans, cached formula results, and dates (numbers with
 * a date format, turned into YYYY-MM-DD). Styles, merged cells and other sheets are
 * ignored. The ZIP container is read by fflate (small, pure JavaScript, no I/O); the XML
 * of these few parts is regular enough to read without a DOM, which shared/ has not.
 */

/** Rows and columns read from one sheet; beyond these the file is refused (a sheet is 1,048,576 × 16,384 at most). */
export const MAX_XLSX_ROWS = 200_001;
export const MAX_XLSX_COLUMNS = 1024;
/** Uncompressed bytes of the parts read: a zip bomb stops here. */
export const MAX_XLSX_UNZIPPED_BYTES = 256 * 1024 * 1024;

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (match, name: string) => {
    if (name.startsWith('#x')) return safeCodePoint(Number.parseInt(name.slice(2), 16)) ?? match;
    if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10)) ?? match;
    return ENTITY[name] ?? match;
  });
}

function safeCodePoint(code: number): string | null {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&${c === '<' ? 'lt' : c === '>' ? 'gt' : c === '&' ? 'amp' : 'quot'};`);
}

/** The text of every <t> inside `xml` (a rich-text string is several runs), phonetic runs (<rPh>) left out. */
function textOf(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let text = '';
  for (const match of plain.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) text += unescapeXml(match[1] ?? '');
  return text;
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match === null ? null : unescapeXml(match[1] ?? '');
}

/** "C12" → 2 (0-based column). */
function columnIndex(ref: string): number {
  let n = 0;
  for (const c of ref) {
    const code = c.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Built-in number formats that show a date (ECMA-376 §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 30, 36, 50, 57]);

/** Which cell styles (index into cellXfs) show their number as a date. */
function dateStyles(stylesXml: string | undefined): Set<number> {
  const styles = new Set<number>();
  if (stylesXml === undefined) return styles;
  const custom = new Set<number>();
  for (const match of stylesXml.matchAll(/<numFmt\s[^>]*>/g)) {
    const id = Number(attribute(match[0], 'numFmtId'));
    // y, m, d outside quoted text and brackets make a date format ("yyyy-mm-dd", "yyyy年m月d日").
    const code = (attribute(match[0], 'formatCode') ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
    if (/[yd]/i.test(code)) custom.add(id);
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  let index = 0;
  for (const match of cellXfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = Number(attribute(match[0], 'numFmtId') ?? '0');
    if (BUILTIN_DATE_FORMATS.has(id) || custom.has(id)) styles.add(index);
    index++;
  }
  return styles;
}

/** Excel's day number (1900 date system; day 60 is the fictitious 1900-02-29) → YYYY-MM-DD. */
export function excelSerialToIsoDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const days = Math.floor(serial) - (serial < 60 ? 1 : 2);
  return new Date(Date.UTC(1900, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
}

function firstSheetPath(files: Record<string, Uint8Array>): string | null {
  const workbook = files['xl/workbook.xml'];
  const rels = files['xl/_rels/workbook.xml.rels'];
  if (workbook !== undefined && rels !== undefined) {
    const sheet = /<sheet\s[^>]*>/.exec(strFromU8(workbook));
    const relId = sheet === null ? null : attribute(sheet[0], 'r:id');
    for (const match of strFromU8(rels).matchAll(/<Relationship\s[^>]*>/g)) {
      if (attribute(match[0], 'Id') !== relId) continue;
      const target = attribute(match[0], 'Target') ?? '';
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      if (files[path] !== undefined) return path;
    }
  }
  return files['xl/worksheets/sheet1.xml'] === undefined ? null : 'xl/worksheets/sheet1.xml';
}

const WANTED = /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|xl\/worksheets\/[^/]+\.xml)$/;

/**
 * The first sheet's rows as text, numbered as the sheet numbers them (row 1 at index 0;
 * missing rows come back empty). Never throws: a file that is not a workbook is refused
 * with the reason.
 */
export function readXlsxRows(bytes: Uint8Array): Result<string[][]> {
  let files: Record<string, Uint8Array>;
  try {
    let total = 0;
    files = unzipSync(bytes, {
      filter: (file) => {
        if (!WANTED.test(file.name)) return false;
        total += file.originalSize;
        if (total > MAX_XLSX_UNZIPPED_BYTES) throw new Error('too large');
        return true;
      },
    });
  } catch {
    return fail('validation', '不是可读取的 XLSX 文件 / Not a readable XLSX file', 'file');
  }
  const path = firstSheetPath(files);
  const sheetBytes = path === null ? undefined : files[path];
  if (sheetBytes === undefined) return fail('validation', 'XLSX 文件中没有工作表 / The XLSX file has no worksheet', 'file');
  const shared: string[] = [];
  const sharedXml = files['xl/sharedStrings.xml'];
  if (sharedXml !== undefined) for (const match of strFromU8(sharedXml).matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\b[^>]*\/>/g)) shared.push(textOf(match[1] ?? ''));
  const stylesXml = files['xl/styles.xml'];
  const dates = dateStyles(stylesXml === undefined ? undefined : strFromU8(stylesXml));

  const rows: string[][] = [];
  const sheet = strFromU8(sheetBytes);
  for (const rowMatch of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rowNumber = Number(attribute(`<row${rowMatch[1] ?? ''}>`, 'r') ?? rows.length + 1);
    if (!Number.isInteger(rowNumber) || rowNumber < 1 || rowNumber > MAX_XLSX_ROWS) {
      return fail('payload_too_large', `工作表超过 ${MAX_XLSX_ROWS - 1} 行，请分批导入 / The sheet has too many rows: import it in parts`, 'file');
    }
    while (rows.length < rowNumber - 1) rows.push([]);
    const cells: string[] = [];
    for (const cell of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = `<c${cell[1] ?? ''}>`;
      const body = cell[2] ?? '';
      const ref = attribute(tag, 'r');
      const column = ref === null ? cells.length : columnIndex(ref);
      if (column < 0 || column >= MAX_XLSX_COLUMNS) continue;
      const type = attribute(tag, 't') ?? 'n';
      const raw = unescapeXml(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '');
      let value: string;
      if (type === 's') value = shared[Number(raw)] ?? '';
      else if (type === 'inlineStr') value = textOf(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else if (type === 'b') value = raw === '1' ? 'TRUE' : raw === '0' ? 'FALSE' : raw;
      else if (type === 'n' && raw !== '' && dates.has(Number(attribute(tag, 's') ?? '0'))) value = excelSerialToIsoDate(Number(raw)) ?? raw;
      else value = raw;
      while (cells.length < column) cells.push('');
      cells[column] = value;
    }
    rows[rowNumber - 1] = cells;
  }
  return ok(rows);
}

/** Rows as RFC 4180 CSV text (CRLF), so an XLSX import goes through the same checks as a CSV one. */
export function rowsToCsv(rows: readonly (readonly string[])[]): string {
  const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return rows.map((row) => row.map(field).join(',')).join('\r\n');
}

export interface XlsxSheet {
  /** 1–31 characters, none of \ / ? * [ ] : */
  name: string;
  rows: readonly (readonly (string | number)[])[];
}

/** A workbook of plain sheets: numbers as numbers, text as inline strings. */
export function writeXlsx(sheets: readonly XlsxSheet[]): Uint8Array {
  const sheetXml = (sheet: XlsxSheet) => {
    const rows = sheet.rows
      .map((row, r) => {
        const cells = row
          .map((value, c) => {
            const ref = `${columnName(c)}${r + 1}`;
            return typeof value === 'number' && Number.isFinite(value)
              ? `<c r="${ref}"><v>${value}</v></c>`
              : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(value))}</t></is></c>`;
          })
          .join('');
        return `<row r="${r + 1}">${cells}</row>`;
      })
      .join('');
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
  };
  const safeName = (name: string, i: number) => name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || `Sheet${i + 1}`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(safeName(s.name, i))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    ),
  };
  sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(sheet));
  });
  return zipSync(files);
}
