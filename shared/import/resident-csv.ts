import { isIsoDate } from '../dates';
import { portIdSchema } from '../model/common';
import { isValidIdNumber, type Resident, residentSchema } from '../model/resident';
import { fail, ok, type Result } from '../result';
import { parseCsv } from './csv';

/**
 * Residents (边民备案) from a CSV file: each row checked on its own and reported with
 * the column and the reason, in Chinese and English. Nothing is written here: the caller
 * gets the good rows and the report and decides (all or nothing).
 */

/** Rows a file may hold; a 10 MB file of residents is about 110,000. Beyond this the file is refused. */
export const MAX_IMPORT_ROWS = 200_000;

type ResidentField = Exclude<keyof Resident, 'id' | 'portId'>;
const REQUIRED: readonly ResidentField[] = ['name', 'idNumber', 'certificateNo', 'validFrom', 'validTo'];

/** Header names as officers write them, compared after `headerKey` (case, spaces, _ - . and parenthesised hints dropped). */
const HEADER_ALIASES: Record<ResidentField, readonly string[]> = {
  name: ['姓名', '边民姓名', 'name', 'fullname', 'residentname'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '身份证', 'idnumber', 'idno', 'idcard', 'idcardnumber'],
  certificateNo: ['边民证号', '边民证号码', '边民证', '互市证号', 'certificateno', 'certificatenumber', 'certificate', 'permitno'],
  township: ['乡镇', '乡', '镇', 'township', 'town'],
  village: ['村', '村委', '村委会', '行政村', 'village'],
  validFrom: ['有效期起', '有效期自', '有效期开始', '起始日期', '生效日期', 'validfrom', 'startdate'],
  validTo: ['有效期止', '有效期至', '有效期结束', '截止日期', '失效日期', 'validto', 'validuntil', 'enddate', 'expirydate'],
  status: ['状态', '边民证状态', 'status'],
};

const STATUS_ALIASES: Record<string, Resident['status']> = {
  有效: 'valid',
  正常: 'valid',
  active: 'valid',
  过期: 'expired',
  已过期: 'expired',
  失效: 'expired',
  暂停: 'suspended',
  停用: 'suspended',
  冻结: 'suspended',
};

type Bilingual = { zh: string; en: string };

const FIELD_RULES: Record<ResidentField, Bilingual> = {
  name: { zh: '姓名须为 1–64 个字', en: 'name: 1–64 characters' },
  idNumber: { zh: '身份证号须为 17 位数字加 1 位校验码（0–9 或 X）', en: 'ID number: 17 digits and a check character (0–9 or X)' },
  certificateNo: { zh: '边民证号须为 4–32 位大写字母、数字或 -', en: 'certificate number: 4–32 of A–Z, 0–9, -' },
  township: { zh: '乡镇最多 64 个字', en: 'township: at most 64 characters' },
  village: { zh: '村最多 64 个字', en: 'village: at most 64 characters' },
  validFrom: { zh: '有效期起须为日期，如 2024-01-01', en: 'valid from: a date such as 2024-01-01' },
  validTo: { zh: '有效期止须为日期，如 2030-12-31', en: 'valid to: a date such as 2030-12-31' },
  status: { zh: '状态须为 有效、过期 或 暂停', en: 'status: valid, expired or suspended' },
};

export interface ImportCellError {
  /** The column's header as written in the file ('*' for the row as a whole). */
  column: string;
  field: ResidentField | null;
  message: Bilingual;
}

export interface ResidentRowReport {
  /** Row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  /** Line of the text where the row starts (differs from `row` after a quoted line break). */
  line: number;
  ok: boolean;
  errors: ImportCellError[];
}

export interface ResidentImportReport {
  /** One report per non-blank data row, in file order. */
  rows: ResidentRowReport[];
  /** The rows that passed, in file order, with ids from `newId`. */
  residents: Resident[];
  badRowCount: number;
  /** Headers that name no resident field: read past, not imported. */
  ignoredColumns: string[];
  /** False when an unclosed quote made the end of the file unreadable (that row is reported). */
  isComplete: boolean;
}

