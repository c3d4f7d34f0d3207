import { describe, expect, it } from 'vitest';
import { jsonLines } from './json-param';

describe('jsonLines', () => {
  it('puts each value on its own line, and no value spans two, whatever its strings hold', () => {
    const values = [{ name: '香蕉\nBananas', tab: 'a\tb', cr: 'x\r\ny' }, ['\u2028', 'x"\\'], 'line\nbreak', 42, null];
    const lines = jsonLines(values).split('\n');
    expect(lines).toHaveLength(values.length);
    expect(lines.map((line) => JSON.parse(line))).toEqual(values);
  });
});
