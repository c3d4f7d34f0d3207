import {
  type CentralDeclarationDraft,
  type CentralDeclarationEvent,
  type CentralDeclarationRecord,
  applyCentralEvent,
  centralDeclarationDraftSchema,
  checkCentralBundle,
  checkDeparture,
  cstDateOf,
  type DirectTransportDraft,
  type DirectTransportRecord,
  directTransportDraftSchema,
  fail,
  normalizePlate,
  ok,
  pricedSaleLines,
  type ProcessingSaleDraft,
  type ProcessingSaleRecord,
  processingSaleDraftSchema,
  type Result,
  recordArrival,
  type TransportArrival,
  validateProcessingSale,
} from '../../../shared/index';
import { appendToOutbox } from '../db/audit-chain';
import type { DeskDb } from '../db/desk-db';
import type { DeskIdentity } from '../inspections/inspection-forms';
import { assessOnDesk, bundledSaleIds, refusedIds, salesOfDeclaration, sourceOf, transportsOf } from './processing-queries';

/**
 * Landing processing on the desk, offline: every change is decided by the shared rules
 * against what this desk holds, then written — record, outbox entry and audit link — in
 * ONE Dexie transaction that also did the reading, so two saves at once cannot both sell
 * the last kilogram. A refusal writes nothing and says why, naming the field.
 */
function firstIssue(error: { issues: readonly { message: string; path: readonly PropertyKey[] }[] }, what: string) {
  const issue = error.issues[0];
  return fail<never>('validation', `${what}: ${issue?.message ?? ''}`, issue?.path.map(String).join('.') ?? '');
}

async function attempt<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    return fail('internal', `保存失败 / Could not save: ${String(error)}`);
  }
}

export interface SaleInput {
  declarationId: string;
  firmId: string;
  lines: readonly { declarationLine: number; quantity: number }[];
}

/** A resident sells declared goods to a firm: never more of a line than declared less what was sold. */
export function saveProcessingSale(db: DeskDb, input: SaleInput, who: DeskIdentity, now: Date = new Date()): Promise<Result<ProcessingSaleRecord>> {
  return attempt(() =>
    db.transaction('rw', [db.declarations, db.firms, db.processingSales, db.rejections, db.outbox, db.audit], async () => {
      const declaration = await db.declarations.get(input.declarationId);
      if (declaration === undefined || (await refusedIds(db, 'declaration.create')).has(declaration.id)) {
        return fail<never>('not_found', '找不到这份申报单（或已被 HQ 退回）/ No such declaration (or HQ refused it)', 'declarationId');
      }
      if ((await db.firms.get(input.firmId)) === undefined) return fail<never>('validation', '请选择加工企业 / Choose a processing firm', 'firmId');
      const source = sourceOf(declaration);
      const earlier = await salesOfDeclaration(db, declaration.id);
      const id = crypto.randomUUID();
      const parsed = processingSaleDraftSchema.safeParse({
        id,
        portId: who.portId,
        residentId: declaration.residentId,
        firmId: input.firmId,
        declarationId: declaration.id,
        soldAt: now.toISOString(),
        lines: pricedSaleLines(id, input.lines, source, earlier),
        officerId: who.officerId,
        deviceId: who.deviceId,
      } satisfies ProcessingSaleDraft);
      if (!parsed.success) return firstIssue(parsed.error, '销售信息有误 / Sale incomplete');
      const checked = validateProcessingSale(parsed.data, source, earlier);
      if (!checked.ok) return checked;
      const record: ProcessingSaleRecord = { ...parsed.data, hqReceivedAt: null, flags: [] };
      await db.processingSales.add(record);
      const mutation = { id: crypto.randomUUID(), type: 'processing_sale.create' as const, deskTime: now.toISOString(), record: parsed.data, countedSaleIds: earlier.map((s) => s.id) };
      await appendToOutbox(db, [{ mutation, recordId: id, officerId: who.officerId }], now.toISOString());
      return ok(record);
    }),
  );
}

export interface CentralInput {
  firmId: string;
  agent: { name: string; creditCode: string };
  saleIds: readonly string[];
}

/** The agent's central declaration (集中申报) of one firm's sales, as a draft: each sale the firm's and in no other bundle. */
export function saveCentralDeclaration(db: DeskDb, input: CentralInput, who: DeskIdentity, now: Date = new Date()): Promise<Result<CentralDeclarationRecord>> {
  return attempt(() =>
    db.transaction('rw', [db.processingSales, db.centralDeclarations, db.rejections, db.outbox, db.audit], async () => {
      const parsed = centralDeclarationDraftSchema.safeParse({
        id: crypto.randomUUID(),
        portId: who.portId,
        firmId: input.firmId,
        agent: { name: input.agent.name, creditCode: input.agent.creditCode.trim().toUpperCase() },
        saleIds: [...input.saleIds],
        status: 'draft',
        declaredAt: null,
        assessment: null,
        settlement: null,
        officerId: who.officerId,
        deviceId: who.deviceId,
      } satisfies CentralDeclarationDraft);
      if (!parsed.success) return firstIssue(parsed.error, '集中申报信息有误 / Central declaration incomplete');
      const sales = (await db.processingSales.bulkGet(parsed.data.saleIds)).filter((s): s is ProcessingSaleRecord => s !== undefined);
      const problems = checkCentralBundle(parsed.data, sales, await bundledSaleIds(db));
      if (problems.length > 0) return fail<never>('validation', `${problems.map((p) => p.zh).join('；')} / ${problems.map((p) => p.en).join('; ')}`, 'saleIds');
      const record: CentralDeclarationRecord = { ...parsed.data, hqReceivedAt: null, flags: [] };
      await db.centralDeclarations.add(record);
      const mutation = { id: crypto.randomUUID(), type: 'central_declaration.create' as const, deskTime: now.toISOString(), record: parsed.data };
      await appendToOutbox(db, [{ mutation, recordId: record.id, officerId: who.officerId }], now.toISOString());
      return ok(record);
    }),
  );
}

