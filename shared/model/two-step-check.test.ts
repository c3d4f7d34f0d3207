import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineInspection, TwoStepEntry, TwoStepLine } from './two-step';
import { checkSummaryDeclaration } from './two-step-check';

const line: TwoStepLine = {
  hsCode: '080111',
  name: '干椰子 desiccated coconut',
  quantity: 2000,
  unit: 'kg',
  valueFen: 3_000_000,
  originCountry: 'VN',
  grossKg: 2100,
  inspection: null,
};
const inspectionItems: LineInspection = { qualification: 'QY4500001', ciqName: '干椰子肉', goodsAttribute: '19', purpose: '99' };
const entry: TwoStepEntry = {
  id: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
  portId: 'DONGXING',
  entryNo: null,
  consignee: { name: '东兴市边贸进出口有限公司', creditCode: '91350100M000100Y43' },
  transport: { mode: 'road', name: '桂P12345', voyageNo: null, declaredOn: null },
  billOfLadingNo: 'DX2026112000017',
  tradeMode: '0110',
  flags: { licence: false, inspection: false, taxable: false },
  lines: [line],
  containers: [{ number: 'CSQU3054383', lineNos: [1] }],
  licence: null,
  guaranteeNo: null,
  officerId: '9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
  deviceId: 'desk-dx01-a',
  createdAt: '2026-11-20T08:30:00+08:00',
};
const inspected: TwoStepEntry = {
  ...entry,
  flags: { ...entry.flags, inspection: true },
  lines: [{ ...line, hsCode: '0801110000', inspection: inspectionItems }],
};

const paths = (e: TwoStepEntry) => checkSummaryDeclaration(e).map((p) => p.path);

