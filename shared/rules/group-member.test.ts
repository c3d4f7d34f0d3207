import { describe, expect, it } from 'vitest';
import type { MutualAidGroup } from '../model/group';
import { checkGroupMember, type GroupMemberContext } from './group-member';

const AT = '2026-12-07T08:00:00.000Z';
const GROUP_ID = '00000000-0000-4000-8000-0000000000a1';
const MEMBER = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const group: MutualAidGroup = { id: GROUP_ID, portId: 'DONGXING', name: '竹山村第一互助组', leaderId: MEMBER, memberIds: [MEMBER] };
const DAY = { tradeDate: '2026-12-07', pointId: 'DX-01' };
const share = (residentId: string, groupDeclarationId: string | null = 'gd-1', day: Partial<typeof DAY> = {}) => ({
  portId: 'DONGXING',
  ...DAY,
  ...day,
  residentId,
  certificateNo: 'DX000101',
  ...(groupDeclarationId === null ? {} : { groupDeclarationId }),
});
const held = (version: number, overrides: Partial<MutualAidGroup> = {}): GroupMemberContext => ({
  groupDeclaration: { portId: 'DONGXING', groupId: GROUP_ID, ...DAY },
  group: { group: { ...group, ...overrides }, version },
});

describe('checkGroupMember', () => {
  it("has nothing to say of a resident's own declaration (no groupDeclarationId)", () => {
    expect(checkGroupMember(share(OTHER, null), { groupDeclaration: null, group: null }, AT)).toEqual({ ok: true, data: null });
  });

  it('passes a member of the group, whatever the case of the ids', () => {
    expect(checkGroupMember(share(MEMBER.toUpperCase()), held(1), AT)).toEqual({ ok: true, data: null });
    expect(checkGroupMember(share(MEMBER), held(3, { memberIds: [MEMBER.toUpperCase()] }), AT)).toEqual({ ok: true, data: null });
  });

  it('refuses a share of a group declaration HQ does not hold in the port (unknown, or of another port)', () => {
    for (const context of [
      { groupDeclaration: null, group: null },
      { groupDeclaration: { portId: 'PINGXIANG', groupId: GROUP_ID, ...DAY }, group: held(1).group },
    ]) {
      expect(checkGroupMember(share(MEMBER), context, AT)).toMatchObject({ ok: false, error: { code: 'not_found', field: 'record.groupDeclarationId' } });
    }
  });

  it("refuses a share whose group HQ does not hold in the port, or is not the group declaration's", () => {
    for (const context of [
      { ...held(1), group: null },
      held(1, { portId: 'PINGXIANG' }),
      held(1, { id: '00000000-0000-4000-8000-0000000000b2' }),
    ]) {
      expect(checkGroupMember(share(MEMBER), context, AT)).toMatchObject({ ok: false, error: { code: 'not_found', field: 'record.groupDeclarationId' } });
    }
  });

  it("refuses a share for another day or market point than its group declaration's, member or not", () => {
    for (const residentId of [MEMBER, OTHER]) {
      const otherDay = checkGroupMember(share(residentId, 'gd-1', { tradeDate: '2026-12-06' }), held(2), AT);
      expect(otherDay).toMatchObject({ ok: false, error: { code: 'validation', field: 'record.tradeDate' } });
      if (!otherDay.ok) expect(otherDay.error.message).toContain('2026-12-07');
      const otherPoint = checkGroupMember(share(residentId, 'gd-1', { pointId: 'DX-02' }), held(2), AT);
      expect(otherPoint).toMatchObject({ ok: false, error: { code: 'validation', field: 'record.pointId' } });
      if (!otherPoint.ok) expect(otherPoint.error.message).toContain('DX-01');
    }
  });

  it('refuses a non-member when the group never changed since it was filed (no desk can have held it with them)', () => {
    const answer = checkGroupMember(share(OTHER), held(1), AT);
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation', field: 'record.residentId' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/不是互助组「竹山村第一互助组」的成员 .*not a member of group/);
  });

  it('keeps and flags a non-member of a group changed since (removed while the desk was offline), naming the version', () => {
    expect(checkGroupMember(share(OTHER), held(2), AT)).toEqual({
      ok: true,
      data: {
        code: 'group_membership_changed',
        message: expect.stringContaining('现已不是互助组「竹山村第一互助组」的成员（HQ 第 2 版）'),
        messageEn: 'Resident DX000101 is no longer a member of group 竹山村第一互助组 (HQ version 2)',
        at: AT,
      },
    });
  });
});
