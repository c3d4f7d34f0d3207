import { describe, expect, it } from 'vitest';
import { entryValueFen, type TwoStepEntry, twoStepEntrySchema } from './two-step';

const validEntry: TwoStepEntry = {
  id: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
  portId: 'DONGXING',
  entryNo: null,
  consignee: { name: '东兴市边贸进出口有限公司', creditCode: '91350100M000100Y43' },
  transport: { mode: 'road', name: '桂P12345', voyageNo: null, declaredOn: '2026-11-20' },
  billOfLadingNo: 'DX2026112000017',
  tradeMode: '0110',
  flags: { licence: false, inspection: false, taxable: false },
  lines: [
    {
      hsCode: '080111',
      name: '干椰子 desiccated coconut',
      quantity: 2000,
      unit: 'kg',
      valueFen: 3_000_000,
      originCountry: 'VN',
      grossKg: 2100,
      inspection: null,
    },
  ],
  containers: [],
  licence: null,
  guaranteeNo: null,
  officerId: '9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
  deviceId: 'desk-dx01-a',
  createdAt: '2026-11-20T08:30:00+08:00',
};

function issuePaths(value: unknown): string[] {
  const result = twoStepEntrySchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('twoStepEntrySchema', () => {
  it('accepts a complete entry and an incomplete draft alike', () => {
    expect(twoStepEntrySchema.parse(validEntry)).toEqual(validEntry);
    const draft = { ...validEntry, consignee: { name: '', creditCode: '9135' }, billOfLadingNo: '', lines: [] };
    expect(issuePaths(draft)).toEqual([]);
  });

  it('trims text, upper-cases codes and drops unknown keys', () => {
    const parsed = twoStepEntrySchema.parse({
      ...validEntry,
      consignee: { name: ' 东兴市边贸进出口有限公司 ', creditCode: ' 91350100m000100y43 ' },
      containers: [{ number: 'csqu3054383', lineNos: [1] }],
      isReleased: true,
    });
    expect(parsed.consignee).toEqual(validEntry.consignee);
    expect(parsed.containers[0]?.number).toBe('CSQU3054383');
    expect(Object.keys(parsed)).not.toContain('isReleased');
  });

  it.each([
    ['entryNo', { entryNo: '720120260000012345' }], // export entry number
    ['entryNo', { entryNo: '72012026100001234' }],
    ['transport.declaredOn', { transport: { ...validEntry.transport, declaredOn: '2026-02-30' } }],
    ['transport.mode', { transport: { ...validEntry.transport, mode: 'horse' } }],
    ['lines.0.hsCode', { lines: [{ ...validEntry.lines[0], hsCode: '0801.11' }] }],
    ['lines.0.valueFen', { lines: [{ ...validEntry.lines[0], valueFen: 12.5 }] }],
    ['containers.0.lineNos.0', { containers: [{ number: 'CSQU3054383', lineNos: [0] }] }],
    ['portId', { portId: 'dongxing' }],
  ])('refuses a bad %s', (path, change) => {
    expect(issuePaths({ ...validEntry, ...change })).toContain(path);
  });

  it('accepts an import entry number once customs has given one', () => {
    expect(issuePaths({ ...validEntry, entryNo: '720120261000012345' })).toEqual([]);
  });
});

describe('entryValueFen', () => {
  it('sums the lines', () => {
    expect(entryValueFen(validEntry)).toBe(3_000_000);
    const [line] = validEntry.lines;
    if (line === undefined) throw new Error('fixture has a line');
    expect(entryValueFen({ lines: [line, { ...line, valueFen: 1 }] })).toBe(3_000_001);
    expect(entryValueFen({ lines: [] })).toBe(0);
  });
});
