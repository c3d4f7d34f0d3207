import { describe, expect, it } from 'vitest';
import { parseResidentQuery, residentStatusOn } from './resident-status';

const filed = { status: 'valid' as const, validFrom: '2026-01-01', validTo: '2026-12-31' };

describe('residentStatusOn', () => {
  it('is valid inside the dates, the last day included', () => {
    expect(residentStatusOn(filed, '2026-06-01')).toBe('valid');
    expect(residentStatusOn(filed, '2026-01-01')).toBe('valid');
    expect(residentStatusOn(filed, '2026-12-31')).toBe('valid');
  });

  it('is expired the day after validTo even though the record says valid', () => {
    expect(residentStatusOn(filed, '2027-01-01')).toBe('expired');
  });

  it('is expired when filed as expired, even inside the dates', () => {
    expect(residentStatusOn({ ...filed, status: 'expired' }, '2026-06-01')).toBe('expired');
  });

  it('is suspended as filed, whatever the dates', () => {
    expect(residentStatusOn({ ...filed, status: 'suspended' }, '2026-06-01')).toBe('suspended');
    expect(residentStatusOn({ ...filed, status: 'suspended' }, '2030-06-01')).toBe('suspended');
  });

  it('is not yet valid before validFrom', () => {
    expect(residentStatusOn(filed, '2025-12-31')).toBe('not_yet_valid');
  });
});

describe('parseResidentQuery', () => {
  it('reads an ID number (X upper-cased)', () => {
    expect(parseResidentQuery(' 45068119900101123x ')).toEqual({ kind: 'idNumber', value: '45068119900101123X' });
  });

  it('reads a certificate number prefix or ID prefix, upper-cased', () => {
    expect(parseResidentQuery('dx0001')).toEqual({ kind: 'certificateOrId', value: 'DX0001' });
    expect(parseResidentQuery('4506')).toEqual({ kind: 'certificateOrId', value: '4506' });
  });

  it('reads anything else as a name prefix', () => {
    expect(parseResidentQuery('黄')).toEqual({ kind: 'name', value: '黄' });
    expect(parseResidentQuery('Nguyen')).toEqual({ kind: 'name', value: 'Nguyen' });
    expect(parseResidentQuery('   ')).toEqual({ kind: 'empty' });
  });
});
