import { describe, expect, it } from 'vitest';
import { groupDeclarationSchema, MAX_GROUP_MEMBERS, type MutualAidGroup, mutualAidGroupSchema } from './group';

const ids = ['1a2b3c4d-0000-4000-8000-000000000001', '1a2b3c4d-0000-4000-8000-000000000002', '1a2b3c4d-0000-4000-8000-000000000003'] as const;
const group: MutualAidGroup = {
  id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
  portId: 'DONGXING',
  name: '竹山村第一互助组',
  leaderId: ids[1],
  memberIds: [...ids],
};

const paths = (value: unknown) => {
  const result = mutualAidGroupSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('mutualAidGroupSchema', () => {
  it('accepts a group whose leader is a member', () => {
    expect(mutualAidGroupSchema.parse(group)).toEqual(group);
  });

  it('refuses a leader who is not a member', () => {
    expect(paths({ ...group, leaderId: '1a2b3c4d-0000-4000-8000-000000000009' })).toEqual(['leaderId']);
  });

  it('refuses a member listed twice, naming the second', () => {
    expect(paths({ ...group, memberIds: [ids[0], ids[1], ids[0]] })).toEqual(['memberIds.2']);
  });

  it('refuses an empty group, a blank name and too many members', () => {
    expect(paths({ ...group, memberIds: [] })).toContain('memberIds');
    expect(paths({ ...group, name: '  ' })).toEqual(['name']);
    const many = Array.from({ length: MAX_GROUP_MEMBERS + 1 }, (_, i) => `1a2b3c4d-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(paths({ ...group, leaderId: many[0], memberIds: many })).toEqual(['memberIds']);
  });
});

describe('groupDeclarationSchema', () => {
  const declaration = {
    id: '2b3c4d5e-0000-4000-8000-000000000001',
    portId: 'DONGXING',
    groupId: group.id,
    pointId: 'DX-01',
    tradeDate: '2026-03-02',
    vehiclePlate: '桂P12345',
    lines: [{ hsCode: '0803', name: '香蕉', originCountry: 'VN', quantity: 500, unit: 'kg', grossKg: 520, netKg: 500, unitPriceFen: 400, valueFen: 200_000 }],
  };

  it('accepts a declaration with goods lines and refuses one without', () => {
    expect(groupDeclarationSchema.parse(declaration)).toEqual(declaration);
    expect(groupDeclarationSchema.safeParse({ ...declaration, lines: [] }).success).toBe(false);
    expect(groupDeclarationSchema.safeParse({ ...declaration, tradeDate: '2026-02-30' }).success).toBe(false);
  });
});
