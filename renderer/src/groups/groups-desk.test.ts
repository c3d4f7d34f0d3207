import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { auditBody, cstDateOf, type GoodsLine, type MutualAidGroup, type PullResponse, verifyAuditChain } from '../../../shared/index';
import { DeskDb, deskDbName } from '../db/desk-db';
import { saveDeclaration } from '../declarations/save-declaration';
import { storePage } from '../sync/pull-changes';
import * as demo from '../testing/demo-data';
import { type DraftBase, groupDrafts, planGroupDeclaration } from './group-plan';
import { findGroups, groupDeclarationsOn, groupMembersOn } from './group-queries';
import { memberBars } from './group-split-chart';
import { saveGroupDeclaration } from './save-group-declaration';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

async function openDb(): Promise<DeskDb> {
  const name = deskDbName('DONGXING', `g${crypto.randomUUID().slice(0, 8)}`);
  names.push(name);
  const db = new DeskDb(name);
  await db.open();
  await db.goodsLists.put(demo.goodsList);
  await db.policies.put(demo.policy);
  return db;
}

const today = cstDateOf(Date.now());
const [leader, second, expired, fourth] = [demo.resident(1), demo.resident(2), demo.resident(3, { status: 'expired', validTo: '2023-12-31' }), demo.resident(4)];
const group: MutualAidGroup = {
  id: '7d2c0a1e-4b5f-4c6d-8e9f-0a1b2c3d4e5f',
  portId: 'DONGXING',
  name: '竹山村第一互助组',
  leaderId: leader.id,
  memberIds: [leader.id, second.id, expired.id, fourth.id],
};

/** 290 kg of nuts at RMB 100/kg: RMB 29,000, more than three members' RMB 8,000 each. */
const nuts = (kg: number): GoodsLine => ({ hsCode: '0801', name: '坚果', originCountry: 'VN', quantity: kg, unit: 'kg', grossKg: kg, netKg: kg, unitPriceFen: 10_000, valueFen: kg * 10_000 });
const spirits: GoodsLine = { hsCode: '2208', name: '烈酒', originCountry: 'VN', quantity: 2, unit: 'L', grossKg: 2, netKg: 2, unitPriceFen: 20_000, valueFen: 40_000 };

const base = (groupDeclarationId: string): DraftBase => ({
  groupDeclarationId,
  portId: 'DONGXING',
  pointId: 'DX-01',
  tradeDate: today,
  declaredAt: new Date().toISOString(),
  vehiclePlate: null,
  officerId: demo.officer.id,
  deviceId: 'desk-test-0001',
});

async function deskWithGroup(): Promise<DeskDb> {
  const db = await openDb();
  await db.residents.bulkPut([leader, second, expired, fourth]);
  await db.groups.put(group);
  // The second member already declared RMB 3,000 of their own today.
  const own = await saveDeclaration(db, demo.draft(second, 300_000, { exemptFen: 300_000, taxableFen: 0 }));
  expect(own.ok).toBe(true);
  return db;
}

async function planOn(db: DeskDb, lines: GoodsLine[], goodsList = demo.goodsList) {
  const members = await groupMembersOn(db, group, today);
  const plan = planGroupDeclaration({ group, residents: members.residents, usedTodayFen: members.usedTodayFen, usedTodayLines: members.usedTodayLines, lines, goodsList, policy: demo.policy, tradeDate: today });
  if (!plan.ok) throw new Error(plan.error.message);
  return plan.data;
}

