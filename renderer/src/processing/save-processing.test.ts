import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { type ProcessingFirm, changeSchema } from '../../../shared/index';
import { DeskDb, deskDbName } from '../db/desk-db';
import * as demo from '../testing/demo-data';
import { assessOnDesk, declarationsByCertificate, unbundledSales } from './processing-queries';
import { processingChangesOf, storeProcessingChanges } from './pull-processing';
import { recordCentralEvent, recordTransportArrival, saveCentralDeclaration, saveDirectTransport, saveProcessingSale } from './save-processing';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const who = { portId: 'DONGXING', officerId: demo.officer.id, deviceId: 'desk-test-0001' };
const firm: ProcessingFirm = { id: crypto.randomUUID(), portId: 'DONGXING', name: '东兴市边贸坚果加工有限公司', creditCode: '91450681MA5KX12342', warehouseAddress: '东兴' };
const agent = { name: '东兴通关代理', creditCode: '91450681ma5l2b0c73' };

async function openDesk(): Promise<DeskDb> {
  const name = deskDbName('DONGXING', `p${crypto.randomUUID().slice(0, 8)}`);
  names.push(name);
  const db = new DeskDb(name);
  await db.open();
  await db.firms.put(firm);
  await db.goodsLists.put(demo.goodsList);
  await db.processingPolicies.put({ id: crypto.randomUUID(), portId: 'DONGXING', version: 1, effectiveFrom: '2020-01-01', isSaleTaxable: false });
  const r = demo.resident(1);
  await db.residents.put(r);
  const declaration = { ...demo.draft(r, 100_000), status: 'declared' as const, hqExemptFen: null, hqTaxableFen: null, hqReceivedAt: null, flags: [], version: 1, edits: {} };
  await db.declarations.put(declaration);
  return db;
}

const counts = async (db: DeskDb) => ({ sales: await db.processingSales.count(), outbox: await db.outbox.count(), audit: await db.audit.count() });

