import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CSV_FIELDS, parseCsv } from './csv';

const fieldsOf = (text: string) => parseCsv(text).records.map((r) => r.fields);

/** What a spreadsheet writes: quotes only where needed, doubled inside. */
const toCsv = (rows: string[][], eol: string) =>
  rows.map((row) => row.map((f) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f)).join(',')).join(eol);

describe('parseCsv', () => {
  it('reads plain rows with CRLF, LF or CR line ends, with or without a final line end', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      expect(fieldsOf(`姓名,村${eol}黄氏兰,竹山村${eol}`)).toEqual([['姓名', '村'], ['黄氏兰', '竹山村']]);
      expect(fieldsOf(`姓名,村${eol}黄氏兰,竹山村`)).toEqual([['姓名', '村'], ['黄氏兰', '竹山村']]);
    }
  });

  it('drops a leading BOM and only that', () => {
    expect(fieldsOf('\uFEFF姓名,村\n')).toEqual([['姓名', '村']]);
    expect(fieldsOf('a,\uFEFFb')).toEqual([['a', '\uFEFFb']]);
  });

  it('reads quoted commas, doubled quotes and line breaks inside quotes, counting rows as a spreadsheet does', () => {
    const parsed = parseCsv('name,note\r\n"Lê, Văn","say ""xin chào""\r\nthen go"\r\nB,x\r\n');
    expect(parsed.records.map((r) => [r.row, r.line, r.fields])).toEqual([
      [1, 1, ['name', 'note']],
      [2, 2, ['Lê, Văn', 'say "xin chào"\r\nthen go']],
      [3, 4, ['B', 'x']],
    ]);
  });

  it('keeps empty fields, skips blank lines but counts them as rows', () => {
    const parsed = parseCsv('a,,c,\n\r\n\r,\n""');
    expect(parsed.records.map((r) => [r.row, r.line, r.fields])).toEqual([
      [1, 1, ['a', '', 'c', '']],
      [4, 4, ['', '']],
      [5, 5, ['']],
    ]);
  });

  it('stops after maxRecords records and says so', () => {
    const parsed = parseCsv('a\nb\n\nc\nd\n', { maxRecords: 3 });
    expect(parsed.records.map((r) => r.fields[0])).toEqual(['a', 'b', 'c']);
    expect(parsed.isTruncated).toBe(true);
    expect(parseCsv('a\nb\nc\n', { maxRecords: 3 }).isTruncated).toBe(false);
  });

  it('marks a quote inside an unquoted field and text after a closing quote as malformed, keeping what it read', () => {
    const parsed = parseCsv('ok,fine\nab"c,d\n"x"y,z\n');
    expect(parsed.records.map((r) => [r.isMalformed, r.fields])).toEqual([
      [false, ['ok', 'fine']],
      [true, ['ab"c', 'd']],
      [true, ['xy', 'z']],
    ]);
  });

  it('stops at a quote that never closes, saying where it opened', () => {
    const parsed = parseCsv('a,b\nc,d\n"e,f\ng,h\n');
    expect(parsed.records.map((r) => r.fields)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parsed.unterminatedQuote).toEqual({ row: 3, line: 3 });
  });

  it('keeps at most MAX_CSV_FIELDS fields of a record and counts the rest', () => {
    const [record] = parseCsv(','.repeat(MAX_CSV_FIELDS + 9)).records;
    expect(record?.fields).toHaveLength(MAX_CSV_FIELDS);
    expect(record?.droppedFields).toBe(10);
  });

  it('reads back what a spreadsheet writes (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', '黄', ',', '"', '\n', '\r', ' ', '=', '\u00e9'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), fc.constantFrom('\r\n', '\n'), (rows, eol) => {
        const parsed = parseCsv(toCsv(rows, eol));
        expect(parsed.unterminatedQuote).toBeNull();
        expect(parsed.records.map((r) => r.fields)).toEqual(rows);
        expect(parsed.records.every((r) => !r.isMalformed)).toBe(true);
      }),
    );
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '\uFEFF'), maxLength: 60 }), (text) => {
        const parsed = parseCsv(text);
        for (const r of parsed.records) expect(r.fields.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['10 MB of one quoted field that never closes', () => `"${'x'.repeat(10_000_000)}`],
    ['10 MB of doubled quotes', () => `"${'""'.repeat(5_000_000)}"`],
    ['10 MB of commas', () => ','.repeat(10_000_000)],
    ['10 MB of line ends', () => '\r\n'.repeat(5_000_000)],
    ['10 MB of rows of commas', () => ',,,,,,,\n'.repeat(1_250_000)],
    ['10 MB of ordinary rows', () => '黄氏兰,45068119800101123X,DX000001,东兴镇,竹山村,2024-01-01,2030-12-31,有效\n'.repeat(110_000)],
    ['10 MB of quotes in unquoted text', () => `a${'"'.repeat(10_000_000)}`],
  ])('reads %s in linear time', (_, make) => {
    const text = make();
    const started = performance.now();
    parseCsv(text);
    expect(performance.now() - started).toBeLessThan(5_000); // quadratic work on 10 MB would take minutes
  });
});
