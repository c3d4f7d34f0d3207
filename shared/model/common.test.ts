import { describe, expect, it } from 'vitest';
import { deviceIdSchema, fenSchema, idSchema, isoDateSchema, isoDateTimeSchema, portIdSchema, roleSchema } from './common';

const accepts = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('common schemas', () => {
  it('idSchema takes RFC 4122 UUIDs only', () => {
    expect(accepts(idSchema, '3f0b8c1e-6a52-4c1e-9d7e-0b7f3a2c9e11')).toBe(true);
    for (const bad of ['', 'DX000001', '3f0b8c1e6a524c1e9d7e0b7f3a2c9e11', '3f0b8c1e-6a52-4c1e-9d7e-0b7f3a2c9e1', "' OR 1=1 --", 42]) {
      expect(accepts(idSchema, bad)).toBe(false);
    }
  });

  it('portIdSchema takes upper-case codes of 2–32 characters', () => {
    for (const good of ['DONGXING', 'PINGXIANG', 'DX', 'PORT_2', 'A'.repeat(32)]) expect(accepts(portIdSchema, good)).toBe(true);
    for (const bad of ['dongxing', 'D', '2DX', 'DONG XING', 'DONG-XING', 'A'.repeat(33), 'DONGXING\n', '东兴', '../etc', '', null]) {
      expect(accepts(portIdSchema, bad)).toBe(false);
    }
  });

  it('isoDateSchema refuses impossible calendar dates', () => {
    expect(accepts(isoDateSchema, '2024-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-04-31', '2026-1-1', 20260101, '2026-01-01T00:00:00Z']) {
      expect(accepts(isoDateSchema, bad)).toBe(false);
    }
    const result = isoDateSchema.safeParse('2026-02-30');
    expect(result.error?.issues[0]?.message).toBe('a date in YYYY-MM-DD form');
  });

  it('isoDateTimeSchema wants an instant with a zone', () => {
    for (const good of ['2026-11-21T16:30:00Z', '2026-11-22T00:30:00+08:00', '2026-11-21T16:30:00.123Z']) {
      expect(accepts(isoDateTimeSchema, good)).toBe(true);
    }
    for (const bad of ['2026-11-21', '2026-11-21T16:30:00', 'yesterday', '2026-02-30T00:00:00Z', 1_700_000_000_000]) {
      expect(accepts(isoDateTimeSchema, bad)).toBe(false);
    }
  });

  it('fenSchema takes non-negative integer fen only', () => {
    for (const good of [0, 1, 800_000, 100_000_000_000_000]) expect(accepts(fenSchema, good)).toBe(true);
    for (const bad of [-1, 0.5, 100_000_000_000_001, Number.NaN, Number.POSITIVE_INFINITY, '100', null]) {
      expect(accepts(fenSchema, bad)).toBe(false);
    }
  });

  it('deviceIdSchema takes 8–64 URL-safe characters', () => {
    for (const good of ['desk-0001', 'A'.repeat(64), 'abc_DEF-12']) expect(accepts(deviceIdSchema, good)).toBe(true);
    for (const bad of ['short', 'A'.repeat(65), 'desk 0001', 'desk/0001', 'desk<script>', '']) {
      expect(accepts(deviceIdSchema, bad)).toBe(false);
    }
  });

  it('roleSchema knows the three roles', () => {
    expect(roleSchema.options).toEqual(['officer', 'supervisor', 'admin']);
    expect(accepts(roleSchema, 'root')).toBe(false);
  });
});