describe('checkSummaryDeclaration', () => {
  it('finds nothing in a complete entry, with or without each flag', () => {
    expect(checkSummaryDeclaration(entry)).toEqual([]);
    expect(checkSummaryDeclaration(inspected)).toEqual([]);
    const licensed = { ...entry, flags: { ...entry.flags, licence: true }, licence: { number: '26-AA-000123', documents: [{ code: '1', number: '26-AA-000123' }] } };
    expect(checkSummaryDeclaration(licensed)).toEqual([]);
    expect(checkSummaryDeclaration({ ...entry, flags: { ...entry.flags, taxable: true }, guaranteeNo: 'DB7201-2026-0001' })).toEqual([]);
  });

  it('涉检: the commodity code must have 10 digits, and the message names field and rule in both languages', () => {
    const problems = checkSummaryDeclaration({ ...inspected, lines: [{ ...line, hsCode: '080111', inspection: inspectionItems }] });
    expect(problems).toEqual([
      { path: 'lines.0.hsCode', rule: 'hs_code', zh: '涉检：第1项商品编码须为10位', en: 'inspection flag: line 1 HS code must have 10 digits' },
    ]);
  });

  it('without 涉检, 6 to 10 digits will do and fewer will not', () => {
    for (const hsCode of ['080111', '08011100', '0801110000']) expect(paths({ ...entry, lines: [{ ...line, hsCode }] })).toEqual([]);
    const [problem] = checkSummaryDeclaration({ ...entry, lines: [{ ...line, hsCode: '0801' }] });
    expect(problem).toMatchObject({ path: 'lines.0.hsCode', rule: 'hs_code', en: 'line 1 HS code must have at least 6 digits' });
  });

  it('涉检: each line needs the inspection items, and each container its goods lines', () => {
    expect(paths({ ...inspected, lines: [{ ...line, hsCode: '0801110000' }] })).toEqual(['lines.0.inspection']);
    const blank = { ...inspectionItems, ciqName: '', purpose: '' };
    expect(paths({ ...inspected, lines: [{ ...line, hsCode: '0801110000', inspection: blank }] })).toEqual([
      'lines.0.inspection.ciqName',
      'lines.0.inspection.purpose',
    ]);
    expect(paths({ ...inspected, containers: [{ number: 'CSQU3054383', lineNos: [] }] })).toEqual(['containers.0.lineNos']);
    expect(paths({ ...entry, containers: [{ number: 'CSQU3054383', lineNos: [] }] })).toEqual([]);
  });

  it('涉证: licence number and at least one accompanying document', () => {
    const flagged = { ...entry, flags: { ...entry.flags, licence: true } };
    expect(paths(flagged)).toEqual(['licence.number', 'licence.documents']);
    const problems = checkSummaryDeclaration({ ...flagged, licence: { number: '26-AA-000123', documents: [{ code: '', number: '' }] } });
    expect(problems.map((p) => [p.path, p.rule])).toEqual([
      ['licence.documents.0.code', 'licence'],
      ['licence.documents.0.number', 'licence'],
    ]);
    expect(problems[0]?.zh).toContain('涉证');
  });

  it('涉税: a guarantee filing number', () => {
    const flagged = { ...entry, flags: { ...entry.flags, taxable: true } };
    expect(checkSummaryDeclaration(flagged)).toEqual([
      { path: 'guaranteeNo', rule: 'guarantee', zh: '涉税：担保备案编号必填', en: 'taxable flag: guarantee filing number is required' },
    ]);
    expect(paths({ ...flagged, guaranteeNo: '担保1' })).toEqual(['guaranteeNo']);
  });

  it('checks the consignee credit code, saying what is wrong', () => {
    const withCode = (creditCode: string) => checkSummaryDeclaration({ ...entry, consignee: { ...entry.consignee, creditCode } });
    expect(withCode('91350100M000100Y44')).toEqual([
      {
        path: 'consignee.creditCode',
        rule: 'credit_code',
        zh: '收货人统一社会信用代码：校验位不符（GB 32100-2015），请核对',
        en: 'consignee unified social credit code: check character does not match (GB 32100-2015): check the code',
      },
    ]);
    expect(withCode('9135')[0]?.en).toContain('18 characters');
    expect(withCode('')[0]).toMatchObject({ path: 'consignee.creditCode', rule: 'required' });
  });

  it('checks containers: ISO 6346 check digit, duplicates, line numbers that exist', () => {
    const containers = [
      { number: 'CSQU3054384', lineNos: [1] },
      { number: 'MSKU9070323', lineNos: [1, 2] },
      { number: 'MSKU9070323', lineNos: [1] },
    ];
    expect(checkSummaryDeclaration({ ...entry, containers }).map((p) => [p.path, p.rule])).toEqual([
      ['containers.0.number', 'container'],
      ['containers.1.lineNos', 'container'],
      ['containers.2.number', 'container'],
    ]);
  });

  it('reports every missing item of an empty draft at once', () => {
    const empty: TwoStepEntry = {
      ...entry,
      consignee: { name: '', creditCode: '' },
      transport: { ...entry.transport, name: '' },
      billOfLadingNo: '',
      tradeMode: '',
      lines: [{ ...line, hsCode: '', name: '', quantity: 0, unit: '', valueFen: 0, originCountry: '', grossKg: 0 }],
      containers: [],
      flags: { licence: true, inspection: true, taxable: true },
    };
    const problems = checkSummaryDeclaration(empty);
    expect(problems.map((p) => p.path)).toEqual([
      'consignee.name',
      'consignee.creditCode',
      'transport.name',
      'billOfLadingNo',
      'tradeMode',
      'lines.0.hsCode',
      'lines.0.name',
      'lines.0.quantity',
      'lines.0.unit',
      'lines.0.valueFen',
      'lines.0.originCountry',
      'lines.0.grossKg',
      'lines.0.inspection',
      'licence.number',
      'licence.documents',
      'guaranteeNo',
    ]);
    for (const problem of problems) {
      expect(problem.zh).not.toBe('');
      expect(problem.en).not.toBe('');
    }
    expect(paths({ ...entry, lines: [], containers: [] })).toEqual(['lines']);
  });

  it('a flag only ever adds problems: every path found without it is found with it', () => {
    const hsCode = fc.stringMatching(/^\d{0,10}$/);
    fc.assert(
      fc.property(fc.array(hsCode, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.constantFrom('licence', 'inspection', 'taxable'), (codes, hasItems, flag) => {
        const base: TwoStepEntry = { ...entry, lines: codes.map((code) => ({ ...line, hsCode: code, inspection: hasItems ? inspectionItems : null })) };
        const withFlag: TwoStepEntry = { ...base, flags: { ...base.flags, [flag]: true } };
        const flagged = new Set(paths(withFlag));
        for (const path of paths(base)) expect(flagged.has(path)).toBe(true);
      }),
    );
  });
});
