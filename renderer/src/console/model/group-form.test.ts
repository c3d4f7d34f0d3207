import { describe, expect, it } from 'vitest';
import { newGroupRequestSchema } from '../../../../shared/index';
import { certificatesOf, groupFormOf } from './group-form';

describe('the console group form', () => {
  it('reads certificate numbers one a line or separated, blanks dropped, order kept', () => {
    expect(certificatesOf('DX000101\n dx000102 ,DX000103、DX000104；DX000105\n\n')).toEqual(['DX000101', 'dx000102', 'DX000103', 'DX000104', 'DX000105']);
    expect(certificatesOf('  ')).toEqual([]);
    // The request schema upper-cases them and names a bad one by its position.
    const parsed = newGroupRequestSchema.safeParse({ name: '组', leaderCertificateNo: 'dx000101', memberCertificateNos: certificatesOf('dx000101 DX 2') });
    expect(parsed.success ? null : parsed.error.issues.map((i) => i.path.join('.'))).toEqual(['memberCertificateNos.1', 'memberCertificateNos.2']);
  });

  it('fills the form from a group as HQ holds it, the leader by certificate, members in order', () => {
    const member = (n: number) => ({ residentId: `00000000-0000-4000-9000-00000000000${n}`, certificateNo: `DX00000${n}`, name: `边民${n}`, status: 'valid' as const, validTo: '2030-12-31' });
    const view = {
      group: { id: '7d2c0a1e-4b5f-4c6d-8e9f-0a1b2c3d4e5f', portId: 'DONGXING', name: '竹山村第一互助组', leaderId: member(2).residentId, memberIds: [member(3).residentId, member(2).residentId] },
      version: 3,
      seq: 10,
      members: [member(3), member(2)],
    };
    expect(groupFormOf(view)).toEqual({ name: '竹山村第一互助组', leader: 'DX000002', members: 'DX000003\nDX000002' });
  });
});
