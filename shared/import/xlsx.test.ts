import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseResidentCsv } from './resident-csv';
import { columnName, excelSerialToIsoDate, readXlsxRows, rowsToCsv, writeXlsx } from './xlsx';

/** A workbook shaped as spreadsheet programs save it: shared strings, a date style, gaps. */
function excelLikeWorkbook(): Uint8Array {
  const xml = (s: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
  return zipSync({
    'xl/workbook.xml': xml(
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="边民" sheetId="1" r:id="rId7"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': xml(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/></Relationships>',
    ),
    'xl/sharedStrings.xml': xml(
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>姓名</t></si><si><t>有效期起</t></si><si><r><t>黄</t></r><r><t xml:space="preserve">志强</t></r><rPh><t>こう</t></rPh></si><si><t>A &amp; B &lt;c&gt;</t></si></sst>',
    ),
    'xl/styles.xml': xml(
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/></cellXfs></styleSheet>',
    ),
    'xl/worksheets/data.xml': xml(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
        '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"><v>45292</v></c><c r="D3" s="2"><v>47848</v></c></row>' +
        '<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4"><v>12.5</v></c><c r="C4" t="b"><v>1</v></c><c r="E4" t="str"><f>A4</f><v>calc</v></c></row>' +
        '</sheetData></worksheet>',
    ),
  });
}

describe('readXlsxRows', () => {
  it('reads shared strings (rich text joined), dates by style, numbers, booleans, formulas, with rows and columns where the sheet has them', () => {
    const rows = readXlsxRows(excelLikeWorkbook());
    expect(rows).toEqual({
      ok: true,
      data: [['姓名', '有效期起'], [], ['黄志强', '2024-01-01', '', '2030-12-31'], ['A & B <c>', '12.5', 'TRUE', '', 'calc']],
    });
  });

  it('reads back what writeXlsx writes', () => {
    const bytes = writeXlsx([{ name: 'day', rows: [['点', '金额'], ['DX-01', 1234.5], ['"quoted", <b>', 0]] }]);
    expect(readXlsxRows(bytes)).toEqual({ ok: true, data: [['点', '金额'], ['DX-01', '1234.5'], ['"quoted", <b>', '0']] });
  });

  it('refuses what is not a workbook, with the reason', () => {
    expect(readXlsxRows(strToU8('姓名,身份证号\n'))).toMatchObject({ ok: false, error: { code: 'validation', field: 'file' } });
    expect(readXlsxRows(zipSync({ 'hello.txt': strToU8('hi') }))).toMatchObject({ ok: false, error: { message: expect.stringContaining('no worksheet') } });
  });
});

describe('helpers', () => {
  it('numbers columns as spreadsheets do and turns day numbers into dates', () => {
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(excelSerialToIsoDate(1)).toBe('1900-01-01');
    expect(excelSerialToIsoDate(61)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(45292)).toBe('2024-01-01');
    expect(excelSerialToIsoDate(0)).toBeNull();
  });

  it('writes CSV that the CSV reader reads back cell for cell, so an XLSX import is checked like a CSV one', () => {
    const rows = [
      ['姓名', '身份证号', '边民证号', '有效期起', '有效期止'],
      ['黄志强', '11010519491231002X', 'DX100001', '2024-01-01', '2030-12-31'],
      ['"陆", 海燕\n', '110105194912310021', 'DX100002', '2024-01-01', '2030-12-31'],
    ];
    const report = parseResidentCsv(rowsToCsv(rows), { portId: 'DONGXING', newId: () => crypto.randomUUID() });
    expect(report.ok && report.data.rows.map((r) => [r.row, r.ok])).toEqual([
      [2, true],
      [3, false],
    ]);
    expect(report.ok && report.data.residents[0]?.name).toBe('黄志强');
  });
});