describe('group declaration at the desk', () => {
  it('finds a group by part of its name or by any member’s certificate number', async () => {
    const db = await deskWithGroup();
    expect((await findGroups(db, '竹山')).map((g) => g.id)).toEqual([group.id]);
    expect((await findGroups(db, 'dx000004')).map((g) => g.id)).toEqual([group.id]);
    expect(await findGroups(db, 'DX000009')).toEqual([]);
    expect(await findGroups(db, '  ')).toEqual([]);
  });

  it('splits within each member’s amount left today; the expired member takes nothing; the rest is the leader’s taxable remainder', async () => {
    const db = await deskWithGroup();
    const plan = await planOn(db, [nuts(290), spirits]);
    const figures = plan.rows.map((r) => [r.resident?.certificateNo, r.share.leftBeforeFen, r.share.valueFen, r.share.leftAfterFen]);
    expect(figures).toEqual([
      ['DX000001', 800_000, 800_000, 0],
      ['DX000002', 500_000, 500_000, 0],
      ['DX000003', 0, 0, 0],
      ['DX000004', 800_000, 800_000, 0],
    ]);
    expect(plan.rows[2]?.share.isActive).toBe(false);
    expect(plan.remainder.map((p) => [p.reason, p.quantity, p.valueFen])).toEqual([
      ['no_duty_free_room', 80, 800_000],
      ['non_exempt', 2, 40_000],
    ]);
    expect(plan.remainderResident?.id).toBe(leader.id);
    expect(plan.split.exemptFen + plan.split.taxableFen).toBe(2_940_000);

    const drafts = groupDrafts(plan, base('11111111-2222-4333-8444-555555555555'), demo.goodsList, demo.policy);
    if (!drafts.ok) throw new Error(drafts.error.message);
    // One per member with a share, then the leader's remainder, assessed after the leader's own share.
    expect(drafts.data.map((d) => [d.certificateNo, d.totalFen, d.exemptFen, d.taxableFen])).toEqual([
      ['DX000001', 800_000, 800_000, 0],
      ['DX000002', 500_000, 500_000, 0],
      ['DX000004', 800_000, 800_000, 0],
      ['DX000001', 840_000, 0, 840_000],
    ]);
    expect(drafts.data.every((d) => d.groupDeclarationId === '11111111-2222-4333-8444-555555555555')).toBe(true);
  });

  it('gives the remainder to the first active member when the leader’s certificate is not valid, and refuses when nobody is', async () => {
    const db = await deskWithGroup();
    await db.residents.put({ ...leader, status: 'suspended' });
    const plan = await planOn(db, [nuts(300)]);
    expect(plan.rows[0]?.share.valueFen).toBe(0);
    expect(plan.remainderResident?.id).toBe(second.id);
    for (const r of [leader, second, fourth]) await db.residents.put({ ...r, status: 'suspended' });
    const none = await planOn(db, [nuts(10)]);
    expect(none.remainderResident).toBeNull();
    const drafts = groupDrafts(none, base(crypto.randomUUID()), demo.goodsList, demo.policy);
    expect(drafts).toMatchObject({ ok: false, error: { code: 'resident_inactive' } });
  });

  it("keeps each share within the goods' weight cap (限量) counting the member's own lines that day; a remainder over it is refused as the form refuses it", async () => {
    const db = await deskWithGroup();
    // The leader's certificate suspended: the second member's is the first share. They
    // already declared 10 kg of nuts of their own; their share is 50 kg (RMB 5,000 left).
    await db.residents.put({ ...leader, status: 'suspended' });
    const cappedAt = (kg: number) => ({ ...demo.goodsList, items: demo.goodsList.items.map((item) => (item.hsCode === '0801' ? { ...item, weightCapKg: kg } : item)) });
    const within = groupDrafts(await planOn(db, [nuts(50)], cappedAt(60)), base(crypto.randomUUID()), cappedAt(60), demo.policy);
    expect(within.ok).toBe(true);
    // Capped at 55 kg: the second member's share stops at 45 kg, the fourth takes the rest.
    const cappedPlan = await planOn(db, [nuts(50)], cappedAt(55));
    expect(cappedPlan.rows.map((r) => r.share.lines.reduce((kg, l) => kg + l.quantity, 0))).toEqual([0, 45, 0, 5]);
    expect(cappedPlan.remainder).toEqual([]);
    expect(groupDrafts(cappedPlan, base(crypto.randomUUID()), cappedAt(55), demo.policy).ok).toBe(true);
    // 150 kg: 45 + 55, and 50 kg no member's cap leaves room for. It falls to the second
    // member (the first active one), 10 + 45 + 50 kg over 55: refused, as the form refuses it.
    const overPlan = await planOn(db, [nuts(150)], cappedAt(55));
    expect(overPlan.remainder.map((p) => [p.reason, p.quantity])).toEqual([['weight_cap', 50]]);
    const over = groupDrafts(overPlan, base(crypto.randomUUID()), cappedAt(55), demo.policy);
    expect(over).toMatchObject({ ok: false, error: { code: 'weight_cap_exceeded' } });
  });

  it('saves the group record, every member’s declaration and their outbox entries in ONE transaction, chained', async () => {
    const db = await deskWithGroup();
    const plan = await planOn(db, [nuts(290), spirits]);
    const id = crypto.randomUUID();
    const drafts = groupDrafts(plan, base(id), demo.goodsList, demo.policy);
    if (!drafts.ok) throw new Error(drafts.error.message);
    const record = { id, portId: 'DONGXING', groupId: group.id, pointId: 'DX-01', tradeDate: today, vehiclePlate: null, lines: [nuts(290), spirits], remainderResidentId: leader.id, declaredAt: new Date().toISOString(), officerId: demo.officer.id, deviceId: 'desk-test-0001' };
    const saved = await saveGroupDeclaration(db, record, drafts.data);
    expect(saved.ok).toBe(true);
    expect(await db.groupDeclarations.get(id)).toEqual(record);
    const members = await db.declarations.where('groupDeclarationId').equals(id).toArray();
    expect(members).toHaveLength(4);
    const outbox = await db.outbox.orderBy('seq').toArray();
    // The member's own earlier declaration (deskWithGroup), then the group declaration before its shares.
    expect(outbox.map((e) => e.type)).toEqual(['declaration.create', 'group_declaration.create', 'declaration.create', 'declaration.create', 'declaration.create', 'declaration.create']);
    const verdict = verifyAuditChain(outbox.map((e) => ({ ...e.mutation.audit, body: auditBody(e.mutation) })));
    expect(verdict.problems).toEqual([]);
    expect(verdict.head?.n).toBe(6);
    // Each member's usage now counts the share: nothing is left for anyone but the expired member's 0.
    const after = await groupMembersOn(db, group, today);
    expect([...after.usedTodayFen.values()]).toEqual([800_000, 800_000, 0, 800_000]);
    const rows = await groupDeclarationsOn(db, today);
    expect(rows.map((r) => [r.groupName, r.members.length, r.members.every((m) => m.state === 'pending')])).toEqual([['竹山村第一互助组', 4, true]]);
  });

  it('writes nothing when any part fails: a bad draft, a draft of another group declaration, a group declaration id already held', async () => {
    const db = await deskWithGroup();
    const plan = await planOn(db, [nuts(100)]);
    const id = crypto.randomUUID();
    const drafts = groupDrafts(plan, base(id), demo.goodsList, demo.policy);
    if (!drafts.ok) throw new Error(drafts.error.message);
    const record = { id, portId: 'DONGXING', groupId: group.id, pointId: 'DX-01', tradeDate: today, vehiclePlate: null, lines: [nuts(100)], remainderResidentId: null, declaredAt: new Date().toISOString(), officerId: demo.officer.id, deviceId: 'desk-test-0001' };
    const counts = async () => [await db.declarations.count(), await db.outbox.count(), await db.audit.count(), await db.groupDeclarations.count()];
    const before = await counts();
    const [first, ...rest] = drafts.data;
    if (first === undefined) throw new Error('no draft');
    expect(await saveGroupDeclaration(db, record, [{ ...first, pointId: 'bad point' }, ...rest])).toMatchObject({ ok: false, error: { field: '0.pointId' } });
    expect(await saveGroupDeclaration(db, record, [{ ...first, groupDeclarationId: crypto.randomUUID() }])).toMatchObject({ ok: false, error: { field: '0.groupDeclarationId' } });
    await db.groupDeclarations.put({ ...record, lines: [nuts(1)] });
    const held = await counts();
    expect(held).toEqual([before[0], before[1], before[2], 1]);
    expect(await saveGroupDeclaration(db, record, drafts.data)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await counts()).toEqual(held);
    expect(await db.declarations.where('groupDeclarationId').equals(id).count()).toBe(0);
  });

  it('stores groups and group declarations from the pull with the page', async () => {
    const db = await openDb();
    const page: PullResponse = {
      protocolVersion: 2,
      portId: 'DONGXING',
      changes: [{ seq: 7, entity: 'group', data: group }],
      cursor: 7,
      hasMore: false,
      hqTime: new Date().toISOString(),
    };
    await storePage(db, page);
    expect(await db.groups.get(group.id)).toEqual(group);
    expect(await db.meta.get('pullCursor')).toMatchObject({ value: 7 });
  });
});

describe('memberBars', () => {
  it('draws used, placed and left in proportion to the day’s amount, an inactive member as all used', () => {
    const row = (residentId: string, leftBeforeFen: number, valueFen: number, isActive = true) => ({
      residentId,
      resident: null,
      isLeader: false,
      usedTodayFen: 0,
      usedTodayLines: [],
      share: { residentId, isActive, leftBeforeFen, lines: [], valueFen, leftAfterFen: leftBeforeFen - valueFen },
    });
    const { bars, height } = memberBars([row('a', 800_000, 200_000), row('b', 500_000, 500_000), row('c', 0, 0, false)], 800_000, { width: 520, rowHeight: 20, gap: 5, labelWidth: 120, top: 4 });
    expect(bars.map((b) => [b.used.width, b.placed.width, b.left.width])).toEqual([
      [0, 100, 300],
      [150, 250, 0],
      [400, 0, 0],
    ]);
    expect(bars[1]?.placed.x).toBe(270);
    expect(bars.map((b) => b.y)).toEqual([4, 29, 54]);
    expect(height).toBe(83);
  });
});
