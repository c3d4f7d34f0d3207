import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PATHS, officerWriteAnswerSchema, pullResponseSchema, ROUTES, referenceAnswerSchema, type Session } from '../../shared/index';
import { type Harness, officerId, startHarness } from '../testing/hq-harness';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { call } from './admin-test-kit';

const JSON_TYPE = { 'content-type': 'application/json' };

describe.each(STORE_VARIANTS)('admin API: officers ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let admin: Session;

  const signIn = (username: string, password: string, deviceId = 'desk-officer-0001') =>
    h.request(ROUTES.login, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ username, password, deviceId }) });
  const refresh = (refreshToken: string, deviceId = 'desk-officer-0001') =>
    h.request(ROUTES.refresh, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ refreshToken, deviceId }) });

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    admin = await h.login('hq.admin', 'console-test-0002');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('adds an officer who can sign in with the initial password; desks of the port pull the record', async () => {
    const [{ last_seq: cursor }] = (await h.hq.db.query<{ last_seq: number }>("SELECT last_seq FROM ports WHERE port_id = 'PINGXIANG'")) as [{ last_seq: number }];
    const answer = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.officers('PINGXIANG'), {
      username: 'px.officer2',
      name: '黄小明',
      role: 'officer',
      password: 'initial-pass-1',
    });
    expect(answer.status).toBe(201);
    const { seq, record } = officerWriteAnswerSchema.parse(answer.body);
    expect(record).toMatchObject({ username: 'px.officer2', portId: 'PINGXIANG', role: 'officer', disabled: false });
    expect(JSON.stringify(answer.body)).not.toMatch(/scrypt|initial-pass/);

    const res = await signIn('px.officer2', 'initial-pass-1');
    expect(res.status).toBe(200);
    const session = (await res.json()) as Session;
    const page = pullResponseSchema.parse(await (await h.pull(session.accessToken, cursor, 10)).json());
    // The desk pulls exactly the public record: no `disabled`, no hash.
    const { disabled: _disabled, ...pulled } = record;
    expect(page.changes).toEqual([{ seq, entity: 'officer', data: pulled }]);
    const stored = await h.hq.db.query<{ password_hash: string }>('SELECT password_hash FROM officers WHERE officer_id = $1', [record.id]);
    expect(stored[0]?.password_hash).toMatch(/^scrypt\$/);
  });

  it('refuses a user name held anywhere at HQ, a short password, a bad role — changing nothing', async () => {
    const before = await tableCounts(h.hq.db);
    const taken = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.officers('PINGXIANG'), { username: 'dx.officer1', name: '重名', role: 'officer', password: 'long-enough-1' });
    expect([taken.status, taken.code]).toEqual([409, 'conflict']);
    const short = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.officers('PINGXIANG'), { username: 'px.new', name: '新人', role: 'officer', password: 'short' });
    expect([short.status, (short.body as { error: { field: string } }).error.field]).toEqual([400, 'password']);
    const role = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.officers('PINGXIANG'), { username: 'px.new', name: '新人', role: 'root', password: 'long-enough-1' });
    expect(role.status).toBe(400);
    const port = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.officers('NOWHERE'), { username: 'px.new', name: '新人', role: 'officer', password: 'long-enough-1' });
    expect(port.status).toBe(404);
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({});
  });

  it('changes a role and a name; the next refresh carries the new role', async () => {
    const id = officerId('dx.officer2');
    const session = await h.login('dx.officer2', 'desk-officer-0002');
    const answer = await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.officer('DONGXING', id), { role: 'supervisor', name: '陆海燕（组长）' });
    expect(answer.status).toBe(200);
    expect(officerWriteAnswerSchema.parse(answer.body).record).toMatchObject({ id, role: 'supervisor', name: '陆海燕（组长）', disabled: false });
    const next = await refresh(session.refreshToken, 'desk-officer-0002');
    expect(next.status).toBe(200);
    expect(((await next.json()) as Session).officer.role).toBe('supervisor');
  });

  it("disabling an officer revokes every refresh token they hold and stops their sign-in; enabling lets them back", async () => {
    const id = officerId('dx.officer1');
    const first = await h.login('dx.officer1', 'desk-officer-0003');
    const second = await h.login('dx.officer1', 'desk-officer-0004');
    const answer = await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.officer('DONGXING', id), { disabled: true });
    expect(answer.status).toBe(200);
    expect(officerWriteAnswerSchema.parse(answer.body).record.disabled).toBe(true);
    const live = await h.hq.db.query('SELECT 1 FROM refresh_tokens WHERE officer_id = $1 AND revoked_at IS NULL', [id]);
    expect(live).toEqual([]);
    expect((await refresh(first.refreshToken, 'desk-officer-0003')).status).toBe(401);
    expect((await refresh(second.refreshToken, 'desk-officer-0004')).status).toBe(401);
    expect((await signIn('dx.officer1', 'borderdesk')).status).toBe(401);
    const reference = referenceAnswerSchema.parse((await call(h, admin.accessToken, 'GET', ADMIN_PATHS.reference('DONGXING'))).body);
    expect(reference.officers.find((o) => o.id === id)?.disabled).toBe(true);

    expect((await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.officer('DONGXING', id), { disabled: false })).status).toBe(200);
    expect((await signIn('dx.officer1', 'borderdesk')).status).toBe(200);
  });

  it('a new password replaces the old one and ends the sessions made with it', async () => {
    const id = officerId('dx.supervisor');
    const session = await h.login('dx.supervisor', 'desk-officer-0005');
    const answer = await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.officer('DONGXING', id), { password: 'a-new-password-2' });
    expect(answer.status).toBe(200);
    expect((await refresh(session.refreshToken, 'desk-officer-0005')).status).toBe(401);
    expect((await signIn('dx.supervisor', 'borderdesk')).status).toBe(401);
    expect((await signIn('dx.supervisor', 'a-new-password-2')).status).toBe(200);
  });

  it('an administrator demoted or disabled loses the API at once, though their access token has not expired', async () => {
    const added = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.officers('PINGXIANG'), {
      username: 'hq.admin2',
      name: '第二管理员',
      role: 'admin',
      password: 'second-admin-pass',
    });
    const second = officerWriteAnswerSchema.parse(added.body).record;
    const res = await signIn('hq.admin2', 'second-admin-pass', 'console-second-01');
    const session = (await res.json()) as Session;
    expect((await call(h, session.accessToken, 'GET', ADMIN_PATHS.ports())).status).toBe(200);

    expect((await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.officer('PINGXIANG', second.id), { role: 'supervisor' })).status).toBe(200);
    const demoted = await call(h, session.accessToken, 'GET', ADMIN_PATHS.ports());
    expect([demoted.status, demoted.code]).toEqual([403, 'forbidden']);
    const [refusal] = await h.hq.db.query<{ route: string }>('SELECT route FROM refused_requests WHERE officer_id = $1', [second.id]);
    expect(refusal?.route).toBe('admin.ports');

    expect((await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.officer('PINGXIANG', second.id), { role: 'admin', disabled: true })).status).toBe(200);
    const disabled = await call(h, session.accessToken, 'GET', ADMIN_PATHS.ports());
    expect([disabled.status, disabled.code]).toEqual([403, 'access_revoked']);
  });

  it('refuses to disable or demote the administrator making the change, an unknown officer, a bad id', async () => {
    const self = officerId('hq.admin');
    const before = await tableCounts(h.hq.db);
    const disable = await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.officer('DONGXING', self), { disabled: true });
    expect([disable.status, disable.code]).toEqual([409, 'conflict']);
    const demote = await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.officer('DONGXING', self), { role: 'officer' });
    expect(demote.status).toBe(409);
    const elsewhere = await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.officer('PINGXIANG', officerId('dx.officer1')), { name: 'x' });
    expect([elsewhere.status, elsewhere.code]).toEqual([404, 'not_found']);
    const bad = await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.officer('DONGXING', 'not-a-uuid'), { name: 'x' });
    expect([bad.status, (bad.body as { error: { field: string } }).error.field]).toEqual([400, 'officer']);
    const nothing = await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.officer('DONGXING', officerId('dx.officer2')), {});
    expect(nothing.status).toBe(400);
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({});
    // Renaming oneself is fine.
    expect((await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.officer('DONGXING', self), { name: '系统管理员甲' })).status).toBe(200);
  });
});