function headerKey(header: string): string {
  return header
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s_\-.\u3000]/g, '')
    .toLowerCase();
}

const FIELDS: readonly ResidentField[] = ['name', 'idNumber', 'certificateNo', 'township', 'village', 'validFrom', 'validTo', 'status'];
const FIELD_BY_HEADER = new Map<string, ResidentField>(FIELDS.flatMap((field) => HEADER_ALIASES[field].map((alias) => [alias, field] as const)));
const isResidentField = (key: unknown): key is ResidentField => typeof key === 'string' && FIELDS.some((field) => field === key);

/** 2024-01-01, 2024/1/1, 2024.1.1, 2024年1月1日 or 20240101 → 2024-01-01; null when it is none of these or no real date. */
export function normalizeImportDate(text: string): string | null {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match === null) return null;
  const [, y, m, d] = match;
  const iso = `${y}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** A cell a spreadsheet would run as a formula when the data is exported again (CSV injection). */
export function isFormulaLike(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell) || /^[=+\-@]/.test(cell.trim());
}

/** A row carries neither: the id is made for good rows, the port is the importing officer's. */
const rowSchema = residentSchema.omit({ id: true, portId: true });

const rowError = (message: Bilingual): ImportCellError => ({ column: '*', field: null, message });

export function parseResidentCsv(text: string, options: { portId: string; newId: () => string }): Result<ResidentImportReport> {
  if (!portIdSchema.safeParse(options.portId).success) return fail('validation', `口岸代码无效 / Invalid port id`, 'portId');
  const parsed = parseCsv(text, { maxRecords: MAX_IMPORT_ROWS + 1 });
  if (parsed.isTruncated) {
    return fail('payload_too_large', `文件超过 ${MAX_IMPORT_ROWS} 行，请分批导入 / The file has more than ${MAX_IMPORT_ROWS} rows: import it in parts`);
  }
  const [header, ...data] = parsed.records;
  if (header === undefined) {
    return parsed.unterminatedQuote === null
      ? fail('validation', '文件为空 / The file is empty')
      : fail('validation', '表头有未闭合的引号 / The header row has an unclosed quote');
  }
  const columns = new Map<ResidentField, number>();
  const ignoredColumns: string[] = [];
  for (const [index, title] of header.fields.entries()) {
    const field = FIELD_BY_HEADER.get(headerKey(title));
    if (field === undefined) {
      if (title.trim() !== '') ignoredColumns.push(title.trim());
    } else if (columns.has(field)) {
      return fail('validation', `表头“${title.trim()}”重复 / Column "${title.trim()}" appears twice`, 'header');
    } else columns.set(field, index);
  }
  const missing = REQUIRED.filter((field) => !columns.has(field));
  if (missing.length > 0) {
    const names = missing.map((field) => HEADER_ALIASES[field][0]).join('、');
    const namesEn = missing.map((field) => HEADER_ALIASES[field].find((a) => /^[a-z]/.test(a))).join(', ');
    return fail('validation', `缺少列：${names} / Missing columns: ${namesEn}`, 'header');
  }
  const titleOf = (field: ResidentField) => header.fields[columns.get(field) ?? -1]?.trim() ?? field;

  const rows: ResidentRowReport[] = [];
  const residents: Resident[] = [];
  // Files repeat the same few validity dates on every row; checking each spelling once halves the date work.
  const dates = new Map<string, string | null>();
  const dateOf = (cell: string | undefined) => {
    const text = cell ?? '';
    let iso = dates.get(text);
    if (iso === undefined) {
      iso = normalizeImportDate(text);
      if (dates.size < 10_000) dates.set(text, iso);
    }
    return iso ?? text;
  };
  const firstRowOf = { idNumber: new Map<string, number>(), certificateNo: new Map<string, number>() };

  for (const record of data) {
    if (record.fields.every((f) => f.trim() === '')) continue;
    const errors: ImportCellError[] = [];
    const cellError = (field: ResidentField, message: Bilingual) => errors.push({ column: titleOf(field), field, message });
    if (record.isMalformed) errors.push(rowError({ zh: '引号位置不符合 CSV 格式', en: 'a quote where CSV allows none' }));
    const extra = record.fields.slice(header.fields.length).filter((f) => f.trim() !== '').length + record.droppedFields;
    if (extra > 0) errors.push(rowError({ zh: `比表头多 ${extra} 列`, en: `${extra} more cells than the header has columns` }));

    const cells: Partial<Record<ResidentField, string>> = {};
    for (const [field, index] of columns) {
      const raw = record.fields[index] ?? '';
      if (isFormulaLike(raw)) {
        cellError(field, { zh: '以 = + - @ 开头的内容可能是公式注入，已拒绝', en: 'starts with = + - or @: refused as a possible formula injection' });
      } else cells[field] = raw.trim();
    }
    const candidate = {
      name: cells.name ?? '',
      idNumber: (cells.idNumber ?? '').toUpperCase(),
      certificateNo: (cells.certificateNo ?? '').toUpperCase(),
      township: cells.township ?? '',
      village: cells.village ?? '',
      validFrom: dateOf(cells.validFrom),
      validTo: dateOf(cells.validTo),
      status: columns.has('status') ? (STATUS_ALIASES[cells.status ?? ''] ?? (cells.status ?? '').toLowerCase()) : 'valid',
    };
    const flagged = new Set(errors.map((e) => e.field));
    const checked = rowSchema.safeParse(candidate);
    const failedFields = new Set<ResidentField>();
    for (const issue of checked.success ? [] : checked.error.issues) {
      const field = issue.path[0];
      if (!isResidentField(field) || failedFields.has(field) || flagged.has(field)) continue;
      failedFields.add(field);
      const isBlank = field in cells && cells[field] === '';
      cellError(field, isBlank ? { zh: '不能为空', en: 'required' } : FIELD_RULES[field]);
    }
    const isOk = (field: ResidentField) => !failedFields.has(field) && !flagged.has(field);
    if (isOk('idNumber') && !isValidIdNumber(candidate.idNumber)) {
      cellError('idNumber', { zh: '身份证号校验码不符或出生日期无效', en: 'ID number: the check character or the birth date is wrong' });
    }
    if (isOk('validFrom') && isOk('validTo') && candidate.validTo < candidate.validFrom) {
      cellError('validTo', { zh: '有效期止早于有效期起', en: 'valid to is before valid from' });
    }
    for (const key of ['idNumber', 'certificateNo'] as const) {
      const value = candidate[key];
      if (value === '' || flagged.has(key)) continue;
      const first = firstRowOf[key].get(value);
      if (first === undefined) firstRowOf[key].set(value, record.row);
      else cellError(key, { zh: `与第 ${first} 行重复`, en: `same as row ${first}` });
    }

    if (errors.length === 0 && checked.success) residents.push({ id: options.newId(), portId: options.portId, ...checked.data });
    else if (errors.length === 0) errors.push(rowError({ zh: '该行无法导入', en: 'the row cannot be imported' }));
    rows.push({ row: record.row, line: record.line, ok: errors.length === 0, errors });
  }
  if (parsed.unterminatedQuote !== null) {
    const { row, line } = parsed.unterminatedQuote;
    rows.push({ row, line, ok: false, errors: [rowError({ zh: '引号未闭合，此行起的内容无法读取', en: 'a quote is never closed: nothing from this row on can be read' })] });
  }
  return ok({ rows, residents, badRowCount: rows.filter((r) => !r.ok).length, ignoredColumns, isComplete: parsed.unterminatedQuote === null });
}
