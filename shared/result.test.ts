import { describe, expect, it } from 'vitest';
import { ERROR_CODES, fail, isErrorCode, ok } from './result';

describe('Result helpers', () => {
  it('ok wraps the data', () => {
    expect(ok({ n: 1 })).toEqual({ ok: true, data: { n: 1 } });
  });

  it('fail carries code and message, and the field only when given', () => {
    const withoutField = fail('validation', 'bad');
    expect(withoutField).toEqual({ ok: false, error: { code: 'validation', message: 'bad' } });
    // An absent field must not show up as `field: undefined` in JSON bodies or IPC results.
    expect(!withoutField.ok && 'field' in withoutField.error).toBe(false);
    expect(fail('goods_forbidden', 'no', 'lines.0.hsCode')).toEqual({
      ok: false,
      error: { code: 'goods_forbidden', message: 'no', field: 'lines.0.hsCode' },
    });
  });

  it('isErrorCode knows every code and nothing else', () => {
    for (const code of ERROR_CODES) expect(isErrorCode(code)).toBe(true);
    for (const value of ['', 'Validation', 'internal ', 'toString', '__proto__', 42, null, undefined, {}, ['internal']]) {
      expect(isErrorCode(value)).toBe(false);
    }
  });

  it('has no duplicate codes', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
