import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditBody, verifyAuditChain } from '../../../shared/index';
import { editDeclaration } from '../declarations/edit-declaration';
import { saveDeclaration, saveDeclarations } from '../declarations/save-declaration';
import { pushOutbox } from '../sync/push-outbox';
import * as demo from '../testing/demo-data';
import { FakeHq } from '../testing/fake-hq';
import { openTestDesk, type TestDesk } from '../testing/test-desk';
import { appendToOutbox } from './audit-chain';
import type { DeskDb } from './desk-db';

const residents = Array.from({ length: 10 }, (_, i) => demo.resident(i + 1));
let hq: FakeHq;
let desk: TestDesk;
let db: DeskDb;

beforeEach(async () => {
  hq = new FakeHq({ residents, goodsList: demo.goodsList, policy: demo.policy, officer: demo.officer });
  desk = await openTestDesk(hq);
  db = desk.db;
});

afterEach(async () => {
  await desk.remove();
});

function resident(i: number) {
  const r = residents[i % residents.length];
  if (r === undefined) throw new Error('no resident');
  return r;
}

/** The desk's chain as HQ would check it, from what is still in the outbox. */
async function outboxChain() {
  const entries = await db.outbox.orderBy('seq').toArray();
  return verifyAuditChain(entries.map((e) => ({ ...e.mutation.audit, body: auditBody(e.mutation) })));
}

describe("the desk's audit chain", () => {
  it('gives every change one link, numbered from 1, each covering its mutation and the link before', async () => {
    await saveDeclaration(db, demo.draft(resident(0), 1_000));
    await saveDeclarations(db, [demo.draft(resident(1), 2_000), demo.draft(resident(2), 3_000)]);
    const [first] = await db.declarations.toArray();
    if (first === undefined) throw new Error('no record');
    await editDeclaration(db, { recordId: first.id, values: { vehiclePlate: '桂P1', carPool: true, remarks: '' }, officerId: demo.officer.id });

    const audit = await db.audit.orderBy('n').toArray();
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(audit.map((a) => a.n)).toEqual([1, 2, 3, 4]);
    expect(audit.map((a) => a.mutationId)).toEqual(outbox.map((e) => e.id));
    expect(audit.map((a) => a.type)).toEqual(['declaration.create', 'declaration.create', 'declaration.create', 'declaration.update']);
    expect(audit.every((a) => a.officerId === demo.officer.id)).toBe(true);
    expect(outbox.map((e) => e.mutation.audit)).toEqual(audit.map(({ n, prev, hash }) => ({ n, prev, hash })));
    expect(await outboxChain()).toMatchObject({ checked: 4, problems: [], head: { n: 4 } });
  });

  it('never gives two concurrent saves the same link number', async () => {
    const drafts = Array.from({ length: 40 }, (_, i) => demo.draft(resident(i), 1_000 + i));
    const batches = [0, 1, 2].map((k) => Array.from({ length: 5 }, (_, i) => demo.draft(resident(k * 5 + i), 500)));
    const saved = await Promise.all([
      ...drafts.map((d) => saveDeclaration(db, d)),
      ...batches.map((batch) => saveDeclarations(db, batch)),
    ]);
    expect(saved.every((s) => s.ok)).toBe(true);
    const numbers = (await db.audit.orderBy('n').toArray()).map((a) => a.n);
    expect(numbers).toEqual(Array.from({ length: 55 }, (_, i) => i + 1));
    expect(await outboxChain()).toMatchObject({ checked: 55, problems: [] });
    // HQ receives the same unbroken chain.
    expect((await pushOutbox(db, desk.client)).ok).toBe(true);
    expect(hq.auditBreaks).toEqual([]);
  });

  it('chains a bulk save in the order given, inside its one transaction', async () => {
    const drafts = Array.from({ length: 12 }, (_, i) => demo.draft(resident(i), 700));
    await saveDeclaration(db, demo.draft(resident(0), 100));
    await saveDeclarations(db, drafts);
    const audit = await db.audit.where('n').above(1).toArray();
    expect(audit.map((a) => a.recordId)).toEqual(drafts.map((d) => d.id));
  });

  it('adds no link when the save fails, so the chain has no gap', async () => {
    const draft = demo.draft(resident(0), 100);
    expect((await saveDeclaration(db, draft)).ok).toBe(true);
    expect((await saveDeclaration(db, { ...draft })).ok).toBe(false);
    expect((await saveDeclaration(db, demo.draft(resident(1), 100))).ok).toBe(true);
    expect((await db.audit.toArray()).map((a) => a.n)).toEqual([1, 2]);
    expect(await outboxChain()).toMatchObject({ checked: 2, problems: [] });
  });

  it('refuses to link outside a transaction over the chain and the outbox', async () => {
    const mutation = { id: crypto.randomUUID(), type: 'declaration.create', deskTime: new Date().toISOString(), record: demo.draft(resident(0), 1) } as const;
    await expect(appendToOutbox(db, [{ mutation, recordId: mutation.record.id, officerId: demo.officer.id }], mutation.deskTime)).rejects.toThrow(
      /inside a transaction/,
    );
    expect(await db.audit.count()).toBe(0);
  });
});
