import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import { isValidIdNumber, residentSchema } from '../model/resident';
import { isFormulaLike, MAX_IMPORT_ROWS, normalizeImportDate, parseResidentCsv, type ResidentImportReport } from './resident-csv';

const HEADER_ZH = '姓名,身份证号,边民证号,乡镇,村,有效期起,有效期止,状态';
const HEADER_EN = 'Name,ID Number,Certificate No,Township,Village,Valid From,Valid To,Status';
/** Valid ID numbers (GB 11643 check characters) for the fixtures. */
const ID = ['45068119800101123X', '11010519491231002X', '450681199001010012'] as const;

function idGenerator() {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

function importCsv(text: string): ResidentImportReport {
  const result = parseResidentCsv(text, { portId: 'DONGXING', newId: idGenerator() });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}
const errorsOf = (report: ResidentImportReport) => report.rows.filter((r) => !r.ok).map((r) => [r.row, r.errors.map((e) => `${e.column}: ${e.message.en}`)]);

describe('parseResidentCsv: good files', () => {
  it('imports rows under Chinese headers, with a BOM and CRLF', () => {
    const report = importCsv(`\uFEFF${HEADER_ZH}\r\n黄氏兰,${ID[0]},DX000001,东兴镇,竹山村,2024-01-01,2030-12-31,有效\r\n`);
    expect(report.residents).toEqual([
      {
        id: '00000000-0000-4000-8000-000000000001',
        portId: 'DONGXING',
        name: '黄氏兰',
        idNumber: ID[0],
        certificateNo: 'DX000001',
        township: '东兴镇',
        village: '竹山村',
        validFrom: '2024-01-01',
        validTo: '2030-12-31',
        status: 'valid',
      },
    ]);
    expect(report).toMatchObject({ rows: [{ row: 2, line: 2, ok: true, errors: [] }], badRowCount: 0, ignoredColumns: [], isComplete: true });
    for (const resident of report.residents) expect(residentSchema.parse(resident)).toEqual(resident);
  });

  it('imports rows under English headers in any order and case, ignoring columns it does not know', () => {
    const report = importCsv(`status,valid_to,VALID FROM,village,township,certificate no,id_number,name,remarks\nsuspended,2030-12-31,2024-01-01,,,dx000002,${ID[1].toLowerCase()},Lê Văn Tám,vip\n`);
    expect(report.residents[0]).toMatchObject({ name: 'Lê Văn Tám', certificateNo: 'DX000002', idNumber: ID[1], status: 'suspended', township: '', village: '' });
    expect(report.ignoredColumns).toEqual(['remarks']);
  });

  it('takes header hints in brackets, common date spellings and status words', () => {
    const header = '姓名,身份证号码,互市证号,有效期起（YYYY-MM-DD）,有效期至,状态';
    const report = importCsv(`${header}\n甲,${ID[0]},DX1001,2024/1/1,2030年12月31日,正常\n乙,${ID[1]},DX1002,2024.01.01,20301231,已过期\n丙,${ID[2]},DX1003,2024-1-1,2030-12-31,停用\n`);
    expect(report.residents.map((r) => [r.validFrom, r.validTo, r.status])).toEqual([
      ['2024-01-01', '2030-12-31', 'valid'],
      ['2024-01-01', '2030-12-31', 'expired'],
      ['2024-01-01', '2030-12-31', 'suspended'],
    ]);
  });

  it('files residents as valid when the file has no status column', () => {
    expect(importCsv(`姓名,身份证号,边民证号,有效期起,有效期止\n甲,${ID[0]},DX1001,2024-01-01,2030-12-31\n`).residents[0]?.status).toBe('valid');
  });

  it('reads quoted cells with commas, quotes and line breaks, skips blank lines and numbers rows as a spreadsheet does', () => {
    const text = `${HEADER_EN}\n"Nguyễn, Thị ""Hoa""",${ID[0]},DX1001,"Đông
Hưng",,2024-01-01,2030-12-31,valid\n\n,,,,,,,\n乙,${ID[1]},DX1002,,,2024-01-01,2030-12-31,valid\n`;
    const report = importCsv(text);
    expect(report.residents.map((r) => [r.name, r.township])).toEqual([
      ['Nguyễn, Thị "Hoa"', 'Đông\nHưng'],
      ['乙', ''],
    ]);
    expect(report.rows.map((r) => [r.row, r.line])).toEqual([
      [2, 2],
      [5, 6],
    ]);
  });
});

describe('parseResidentCsv: bad rows are named with the column and the reason', () => {
  it('reports each bad cell of a row and keeps the good rows', () => {
    const text = [
      HEADER_ZH,
      `甲,${ID[0]},DX1001,,,2024-01-01,2030-12-31,有效`,
      `,12345,dx 1,,,2024-02-30,2030-12-31,作废`,
      `丙,${ID[2]},DX1003,,,2030-01-01,2024-12-31,有效`,
    ].join('\n');
    const report = importCsv(text);
    expect(report.residents.map((r) => r.certificateNo)).toEqual(['DX1001']);
    expect(report.badRowCount).toBe(2);
    expect(errorsOf(report)).toEqual([
      [
        3,
        [
          '姓名: required',
          '身份证号: ID number: 17 digits and a check character (0–9 or X)',
          '边民证号: certificate number: 4–32 of A–Z, 0–9, -',
          '有效期起: valid from: a date such as 2024-01-01',
          '状态: status: valid, expired or suspended',
        ],
      ],
      [4, ['有效期止: valid to is before valid from']],
    ]);
    expect(report.rows[1]?.errors[0]).toEqual({ column: '姓名', field: 'name', message: { zh: '不能为空', en: 'required' } });
  });

  it('refuses an ID number whose check character is wrong', () => {
    const report = importCsv(`${HEADER_ZH}\n甲,110105194912310021,DX1001,,,2024-01-01,2030-12-31,有效\n`);
    expect(errorsOf(report)).toEqual([[2, ['身份证号: ID number: the check character or the birth date is wrong']]]);
  });

  it('refuses the second of two rows with the same ID number or certificate number, naming the first', () => {
    const text = `${HEADER_ZH}\n甲,${ID[0]},DX1001,,,2024-01-01,2030-12-31,有效\n乙,${ID[1]},dx1001,,,2024-01-01,2030-12-31,有效\n丙,${ID[0].toLowerCase()},DX1003,,,2024-01-01,2030-12-31,有效\n`;
    const report = importCsv(text);
    expect(errorsOf(report)).toEqual([
      [3, ['边民证号: same as row 2']],
      [4, ['身份证号: same as row 2']],
    ]);
    expect(report.rows[1]?.errors[0]?.message.zh).toBe('与第 2 行重复');
  });

  it.each(['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '  =1'])('refuses a formula-like cell %j', (cell) => {
    const quoted = `"${cell.replaceAll('"', '""')}"`;
    const report = importCsv(`${HEADER_ZH}\n${quoted},${ID[0]},DX1001,,${quoted},2024-01-01,2030-12-31,有效\n`);
    expect(report.residents).toEqual([]);
    expect(report.rows[0]?.errors.map((e) => [e.column, e.message.zh])).toEqual([
      ['姓名', '以 = + - @ 开头的内容可能是公式注入，已拒绝'],
      ['村', '以 = + - @ 开头的内容可能是公式注入，已拒绝'],
    ]);
  });

  it('refuses a row with more cells than the header, or a stray quote', () => {
    const report = importCsv(`${HEADER_ZH}\n甲,${ID[0]},DX1001,,,2024-01-01,2030-12-31,有效,x,,y\n乙,${ID[1]},DX"1002,,,2024-01-01,2030-12-31,有效\n`);
    expect(errorsOf(report)).toEqual([
      [2, ['*: 2 more cells than the header has columns']],
      [3, ['*: a quote where CSV allows none', '边民证号: certificate number: 4–32 of A–Z, 0–9, -']],
    ]);
    expect(importCsv(`${HEADER_ZH}\n甲,${ID[0]},DX1001,,,2024-01-01,2030-12-31,有效,,,\n`).badRowCount).toBe(0);
  });

  it('reports an unclosed quote on its row, keeps the rows before and says the file is incomplete', () => {
    const report = importCsv(`${HEADER_ZH}\n甲,${ID[0]},DX1001,,,2024-01-01,2030-12-31,有效\n"乙,${ID[1]},DX1002,,,2024-01-01,2030-12-31,有效\n丙,${ID[2]},DX1003\n`);
    expect(report.residents.map((r) => r.certificateNo)).toEqual(['DX1001']);
    expect(report.isComplete).toBe(false);
    expect(errorsOf(report)).toEqual([[3, ['*: a quote is never closed: nothing from this row on can be read']]]);
  });
});

describe('parseResidentCsv: files it refuses whole', () => {
  const refuse = (text: string) => parseResidentCsv(text, { portId: 'DONGXING', newId: idGenerator() });

  it('refuses an empty file, a header with a required column missing, and a column named twice', () => {
    expect(refuse('')).toMatchObject({ ok: false, error: { code: 'validation', message: '文件为空 / The file is empty' } });
    expect(refuse('\uFEFF\r\n\r\n')).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(refuse('姓名,村,有效期起\n甲,乙,2024-01-01\n')).toMatchObject({
      ok: false,
      error: { field: 'header', message: '缺少列：身份证号、边民证号、有效期止 / Missing columns: idnumber, certificateno, validto' },
    });
    expect(refuse(`${HEADER_ZH},Name\n`)).toMatchObject({ ok: false, error: { field: 'header', message: expect.stringContaining('Column "Name" appears twice') } });
    expect(refuse('"姓名,身份证号\n')).toMatchObject({ ok: false, error: { message: expect.stringContaining('unclosed quote') } });
  });

  it('refuses a bad port id and a file with too many rows', () => {
    expect(parseResidentCsv(HEADER_ZH, { portId: 'dongxing', newId: idGenerator() })).toMatchObject({ ok: false, error: { field: 'portId' } });
    const tooMany = `${HEADER_ZH}\n${'x\n'.repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(refuse(tooMany)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
  });
});

describe('parseResidentCsv: hostile and large input', () => {
  it('imports a 10 MB file of 110,000 residents in linear time', () => {
    const lines = [HEADER_ZH];
    for (let n = 1; n <= 110_000; n++) {
      const birth = addDays('1960-01-01', Math.floor(n / 1000)).replaceAll('-', '');
      const first17 = `450681${birth}${String(n % 1000).padStart(3, '0')}`;
      const sum = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2].reduce((total, w, i) => total + w * Number(first17.charAt(i)), 0);
      lines.push(`边民${n},${first17}${'10X98765432'.charAt(sum % 11)},DX${String(n).padStart(6, '0')},东兴镇,竹山村,2024-01-01,2030-12-31,有效`);
    }
    // The last row repeats the first's ID number.
    lines.push(`重复,${lines[1]?.split(',')[1]},DX999999,,,2024-01-01,2030-12-31,有效`);
    const text = lines.join('\r\n');
    expect(text.length).toBeGreaterThan(7_000_000);
    const started = performance.now();
    const report = importCsv(text);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(report.residents).toHaveLength(110_000);
    expect(errorsOf(report)).toEqual([[110_002, ['身份证号: same as row 2']]]);
  }, 60_000);

  it('answers a 10 MB unclosed quote quickly with a row error', () => {
    const report = importCsv(`${HEADER_ZH}\n"${'x'.repeat(10_000_000)}`);
    expect(report).toMatchObject({ isComplete: false, residents: [], badRowCount: 1 });
  });

  it('never throws and never lets a bad ID number, a formula or a duplicate through (property)', () => {
    const cell = fc.oneof(
      fc.constantFrom(...ID, 'DX1001', 'dx1001', '2024-01-01', '2030-12-31', '有效', 'expired', '', '=1', '@x', '"', ',', '\n', '黄'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 0, maxLength: 10 }), { maxLength: 8 }), (rows) => {
        const text = [HEADER_ZH, ...rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))].join('\n');
        const report = importCsv(text);
        const ids = new Set<string>();
        const certificates = new Set<string>();
        for (const resident of report.residents) {
          expect(residentSchema.safeParse(resident).success).toBe(true);
          expect(isValidIdNumber(resident.idNumber)).toBe(true);
          expect(Object.values(resident).some((v) => isFormulaLike(v))).toBe(false);
          expect(ids.has(resident.idNumber) || certificates.has(resident.certificateNo)).toBe(false);
          ids.add(resident.idNumber);
          certificates.add(resident.certificateNo);
        }
        expect(report.rows.filter((r) => r.ok)).toHaveLength(report.residents.length);
        for (const row of report.rows) expect(row.ok).toBe(row.errors.length === 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeImportDate and isFormulaLike', () => {
  it('normalises the date spellings spreadsheets produce and refuses impossible dates', () => {
    expect(normalizeImportDate('2024-1-9')).toBe('2024-01-09');
    expect(normalizeImportDate('2024年1月9日')).toBe('2024-01-09');
    expect(normalizeImportDate('20240109')).toBe('2024-01-09');
    expect(normalizeImportDate('2023/2/29')).toBeNull();
    expect(normalizeImportDate('45292')).toBeNull(); // an Excel serial number
    expect(normalizeImportDate('09/01/2024')).toBeNull(); // ambiguous day and month order
  });

  it('flags cells a spreadsheet would evaluate, not ordinary text', () => {
    expect(['=1', '+86', '-1', '@a', '\tx', ' =1'].map(isFormulaLike)).toEqual([true, true, true, true, true, true]);
    expect(['黄氏兰', 'DX-0001', 'a=b', ''].map(isFormulaLike)).toEqual([false, false, false, false]);
  });
});