describe('landing processing on the desk', () => {
  it('sells what was declared, one transaction with its outbox entry and audit link; refuses more with the shared message and saves nothing', async () => {
    const db = await openDesk();
    const [declaration] = await declarationsByCertificate(db, demo.resident(1).certificateNo.toLowerCase());
    if (declaration === undefined) throw new Error('declaration not found by certificate');
    const sold = await saveProcessingSale(db, { declarationId: declaration.id, firmId: firm.id, lines: [{ declarationLine: 0, quantity: 4 }] }, who);
    expect(sold).toMatchObject({ ok: true, data: { lines: [{ quantity: 4, valueFen: 40_000 }] } });
    expect(await counts(db)).toEqual({ sales: 1, outbox: 1, audit: 1 });
    const [entry] = await db.outbox.toArray();
    expect(entry?.mutation).toMatchObject({ type: 'processing_sale.create', countedSaleIds: [] });
    const before = await counts(db);
    const tooMuch = await saveProcessingSale(db, { declarationId: declaration.id, firmId: firm.id, lines: [{ declarationLine: 0, quantity: 6.5 }] }, who);
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.0.quantity' } });
    if (tooMuch.ok) throw new Error('sold too much');
    expect(tooMuch.error.message).toContain('最多还可售 6 kg');
    expect(await counts(db)).toEqual(before);
    // The rest, counted against the first sale, with the value left of the line.
    const rest = await saveProcessingSale(db, { declarationId: declaration.id, firmId: firm.id, lines: [{ declarationLine: 0, quantity: 6 }] }, who);
    expect(rest).toMatchObject({ ok: true, data: { lines: [{ valueFen: 60_000 }] } });
    const last = (await db.outbox.toArray()).at(-1)?.mutation;
    expect(last).toMatchObject({ countedSaleIds: [sold.ok ? sold.data.id : ''] });
  });

  it('bundles a firm’s sales, declares, assesses, and settles only after the transport arrived with its seal', async () => {
    const db = await openDesk();
    const [declaration] = await db.declarations.toArray();
    if (declaration === undefined) throw new Error('no declaration');
    const sale = await saveProcessingSale(db, { declarationId: declaration.id, firmId: firm.id, lines: [{ declarationLine: 0, quantity: 10 }] }, who);
    if (!sale.ok) throw new Error(sale.error.message);
    expect((await unbundledSales(db, firm.id)).map((s) => s.id)).toEqual([sale.data.id]);
    const badAgent = await saveCentralDeclaration(db, { firmId: firm.id, agent: { name: '代理', creditCode: '91450681MA5KX12343' }, saleIds: [sale.data.id] }, who);
    expect(badAgent).toMatchObject({ ok: false, error: { field: 'agent.creditCode' } });
    const central = await saveCentralDeclaration(db, { firmId: firm.id, agent, saleIds: [sale.data.id] }, who);
    if (!central.ok) throw new Error(central.error.message);
    expect(await unbundledSales(db, firm.id)).toEqual([]);
    const twice = await saveCentralDeclaration(db, { firmId: firm.id, agent, saleIds: [sale.data.id] }, who);
    expect(twice).toMatchObject({ ok: false, error: { field: 'saleIds' } });
    const leavesEarly = await saveDirectTransport(db, { centralDeclarationId: central.data.id, vehiclePlate: '桂p·12345', sealNo: 'dx-001', departedAt: new Date().toISOString() }, who);
    expect(leavesEarly).toMatchObject({ ok: false, error: { field: 'status' } });
    expect(await recordCentralEvent(db, central.data.id, { type: 'declare', at: new Date().toISOString() }, who)).toMatchObject({ ok: true, data: { status: 'declared' } });
    const assessed = await assessOnDesk(db, central.data.saleIds);
    expect(assessed).toMatchObject({ ok: true, data: { salesFen: 100_000, exemptFen: 100_000, taxableFen: 0 } });
    if (!assessed.ok) throw new Error('no assessment');
    const { residents: _r, exemptByDeclaration: _e, ...assessment } = assessed.data;
    await recordCentralEvent(db, central.data.id, { type: 'assess_tax', assessment }, who);
    const settle = { type: 'settle_tax' as const, paidFen: 0, receiptNo: '', at: new Date(Date.now() + 1000).toISOString() };
    expect(await recordCentralEvent(db, central.data.id, settle, who)).toMatchObject({ ok: false, error: { field: 'status' } });
    const transport = await saveDirectTransport(db, { centralDeclarationId: central.data.id, vehiclePlate: '桂p·12345', sealNo: 'dx-001', departedAt: new Date().toISOString() }, who);
    expect(transport).toMatchObject({ ok: true, data: { vehiclePlate: '桂P12345', sealNo: 'DX-001' } });
    if (!transport.ok) throw new Error('no transport');
    const at = new Date(Date.now() + 500).toISOString();
    expect(await recordTransportArrival(db, transport.data.id, { arrivedAt: at, sealNo: 'DX-002', isSealIntact: true }, who)).toMatchObject({ ok: false, error: { field: 'sealNo' } });
    expect(await recordTransportArrival(db, transport.data.id, { arrivedAt: at, sealNo: 'dx-001', isSealIntact: true }, who)).toMatchObject({ ok: true });
    expect(await recordCentralEvent(db, central.data.id, settle, who)).toMatchObject({ ok: true, data: { status: 'tax_settled' } });
    expect((await db.outbox.toArray()).map((e) => e.type)).toEqual([
      'processing_sale.create',
      'central_declaration.create',
      'central_declaration.event',
      'central_declaration.event',
      'direct_transport.create',
      'direct_transport.arrive',
      'central_declaration.event',
    ]);
    expect(await db.audit.count()).toBe(7);
  });

  it('counts what an earlier bundle exempted from a declaration against the next bundle selling from it', async () => {
    const db = await openDesk();
    const r = demo.resident(2);
    // ¥10,000 declared, of which ¥8,000 exempt.
    const big = { ...demo.draft(r, 1_000_000), status: 'declared' as const, hqExemptFen: 800_000, hqTaxableFen: 200_000, hqReceivedAt: null, flags: [], version: 1, edits: {} };
    await db.declarations.put(big);
    const bundleOf = async (quantity: number) => {
      const sale = await saveProcessingSale(db, { declarationId: big.id, firmId: firm.id, lines: [{ declarationLine: 0, quantity }] }, who);
      if (!sale.ok) throw new Error(sale.error.message);
      const central = await saveCentralDeclaration(db, { firmId: firm.id, agent, saleIds: [sale.data.id] }, who);
      if (!central.ok) throw new Error(central.error.message);
      await recordCentralEvent(db, central.data.id, { type: 'declare', at: new Date().toISOString() }, who);
      const assessed = await assessOnDesk(db, central.data.saleIds, undefined, central.data.id);
      if (!assessed.ok) throw new Error(assessed.error.message);
      const { residents: _r, exemptByDeclaration: _e, ...assessment } = assessed.data;
      const done = await recordCentralEvent(db, central.data.id, { type: 'assess_tax', assessment }, who);
      if (!done.ok) throw new Error(done.error.message);
      return done.data;
    };
    const first = await bundleOf(6);
    expect(first).toMatchObject({ assessment: { exemptFen: 600_000, taxableFen: 0 }, exemptByDeclaration: { [big.id]: 600_000 } });
    const second = await bundleOf(4);
    expect(second).toMatchObject({ assessment: { salesFen: 400_000, exemptFen: 200_000, taxableFen: 200_000 }, exemptByDeclaration: { [big.id]: 200_000 } });
  });

  it('stores pulled records, keeping a central declaration whose event is still in the outbox', async () => {
    const db = await openDesk();
    const [declaration] = await db.declarations.toArray();
    if (declaration === undefined) throw new Error('no declaration');
    const sale = await saveProcessingSale(db, { declarationId: declaration.id, firmId: firm.id, lines: [{ declarationLine: 0, quantity: 1 }] }, who);
    if (!sale.ok) throw new Error('no sale');
    const central = await saveCentralDeclaration(db, { firmId: firm.id, agent, saleIds: [sale.data.id] }, who);
    if (!central.ok) throw new Error('no central');
    await recordCentralEvent(db, central.data.id, { type: 'declare', at: new Date().toISOString() }, who);
    const flag = { code: 'oversold_elsewhere' as const, message: '另一柜台', messageEn: 'another desk', at: new Date().toISOString() };
    const changes = [
      { seq: 1, entity: 'processing_sale', data: { ...sale.data, hqReceivedAt: new Date().toISOString(), flags: [flag] } },
      { seq: 2, entity: 'central_declaration', data: { ...central.data, hqReceivedAt: new Date().toISOString() } },
    ].map((c) => changeSchema.parse(c));
    await db.transaction('rw', [db.firms, db.processingPolicies, db.processingSales, db.centralDeclarations, db.directTransports, db.outbox], () =>
      Promise.all(storeProcessingChanges(db, processingChangesOf(changes))),
    );
    expect((await db.processingSales.get(sale.data.id))?.flags).toEqual([flag]);
    expect((await db.centralDeclarations.get(central.data.id))?.status).toBe('declared');
  });
});
