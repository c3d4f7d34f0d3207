import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { csvField, UTF8_BOM, writeCsv } from './csv-write';

describe('csvField', () => {
  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('香蕉')).toBe('香蕉');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes numbers as they are, and a non-finite number as an empty field', () => {
    expect(csvField(0)).toBe('0');
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField(1234.56)).toBe('1234.56');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('a=b')).toBe('a=b');
  });
});

describe('writeCsv', () => {
  it('starts with the UTF-8 BOM and ends each row with CRLF', () => {
    const text = writeCsv([
      ['商品', '金额'],
      ['香蕉, 越南', 12.5],
    ]);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text).toBe(`${UTF8_BOM}商品,金额\r\n"香蕉, 越南",12.5\r\n`);
    expect(writeCsv([])).toBe(UTF8_BOM);
  });

  it('reads back through the CSV reader field for field (any text without a formula lead)', () => {
    const cell = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const kept = rows.filter((row) => !(row.length === 1 && row[0] === ''));
        const parsed = parseCsv(writeCsv(kept));
        expect(parsed.records.map((r) => r.fields)).toEqual(kept);
      }),
    );
  });
});