/** declare, assess_tax or settle_tax, decided by the shared applyCentralEvent with what this desk knows. */
export function recordCentralEvent(db: DeskDb, centralId: string, event: CentralDeclarationEvent, who: DeskIdentity, now: Date = new Date()): Promise<Result<CentralDeclarationRecord>> {
  return attempt(() =>
    db.transaction('rw', [db.processingSales, db.centralDeclarations, db.directTransports, db.declarations, db.goodsLists, db.processingPolicies, db.rejections, db.outbox, db.audit], async () => {
      const central = await db.centralDeclarations.get(centralId);
      if (central === undefined) return fail<never>('not_found', '找不到这份集中申报 / No such central declaration', 'centralDeclarationId');
      const sales = (await db.processingSales.bulkGet(central.saleIds)).filter((s): s is ProcessingSaleRecord => s !== undefined);
      const transports = await transportsOf(db, central.id);
      const applied = applyCentralEvent(central, event, {
        isBundleValid: checkCentralBundle(central, sales, await bundledSaleIds(db, central.id)).length === 0,
        hasArrived: transports.length > 0 && transports.every((t) => t.arrivedAt !== null),
      });
      if (!applied.ok) return applied;
      const record: CentralDeclarationRecord = { ...central, ...applied.data };
      if (event.type === 'assess_tax') {
        // What this assessment used of each declaration's exempt amount, so a later bundle does not use it again.
        const day = cstDateOf(central.declaredAt === null ? now : new Date(central.declaredAt));
        const assessed = await assessOnDesk(db, central.saleIds, day, central.id);
        if (assessed.ok) record.exemptByDeclaration = assessed.data.exemptByDeclaration;
      }
      await db.centralDeclarations.put(record);
      const mutation = { id: crypto.randomUUID(), type: 'central_declaration.event' as const, deskTime: now.toISOString(), portId: who.portId, recordId: central.id, event };
      await appendToOutbox(db, [{ mutation, recordId: central.id, officerId: who.officerId }], now.toISOString());
      return ok(record);
    }),
  );
}

export interface TransportInput {
  centralDeclarationId: string;
  vehiclePlate: string;
  sealNo: string;
  departedAt: string;
}

/** The goods of a declared central declaration leave under seal for the firm's warehouse (直通式). */
export function saveDirectTransport(db: DeskDb, input: TransportInput, who: DeskIdentity, now: Date = new Date()): Promise<Result<DirectTransportRecord>> {
  return attempt(() =>
    db.transaction('rw', [db.centralDeclarations, db.directTransports, db.outbox, db.audit], async () => {
      const central = await db.centralDeclarations.get(input.centralDeclarationId);
      if (central === undefined) return fail<never>('validation', '请选择集中申报 / Choose a central declaration', 'centralDeclarationId');
      const parsed = directTransportDraftSchema.safeParse({
        id: crypto.randomUUID(),
        portId: who.portId,
        centralDeclarationId: central.id,
        firmId: central.firmId,
        vehiclePlate: normalizePlate(input.vehiclePlate),
        sealNo: input.sealNo.trim().toUpperCase(),
        departedAt: input.departedAt,
        arrivedAt: null,
        officerId: who.officerId,
        deviceId: who.deviceId,
      } satisfies DirectTransportDraft);
      if (!parsed.success) return firstIssue(parsed.error, '运输信息有误 / Transport incomplete');
      const departing = checkDeparture(parsed.data, central);
      if (!departing.ok) return departing;
      const record: DirectTransportRecord = { ...parsed.data, hqReceivedAt: null, flags: [] };
      await db.directTransports.add(record);
      const mutation = { id: crypto.randomUUID(), type: 'direct_transport.create' as const, deskTime: now.toISOString(), record: parsed.data };
      await appendToOutbox(db, [{ mutation, recordId: record.id, officerId: who.officerId }], now.toISOString());
      return ok(record);
    }),
  );
}

/** The arrival at the firm's warehouse, with the seal as found (shared recordArrival). */
export function recordTransportArrival(db: DeskDb, transportId: string, arrival: TransportArrival, who: DeskIdentity, now: Date = new Date()): Promise<Result<DirectTransportRecord>> {
  return attempt(() =>
    db.transaction('rw', [db.directTransports, db.outbox, db.audit], async () => {
      const transport = await db.directTransports.get(transportId);
      if (transport === undefined) return fail<never>('not_found', '找不到这次运输 / No such transport', 'transportId');
      const arrived = recordArrival(transport, arrival);
      if (!arrived.ok) return arrived;
      const record: DirectTransportRecord = { ...transport, ...arrived.data };
      await db.directTransports.put(record);
      const mutation = { id: crypto.randomUUID(), type: 'direct_transport.arrive' as const, deskTime: now.toISOString(), portId: who.portId, recordId: transport.id, arrival };
      await appendToOutbox(db, [{ mutation, recordId: transport.id, officerId: who.officerId }], now.toISOString());
      return ok(record);
    }),
  );
}
