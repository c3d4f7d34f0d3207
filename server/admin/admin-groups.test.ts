import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_ADMIN_PATHS, groupListAnswerSchema, groupViewSchema, pullResponseSchema, type Session } from '../../shared/index';
import { DEMO_GROUPS } from '../seed/group-demo';
import { demoResidentId } from '../seed/demo-data';
import { type Harness, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { call, hqState } from './admin-test-kit';

const written = (body: unknown) => groupViewSchema.parse((body as { record: unknown }).record);
const seqOf = (body: unknown) => (body as { seq: number }).seq;

describe.each(STORE_VARIANTS)('admin API: mutual-aid groups ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let admin: Session;
  let officer: Session;
  let supervisor: Session;
  const groupsOf = async (port: string) => groupListAnswerSchema.parse((await call(h, admin.accessToken, 'GET', GROUP_ADMIN_PATHS.groups(port))).body).groups;
  const groupRows = () => h.hq.db.query('SELECT group_id::text, version, seq, data::text FROM mutual_aid_groups ORDER BY group_id');

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    admin = await h.login('hq.admin', 'console-test-0001');
    officer = await h.login('dx.officer1', 'desk-groups-0001');
    supervisor = await h.login('dx.supervisor', 'desk-groups-0002');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it("seeds Dongxing's two groups, members named by certificate in the group's order, leader first", async () => {
    const groups = await groupsOf('DONGXING');
    expect(groups.map((g) => g.group.name).sort()).toEqual(DEMO_GROUPS.map((g) => g.name).sort());
    const zhushan = groups.find((g) => g.group.name === '竹山村第一互助组');
    expect(zhushan?.members.map((m) => m.certificateNo)).toEqual(['DX000101', 'DX000102', 'DX000103', 'DX000104', 'DX000105']);
    expect(zhushan?.group.leaderId).toBe(demoResidentId('DX000101'));
    expect(zhushan?.version).toBe(1);
    const wanwei = groups.find((g) => g.group.name === '万尾村互助组');
    expect(wanwei?.members.find((m) => m.certificateNo === 'DX900001')?.status).toBe('expired');
    expect(await groupsOf('PINGXIANG')).toEqual([]);
  });

  it('creates a group at the next seq, and desks of the port pull it', async () => {
    const [{ last_seq: before }] = (await h.hq.db.query<{ last_seq: number }>("SELECT last_seq FROM ports WHERE port_id = 'DONGXING'")) as [{ last_seq: number }];
    const created = await call(h, admin.accessToken, 'POST', GROUP_ADMIN_PATHS.groups('DONGXING'), {
      name: ' 河洲村互助组 ',
      leaderCertificateNo: 'dx000122',
      memberCertificateNos: ['DX000121', ' dx000122', 'DX000123'],
    });
    expect(created.status).toBe(201);
    expect(seqOf(created.body)).toBe(before + 1);
    const view = written(created.body);
    expect(view.group).toMatchObject({ portId: 'DONGXING', name: '河洲村互助组', leaderId: demoResidentId('DX000122') });
    expect(view.group.memberIds).toEqual(['DX000121', 'DX000122', 'DX000123'].map(demoResidentId));
    expect(view.members.map((m) => m.certificateNo)).toEqual(['DX000121', 'DX000122', 'DX000123']);
    const page = pullResponseSchema.parse(await (await h.pull(officer.accessToken, before, 100)).json());
    expect(page.changes.filter((c) => c.entity === 'group').map((c) => c.data)).toEqual([view.group]);
  });

  it('answers bad input by field and changes nothing', async () => {
    const good = { name: '松柏村互助组', leaderCertificateNo: 'DX000131', memberCertificateNos: ['DX000131', 'DX000132'] };
    const cases: [object, number, string][] = [
      [{ ...good, name: '  ' }, 400, 'name'],
      [{ ...good, memberCertificateNos: ['DX000131', 'dx 132'] }, 400, 'memberCertificateNos.1'],
      [{ ...good, memberCertificateNos: ['DX000131', 'DX000132', 'DX000131'] }, 400, 'memberCertificateNos.2'],
      [{ ...good, memberCertificateNos: [] }, 400, 'memberCertificateNos'],
      [{ ...good, leaderCertificateNo: 'DX000133' }, 400, 'leaderCertificateNo'],
      // Well formed, but no resident of Dongxing holds it: a Pingxiang certificate, an unknown one.
      [{ ...good, memberCertificateNos: ['DX000131', 'PX000001'] }, 400, 'memberCertificateNos.1'],
      [{ ...good, memberCertificateNos: ['DX000131', 'DX000132', 'DX999999'] }, 400, 'memberCertificateNos.2'],
      // A member of another group; a name taken.
      [{ ...good, memberCertificateNos: ['DX000131', 'DX000103'] }, 409, 'memberCertificateNos.1'],
      [{ ...good, name: '竹山村第一互助组' }, 409, 'name'],
    ];
    const state = await hqState(h.hq.db);
    const rows = await groupRows();
    for (const [body, status, field] of cases) {
      const answer = await call(h, admin.accessToken, 'POST', GROUP_ADMIN_PATHS.groups('DONGXING'), body);
      expect(answer, JSON.stringify(body)).toMatchObject({ status, body: { error: { field } } });
      expect((answer.body as { error: { message: string } }).error.message).toMatch(/\//);
    }
    expect((await call(h, admin.accessToken, 'POST', GROUP_ADMIN_PATHS.groups('NOWHERE'), good)).status).toBe(404);
    expect(await hqState(h.hq.db)).toEqual(state);
    expect(await groupRows()).toEqual(rows);
  });

  it("edits members and leader against the version; a stale version, an unknown group, an empty change are refused", async () => {
    const [zhushan] = (await groupsOf('DONGXING')).filter((g) => g.group.name === '竹山村第一互助组');
    if (zhushan === undefined) throw new Error('no demo group');
    const path = GROUP_ADMIN_PATHS.group('DONGXING', zhushan.group.id);
    const edited = await call(h, admin.accessToken, 'PATCH', path, {
      baseVersion: 1,
      leaderCertificateNo: 'DX000102',
      memberCertificateNos: ['DX000102', 'DX000101', 'DX000104', 'DX000106'],
    });
    expect(edited.status).toBe(200);
    const view = written(edited.body);
    expect(view.version).toBe(2);
    expect(view.group.leaderId).toBe(demoResidentId('DX000102'));
    expect(view.members.map((m) => m.certificateNo)).toEqual(['DX000102', 'DX000101', 'DX000104', 'DX000106']);
    // The leader alone, within the members HQ holds; a leader who is not a member.
    const leader = await call(h, admin.accessToken, 'PATCH', path, { baseVersion: 2, leaderCertificateNo: 'DX000104' });
    expect(leader.status).toBe(200);
    expect(written(leader.body).group.leaderId).toBe(demoResidentId('DX000104'));
    const state = await hqState(h.hq.db);
    expect(await call(h, admin.accessToken, 'PATCH', path, { baseVersion: 3, leaderCertificateNo: 'DX000105' })).toMatchObject({ status: 400, body: { error: { field: 'leaderCertificateNo' } } });
    expect(await call(h, admin.accessToken, 'PATCH', path, { baseVersion: 2, name: '新名' })).toMatchObject({ status: 409, body: { error: { field: 'baseVersion' } } });
    expect((await call(h, admin.accessToken, 'PATCH', path, { baseVersion: 3 })).status).toBe(400);
    expect((await call(h, admin.accessToken, 'PATCH', path, { baseVersion: 3, colour: 'red' })).status).toBe(400);
    expect((await call(h, admin.accessToken, 'PATCH', GROUP_ADMIN_PATHS.group('DONGXING', '00000000-0000-4000-8000-000000000000'), { baseVersion: 1, name: 'x' })).status).toBe(404);
    expect(await call(h, admin.accessToken, 'PATCH', GROUP_ADMIN_PATHS.group('DONGXING', 'not-a-uuid'), { baseVersion: 1, name: 'x' })).toMatchObject({ status: 400, body: { error: { field: 'group' } } });
    // A group of Dongxing is not found under Pingxiang.
    expect((await call(h, admin.accessToken, 'PATCH', GROUP_ADMIN_PATHS.group('PINGXIANG', zhushan.group.id), { baseVersion: 3, name: 'x' })).status).toBe(404);
    expect(await hqState(h.hq.db)).toEqual(state);
  });

  it('refuses officers and supervisors, logged, with nothing changed; no token is 401', async () => {
    for (const session of [officer, supervisor]) {
      const state = await hqState(h.hq.db);
      const rows = await groupRows();
      const refusals = await h.hq.db.query<{ n: number }>('SELECT count(*)::int4 AS n FROM refused_requests');
      const body = { name: '越权互助组', leaderCertificateNo: 'DX000141', memberCertificateNos: ['DX000141'] };
      expect(await call(h, session.accessToken, 'POST', GROUP_ADMIN_PATHS.groups('DONGXING'), body)).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await call(h, session.accessToken, 'GET', GROUP_ADMIN_PATHS.groups('DONGXING'))).status).toBe(403);
      const after = await h.hq.db.query<{ n: number }>('SELECT count(*)::int4 AS n FROM refused_requests');
      expect((after[0]?.n ?? 0) - (refusals[0]?.n ?? 0)).toBe(2);
      const { counts, ...rest } = await hqState(h.hq.db);
      const { counts: countsBefore, ...restBefore } = state;
      expect(rest).toEqual(restBefore);
      expect({ ...counts, refused_requests: 0 }).toEqual({ ...countsBefore, refused_requests: 0 });
      expect(await groupRows()).toEqual(rows);
    }
    expect((await call(h, undefined, 'GET', GROUP_ADMIN_PATHS.groups('DONGXING'))).status).toBe(401);
  });
});
