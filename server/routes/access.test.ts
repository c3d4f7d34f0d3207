import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstDateOf, pullResponseSchema, pushResponseSchema, ROUTES, type Session } from '../../shared/index';
import { memoryLogger } from '../log';
import { declarationMutation, type Harness, officerId, resolveMutation, startHarness, updateMutation } from '../testing/hq-harness';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * Access is HQ's to take back (issue 3, roles): every sync and report request reads the
 * officer's row as it is now. A disabled officer, or one posted to another port, gets
 * 403 access_revoked (the desk then removes that port's data), refresh included; a
 * changed role counts from the next request. HQ administrators read across ports.
 */
const JSON_TYPE = { 'content-type': 'application/json' };

describe.each(STORE_VARIANTS)('access held at HQ ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  const logger = memoryLogger();
  const today = cstDateOf(new Date());

  const refresh = (session: Session, deviceId: string) =>
    h.request(ROUTES.refresh, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ refreshToken: session.refreshToken, deviceId }) });

  async function expectRevoked(res: Response): Promise<void> {
    expect(res.status).toBe(403);
    const { error } = await res.json();
    expect(error.code).toBe('access_revoked');
    expect(error.message).toMatch(/访问权限已被撤销.*\/ Your access to this port was revoked/);
  }

  /** Push, pull and the day report with one token, all answered 403 access_revoked and nothing written. */
  async function expectEveryRouteRevoked(session: Session, deviceId: string, mutation: unknown): Promise<void> {
    const before = await tableCounts(h.hq.db);
    await expectRevoked(await h.push(session.accessToken, [mutation], deviceId));
    await expectRevoked(await h.pull(session.accessToken, 0, 10));
    await expectRevoked(await h.request(`${ROUTES.reportsDay}?date=${today}`, { token: session.accessToken }));
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({});
  }

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store, { logger });
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('answers a disabled officer access_revoked at push, pull, report and refresh, and serves them again once enabled', async () => {
    const device = 'desk-access-0001';
    const session = await h.login('dx.officer2', device);
    const ok = await h.push(session.accessToken, [declarationMutation({ certificateNo: 'DX000010', officer: 'dx.officer2', deviceId: device })], device);
    expect(ok.status).toBe(200);

    await h.hq.db.query("UPDATE officers SET disabled = true WHERE port_id = 'DONGXING' AND officer_id = $1", [officerId('dx.officer2')]);
    await expectEveryRouteRevoked(session, device, declarationMutation({ certificateNo: 'DX000011', officer: 'dx.officer2', deviceId: device }));
    await expectRevoked(await refresh(session, device));
    // The refresh token's family ended with it: it stays unusable after re-enabling.
    const [family] = await h.hq.db.query<{ revoked: boolean }>(
      "SELECT bool_and(revoked_at IS NOT NULL) AS revoked FROM refresh_tokens WHERE port_id = 'DONGXING' AND officer_id = $1",
      [officerId('dx.officer2')],
    );
    expect(family?.revoked).toBe(true);
    expect(logger.entries.filter((e) => e.event === 'access.revoked').every((e) => !JSON.stringify(e).includes(session.accessToken))).toBe(true);

    await h.hq.db.query("UPDATE officers SET disabled = false WHERE port_id = 'DONGXING' AND officer_id = $1", [officerId('dx.officer2')]);
    expect((await h.pull(session.accessToken, 0, 1)).status).toBe(200);
    expect((await refresh(session, device)).status).toBe(401);
  });

  it('answers an officer posted to another port access_revoked with the old port\'s tokens', async () => {
    const device = 'desk-access-0002';
    const session = await h.login('px.officer1', device);
    expect((await h.pull(session.accessToken, 0, 1)).status).toBe(200);
    await h.hq.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE officers SET port_id = 'DONGXING', data = jsonb_set(data, '{portId}', '"DONGXING"')
         WHERE port_id = 'PINGXIANG' AND officer_id = $1`,
        [officerId('px.officer1')],
      );
      await tx.query("UPDATE officer_logins SET port_id = 'DONGXING' WHERE username = 'px.officer1'");
    });
    const mutation = declarationMutation({ certificateNo: 'PX000001', portId: 'PINGXIANG', pointId: 'PX-01', officer: 'px.officer1', deviceId: device });
    await expectEveryRouteRevoked(session, device, mutation);
    await expectRevoked(await refresh(session, device));
    // Signed in again, the officer works in the new port.
    const moved = await h.login('px.officer1', device);
    expect(moved.officer.portId).toBe('DONGXING');
    const page = pullResponseSchema.parse(await (await h.pull(moved.accessToken, 0, 1)).json());
    expect(page.portId).toBe('DONGXING');
  });

  it('also revokes a token whose officer row still sits under the port but names another', async () => {
    const device = 'desk-access-0003';
    const session = await h.login('dx.officer1', device);
    await h.hq.db.query(`UPDATE officers SET data = jsonb_set(data, '{portId}', '"PINGXIANG"') WHERE port_id = 'DONGXING' AND officer_id = $1`, [
      officerId('dx.officer1'),
    ]);
    try {
      await expectRevoked(await h.pull(session.accessToken, 0, 1));
    } finally {
      await h.hq.db.query(`UPDATE officers SET data = jsonb_set(data, '{portId}', '"DONGXING"') WHERE port_id = 'DONGXING' AND officer_id = $1`, [
        officerId('dx.officer1'),
      ]);
    }
    expect((await h.pull(session.accessToken, 0, 1)).status).toBe(200);
  });

  it('uses the role HQ holds now, not the one in the token', async () => {
    const officerDevice = 'desk-access-0004';
    const officer = await h.login('dx.officer1', officerDevice);
    const create = declarationMutation({ certificateNo: 'DX000020', deviceId: officerDevice });
    await h.push(officer.accessToken, [create], officerDevice);
    const otherDevice = 'desk-access-0005';
    const other = await h.login('dx.officer2', otherDevice);
    await h.push(officer.accessToken, [updateMutation({ recordId: create.record.id, baseVersion: 1, changes: { remarks: 'a' }, deviceId: officerDevice })], officerDevice);
    const lostRes = await h.push(other.accessToken, [updateMutation({ recordId: create.record.id, baseVersion: 1, changes: { remarks: 'b' }, deviceId: otherDevice })], otherDevice);
    const conflictId = pushResponseSchema.parse(await lostRes.json()).results[0]?.conflicts[0] ?? '';
    expect(conflictId).not.toBe('');

    // Promoted after signing in: the same token now resolves.
    await h.hq.db.query("UPDATE officers SET role = 'supervisor', data = jsonb_set(data, '{role}', '\"supervisor\"') WHERE port_id = 'DONGXING' AND officer_id = $1", [
      officerId('dx.officer1'),
    ]);
    const resolved = await h.push(officer.accessToken, [resolveMutation({ conflictId, choice: 'winner', deviceId: officerDevice })], officerDevice);
    expect(pushResponseSchema.parse(await resolved.json()).results[0]).toMatchObject({ status: 'applied' });

    // A supervisor demoted after signing in: the token still says supervisor, HQ refuses.
    const supervisor = await h.login('dx.supervisor', 'desk-access-0006');
    await h.hq.db.query("UPDATE officers SET role = 'officer', data = jsonb_set(data, '{role}', '\"officer\"') WHERE port_id = 'DONGXING' AND officer_id = $1", [
      officerId('dx.supervisor'),
    ]);
    const refused = await h.push(supervisor.accessToken, [resolveMutation({ conflictId, choice: 'loser', deviceId: 'desk-access-0006' })], 'desk-access-0006');
    expect(pushResponseSchema.parse(await refused.json()).results[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    for (const username of ['dx.officer1', 'dx.supervisor']) {
      const role = username === 'dx.officer1' ? 'officer' : 'supervisor';
      await h.hq.db.query(`UPDATE officers SET role = $2, data = jsonb_set(data, '{role}', to_jsonb($2::text)) WHERE port_id = 'DONGXING' AND officer_id = $1`, [
        officerId(username),
        role,
      ]);
    }
  });

  it('lets an HQ administrator pull and report any existing port, and no one else', async () => {
    const admin = await h.login('hq.admin', 'desk-access-0007');
    const across = await h.pull(admin.accessToken, 0, 5000, 'PINGXIANG');
    expect(across.status).toBe(200);
    const page = pullResponseSchema.parse(await across.json());
    expect(page.portId).toBe('PINGXIANG');
    expect(page.changes.length).toBeGreaterThan(0);
    expect(page.changes.every((c) => c.data.portId === 'PINGXIANG')).toBe(true);
    const report = await h.request(`${ROUTES.reportsDay}?date=${today}&port=PINGXIANG`, { token: admin.accessToken });
    expect(await report.json()).toMatchObject({ portId: 'PINGXIANG', date: today });

    const supervisor = await h.login('dx.supervisor', 'desk-access-0008');
    const before = await tableCounts(h.hq.db);
    for (const res of [
      await h.pull(admin.accessToken, 0, 10, 'NOSUCHPORT'),
      await h.request(`${ROUTES.reportsDay}?date=${today}&port=NOSUCHPORT`, { token: admin.accessToken }),
    ]) {
      expect(res.status).toBe(404);
      expect((await res.json()).error).toMatchObject({ code: 'not_found', field: 'port' });
    }
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({});

    const refused = await h.pull(supervisor.accessToken, 0, 10, 'PINGXIANG');
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('forbidden');
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({ refused_requests: 1 });
  });
});
