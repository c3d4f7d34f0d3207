import { describe, expect, it } from 'vitest';
import { type MarketPoint, marketPointSchema, type Officer, officerSchema } from './port';

const point: MarketPoint = { id: 'DX-01', portId: 'DONGXING', name: '东兴互市贸易区', nameEn: 'Dongxing Mutual-Market Zone' };
const officer: Officer = {
  id: '9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
  portId: 'DONGXING',
  username: 'dx.officer1',
  name: '李警官',
  role: 'officer',
};

function issuePaths(schema: { safeParse(v: unknown): { success: true } | { success: false; error: { issues: { path: PropertyKey[] }[] } } }, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.map(String).join('.'));
}

describe('marketPointSchema', () => {
  it('accepts the demo points', () => {
    expect(marketPointSchema.parse(point)).toEqual(point);
    expect(marketPointSchema.safeParse({ ...point, id: 'PX-01', portId: 'PINGXIANG', name: '凭祥', nameEn: '' }).success).toBe(true);
  });

  it.each([
    ['id', 'dx-01'],
    ['id', 'D'],
    ['id', 'DX 01'],
    ['portId', 'dongxing'],
    ['name', ''],
    ['name', 'x'.repeat(65)],
    ['nameEn', 3],
  ] as const)('refuses %s = %j', (field, value) => {
    expect(issuePaths(marketPointSchema, { ...point, [field]: value })).toEqual([field]);
  });
});

describe('officerSchema', () => {
  it('accepts the demo officers', () => {
    expect(officerSchema.parse(officer)).toEqual(officer);
    for (const [username, role] of [['dx.supervisor', 'supervisor'], ['hq.admin', 'admin'], ['px.officer1', 'officer']]) {
      expect(officerSchema.safeParse({ ...officer, username, role }).success).toBe(true);
    }
  });

  it.each([
    ['username', 'DX.Officer1'],
    ['username', 'ab'],
    ['username', 'dx officer'],
    ['username', 'dx.officer1@port'],
    ['role', 'root'],
    ['id', 'dx.officer1'],
    ['name', ''],
  ] as const)('refuses %s = %j', (field, value) => {
    expect(issuePaths(officerSchema, { ...officer, [field]: value })).toEqual([field]);
  });

  it('never carries a password hash to a desk', () => {
    const parsed = officerSchema.parse({ ...officer, passwordHash: 'scrypt$…' });
    expect(Object.keys(parsed)).not.toContain('passwordHash');
  });
});
