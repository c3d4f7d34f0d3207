import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, cstDateOf, GROUP_ADMIN_PATHS, type GroupDeclarationRecord, pullResponseSchema, pushResponseSchema, type Session } from '../../shared/index';
import { call, hqState } from '../admin/admin-test-kit';
import type { Queryable } from '../db/db';
import { demoResidentId } from '../seed/demo-data';
import { DEMO_GROUPS } from '../seed/group-demo';
import { DeskChain, deskChain } from '../testing/audit-chain';
import { declarationMutation, type Harness, officerId, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { loadGroupMembership } from './group-membership';
import { preparse } from './push-plan';

const DEVICE = 'desk-group-0001';
const OTHER_DEVICE = 'desk-group-0002';
const PX_DEVICE = 'desk-group-px01';
const zhushan = DEMO_GROUPS[0];

/** A member's share as the desk makes it (amounts from the desk's quota rule), carrying the group declaration's id. */
function memberShare(certificateNo: string, valueFen: number, groupDeclarationId: string, usedTodayFen = 0, day: { tradeDate?: string; pointId?: string } = {}) {
  const made = declarationMutation({ certificateNo, valueFen, usedTodayFen, deviceId: DEVICE, chain: new DeskChain() });
  return deskChain(DEVICE).link({ ...made, record: { ...made.record, groupDeclarationId, ...day } });
}

/** The same at PINGXIANG, from px.officer1's desk. */
function pxShare(certificateNo: string, groupDeclarationId: string) {
  const made = declarationMutation({ certificateNo, portId: 'PINGXIANG', pointId: 'PX-01', officer: 'px.officer1', deviceId: PX_DEVICE, chain: new DeskChain() });
  return deskChain(PX_DEVICE).link({ ...made, record: { ...made.record, groupDeclarationId } });
}

function groupRecord(id: string, overrides: Partial<GroupDeclarationRecord> = {}): GroupDeclarationRecord {
  const now = new Date();
  return {
    id,
    portId: 'DONGXING',
    groupId: zhushan?.id ?? '',
    pointId: 'DX-01',
    tradeDate: cstDateOf(now),
    vehiclePlate: null,
    lines: [{ hsCode: '0803', name: '香蕉', originCountry: 'VN', quantity: 1600, unit: 'kg', grossKg: 1600, netKg: 1600, unitPriceFen: 1000, valueFen: 1_600_000 }],
    remainderResidentId: null,
    declaredAt: now.toISOString(),
    officerId: officerId('dx.officer1'),
    deviceId: DEVICE,
    ...overrides,
  };
}

const groupMutation = (record: GroupDeclarationRecord, device = DEVICE) =>
  deskChain(device).link({ id: randomUUID(), type: 'group_declaration.create' as const, deskTime: new Date().toISOString(), record });

describe.each(STORE_VARIANTS)('group declarations at HQ ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let officer: Session;
  let other: Session;

  const push = async (session: Session, mutations: unknown[], device = DEVICE) => {
    const res = await h.push(session.accessToken, mutations, device);
    expect(res.status).toBe(200);
    return pushResponseSchema.parse(await res.json()).results;
  };

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    officer = await h.login('dx.officer1', DEVICE);
    other = await h.login('dx.officer2', OTHER_DEVICE);
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it("keeps each member's declaration with its groupDeclarationId, re-checks it port-wide (a member who used their amount elsewhere is flagged, kept), and stores the group record", async () => {
    // Meanwhile, at the other point, DX000102 used RMB 5,000 of their RMB 8,000.
    const elsewhere = declarationMutation({ certificateNo: 'DX000102', valueFen: 500_000, pointId: 'DX-02', officer: 'dx.officer2', deviceId: OTHER_DEVICE });
    expect((await push(other, [elsewhere], OTHER_DEVICE))[0]?.status).toBe('applied');

    const id = randomUUID();
    const batch = [memberShare('DX000101', 800_000, id), memberShare('DX000102', 800_000, id), groupMutation(groupRecord(id))];
    const results = await push(officer, batch);
    expect(results.map((r) => [r.status, r.flags.map((f) => f.code)])).toEqual([
      ['applied', []],
      ['applied', ['quota_exceeded_elsewhere']],
      ['applied', []],
    ]);
    const rows = await h.hq.db.query<{ resident_id: string; hq_exempt_fen: string | number; group_id: string | null }>(
      "SELECT resident_id::text, hq_exempt_fen, data->>'groupDeclarationId' AS group_id FROM declarations WHERE port_id = 'DONGXING' AND data->>'groupDeclarationId' = $1 ORDER BY resident_id",
      [id],
    );
    expect(rows.map((r) => [r.resident_id, Number(r.hq_exempt_fen), r.group_id]).sort()).toEqual(
      [
        [demoResidentId('DX000101'), 800_000, id],
        [demoResidentId('DX000102'), 300_000, id],
      ].sort(),
    );
    // The audit bodies kept the id too, and the desk's chain is whole.
    const bodies = await h.hq.db.query<{ body: string }>("SELECT body FROM mutations WHERE port_id = 'DONGXING' AND mutation_type = 'declaration.create' AND body LIKE $1", [`%${id}%`]);
    expect(bodies).toHaveLength(2);
    const [chain] = await h.hq.db.query<{ broken: boolean }>('SELECT broken FROM audit_chains WHERE port_id = $1 AND device_id = $2', ['DONGXING', DEVICE]);
    expect(chain?.broken).toBe(false);

    // Every desk of the port pulls the members' declarations (with HQ's flags) and the group record.
    const page = pullResponseSchema.parse(await (await h.pull(other.accessToken, 0, 5000)).json());
    const shares = page.changes.flatMap((c) => (c.entity === 'declaration' && c.data.groupDeclarationId === id ? [c.data] : []));
    expect(shares.map((d) => [d.certificateNo, d.hqExemptFen, d.flags.map((f) => f.code)]).sort()).toEqual([
      ['DX000101', 800_000, []],
      ['DX000102', 300_000, ['quota_exceeded_elsewhere']],
    ]);
    expect(page.changes.filter((c) => c.entity === 'group_declaration').map((c) => c.data.id)).toEqual([id]);

    // The same batch again: answered from the stored results, nothing changes.
    const state = await hqState(h.hq.db);
    const replayed = await push(officer, batch);
    expect(replayed.map((r) => [r.status, r.replayed, r.seq])).toEqual(results.map((r) => ['applied', true, r.seq]));
    expect(await hqState(h.hq.db)).toEqual(state);
  });

  it('refuses a group declaration for a group HQ does not hold, or with a remainder outside the group, and a second use of its id; the members stand on their own', async () => {
    const unknown = groupMutation(groupRecord(randomUUID(), { groupId: randomUUID() }));
    const outsider = groupMutation(groupRecord(randomUUID(), { remainderResidentId: demoResidentId('DX000999') }));
    const id = randomUUID();
    const first = groupMutation(groupRecord(id, { remainderResidentId: demoResidentId('DX000103') }));
    const again = groupMutation(groupRecord(id));
    const results = await push(officer, [unknown, outsider, first, again]);
    expect(results.map((r) => [r.status, r.error?.code ?? null, r.error?.field ?? null])).toEqual([
      ['rejected', 'not_found', 'record.groupId'],
      ['rejected', 'validation', 'record.remainderResidentId'],
      ['applied', null, null],
      ['rejected', 'conflict', 'record.id'],
    ]);
    const [held] = await h.hq.db.query<{ n: number }>('SELECT count(*)::int4 AS n FROM group_declarations WHERE port_id = $1 AND group_declaration_id = $2', ['DONGXING', id]);
    expect(held?.n).toBe(1);
  });

  it("refuses a share for a resident outside the group (a group never changed), and one naming a group declaration HQ holds nowhere in the port or whose group it does not hold — looked up anywhere in the push; the members beside them apply", async () => {
    const id = randomUUID();
    const groupless = randomUUID();
    const results = await push(officer, [
      memberShare('DX000103', 100_000, id),
      memberShare('DX000121', 100_000, id),
      memberShare('DX000104', 100_000, randomUUID()),
      memberShare('DX000104', 100_000, groupless),
      groupMutation(groupRecord(id)),
      groupMutation(groupRecord(groupless, { groupId: randomUUID() })),
    ]);
    expect(results.map((r) => [r.status, r.error?.code ?? null, r.error?.field ?? null])).toEqual([
      ['applied', null, null],
      ['rejected', 'validation', 'record.residentId'],
      ['rejected', 'not_found', 'record.groupDeclarationId'],
      ['rejected', 'not_found', 'record.groupDeclarationId'],
      ['applied', null, null],
      ['rejected', 'not_found', 'record.groupId'],
    ]);
    expect(results[1]?.error?.message).toMatch(/DX000121 不是互助组「竹山村第一互助组」的成员 .*not a member/);
    const stored = await h.hq.db.query<{ certificate_no: string }>(
      "SELECT data->>'certificateNo' AS certificate_no FROM declarations WHERE port_id = 'DONGXING' AND data->>'groupDeclarationId' = ANY($1)",
      [[id, groupless]],
    );
    expect(stored.map((r) => r.certificate_no)).toEqual(['DX000103']);
  });

  it('checks a share sent in a later push against the group declaration HQ already holds', async () => {
    const id = randomUUID();
    expect((await push(officer, [groupMutation(groupRecord(id))]))[0]?.status).toBe('applied');
    const results = await push(officer, [memberShare('DX000105', 100_000, id), memberShare('DX000122', 100_000, id)]);
    expect(results.map((r) => [r.status, r.error?.field ?? null])).toEqual([
      ['applied', null],
      ['rejected', 'record.residentId'],
    ]);
  });

  it("refuses a share filed for another day or market point than its group declaration's, carried in the push or held at HQ", async () => {
    const id = randomUUID();
    const yesterday = addDays(cstDateOf(new Date()), -1);
    const carried = await push(officer, [
      memberShare('DX000101', 100_000, id, 0, { tradeDate: yesterday }),
      memberShare('DX000102', 100_000, id, 0, { pointId: 'DX-02' }),
      groupMutation(groupRecord(id)),
    ]);
    expect(carried.map((r) => [r.status, r.error?.field ?? null])).toEqual([
      ['rejected', 'record.tradeDate'],
      ['rejected', 'record.pointId'],
      ['applied', null],
    ]);
    const held = await push(officer, [memberShare('DX000103', 100_000, id, 0, { pointId: 'DX-02' }), memberShare('DX000104', 100_000, id)]);
    expect(held.map((r) => [r.status, r.error?.field ?? null])).toEqual([
      ['rejected', 'record.pointId'],
      ['applied', null],
    ]);
  });

  it("keeps another port's group declarations out of reach: a DONGXING share naming PINGXIANG's is refused, not found", async () => {
    const admin = await h.login('hq.admin', 'console-group-0001');
    const px = await h.login('px.officer1', PX_DEVICE);
    const created = await call(h, admin.accessToken, 'POST', GROUP_ADMIN_PATHS.groups('PINGXIANG'), {
      name: '平而村互助组',
      leaderCertificateNo: 'PX000001',
      memberCertificateNos: ['PX000001', 'PX000002'],
    });
    expect(created.status).toBe(201);
    const pxGroupId = (created.body as { record: { group: { id: string } } }).record.group.id;
    const id = randomUUID();
    const pxRecord = groupRecord(id, { portId: 'PINGXIANG', groupId: pxGroupId, pointId: 'PX-01', officerId: officerId('px.officer1'), deviceId: PX_DEVICE });
    const atPingxiang = await push(px, [pxShare('PX000001', id), groupMutation(pxRecord, PX_DEVICE)], PX_DEVICE);
    expect(atPingxiang.map((r) => [r.status, r.flags])).toEqual([
      ['applied', []],
      ['applied', []],
    ]);
    const fromDongxing = await push(officer, [memberShare('DX000101', 10_000, id)]);
    expect(fromDongxing.map((r) => [r.status, r.error?.code ?? null, r.error?.field ?? null])).toEqual([['rejected', 'not_found', 'record.groupDeclarationId']]);
  });

  it('keeps and flags (on both sides) the share of a member an administrator removed from the group while the desk was offline', async () => {
    const admin = await h.login('hq.admin', 'console-group-0001');
    const edited = await call(h, admin.accessToken, 'PATCH', GROUP_ADMIN_PATHS.group('DONGXING', zhushan?.id ?? ''), {
      baseVersion: 1,
      memberCertificateNos: ['DX000101', 'DX000102', 'DX000103', 'DX000104'],
    });
    expect(edited.status).toBe(200);
    const id = randomUUID();
    const results = await push(officer, [memberShare('DX000104', 100_000, id), memberShare('DX000105', 100_000, id), groupMutation(groupRecord(id))]);
    expect(results.map((r) => [r.status, r.flags.map((f) => f.code)])).toEqual([
      ['applied', []],
      ['applied', ['group_membership_changed']],
      ['applied', []],
    ]);
    expect(results[1]?.flags[0]?.messageEn).toBe('Resident DX000105 is no longer a member of group 竹山村第一互助组 (HQ version 2)');
    const page = pullResponseSchema.parse(await (await h.pull(other.accessToken, 0, 5000)).json());
    const pulled = page.changes.flatMap((c) => (c.entity === 'declaration' && c.data.groupDeclarationId === id ? [[c.data.certificateNo, c.data.flags.map((f) => f.code)]] : []));
    expect(pulled.sort()).toEqual([
      ['DX000104', []],
      ['DX000105', ['group_membership_changed']],
    ]);
  });

  it('asks the database nothing more for a push without members\' shares, and at most one query for a push that carries its group declaration', async () => {
    const queries: string[] = [];
    const counting: Queryable = {
      query: (sql, params) => {
        queries.push(sql);
        return h.hq.db.query(sql, params);
      },
      exec: (sql) => h.hq.db.exec(sql),
    };
    const plain = preparse([declarationMutation({ certificateNo: 'DX000110', deviceId: DEVICE }), groupMutation(groupRecord(randomUUID()))]);
    expect(await loadGroupMembership(counting, 'DONGXING', plain)).toBeUndefined();
    expect(queries).toEqual([]);
    const id = randomUUID();
    const shares = preparse([memberShare('DX000101', 100_000, id), memberShare('DX000102', 100_000, id), groupMutation(groupRecord(id))]);
    const membership = await loadGroupMembership(counting, 'DONGXING', shares);
    expect(queries).toHaveLength(1);
    expect(membership?.get(id)).toMatchObject({ groupDeclaration: { portId: 'DONGXING', groupId: zhushan?.id }, group: { group: { id: zhushan?.id } } });
  });
});
