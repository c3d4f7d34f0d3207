import {
  assessCentralDeclaration,
  type CentralDeclarationRecord,
  type CentralSalesAssessment,
  cstDateOf,
  type DirectTransportRecord,
  exemptUsedBefore,
  exemptUsedByDeclaration,
  type Fen,
  fail,
  ok,
  type ProcessingSaleRecord,
  type Result,
  type SourceDeclaration,
  versionInForce,
} from '../../../shared/index';
import type { DeskDb, DeskDeclaration } from '../db/desk-db';

/**
 * What the processing screens read from the desk's database: the records HQ refused are
 * left out (they are not sold, bundled or carried), and a declaration is read in the
 * shape the shared sale rules take.
 */
export async function refusedIds(db: DeskDb, type: string): Promise<Set<string>> {
  const rows = await db.rejections.toArray();
  return new Set(rows.filter((r) => r.type === type || (type === 'declaration.create' && r.type === undefined)).map((r) => r.recordId));
}

export function sourceOf(d: DeskDeclaration): SourceDeclaration {
  return { id: d.id, portId: d.portId, residentId: d.residentId, lines: d.lines, exemptFen: d.exemptFen, hqExemptFen: d.hqExemptFen };
}

/** The sales of a declaration the desk holds, those HQ refused left out. */
export async function salesOfDeclaration(db: DeskDb, declarationId: string): Promise<ProcessingSaleRecord[]> {
  const refused = await refusedIds(db, 'processing_sale.create');
  return (await db.processingSales.where('declarationId').equals(declarationId).toArray()).filter((s) => !refused.has(s.id));
}

/** Central declarations the desk holds, those HQ refused left out. */
export async function liveCentrals(db: DeskDb): Promise<CentralDeclarationRecord[]> {
  const refused = await refusedIds(db, 'central_declaration.create');
  return (await db.centralDeclarations.toArray()).filter((c) => !refused.has(c.id));
}

/** Sale ids that central declarations other than `exceptId` already bundle. */
export async function bundledSaleIds(db: DeskDb, exceptId = ''): Promise<Set<string>> {
  return new Set((await liveCentrals(db)).filter((c) => c.id !== exceptId).flatMap((c) => c.saleIds));
}

/** A firm's sales in no central declaration yet: what the agent can bundle. */
export async function unbundledSales(db: DeskDb, firmId: string): Promise<ProcessingSaleRecord[]> {
  const refused = await refusedIds(db, 'processing_sale.create');
  const bundled = await bundledSaleIds(db);
  const sales = await db.processingSales.where('firmId').equals(firmId).toArray();
  return sales.filter((s) => !refused.has(s.id) && !bundled.has(s.id)).sort((a, b) => a.soldAt.localeCompare(b.soldAt));
}

export async function transportsOf(db: DeskDb, centralId: string): Promise<DirectTransportRecord[]> {
  const refused = await refusedIds(db, 'direct_transport.create');
  return (await db.directTransports.where('centralDeclarationId').equals(centralId).toArray()).filter((t) => !refused.has(t.id));
}

/**
 * The taxable part of a bundle of sales (shared assessCentralDeclaration) with the goods
 * list and processing policy in force on `day` as this desk last pulled them.
 */
export async function assessOnDesk(
  db: DeskDb,
  saleIds: readonly string[],
  day: string = cstDateOf(new Date()),
  centralId = '',
): Promise<Result<CentralSalesAssessment & { exemptByDeclaration: Record<string, Fen> }>> {
  const sales = (await db.processingSales.bulkGet([...saleIds])).filter((s): s is ProcessingSaleRecord => s !== undefined);
  const declarations = (await db.declarations.bulkGet([...new Set(sales.map((s) => s.declarationId))])).filter((d): d is DeskDeclaration => d !== undefined);
  const goodsList = versionInForce(await db.goodsLists.toArray(), day);
  const policy = versionInForce(await db.processingPolicies.toArray(), day);
  if (goodsList === null) return fail('not_found', `没有 ${day} 适用的商品清单，请先同步 / No goods list in force on ${day}: sync first`, 'goodsList');
  if (policy === null) return fail('not_found', `没有 ${day} 适用的加工政策，请先同步 / No processing policy in force on ${day}: sync first`, 'policy');
  // Exempt amounts earlier bundles already used from the same declarations count against this one.
  const earlier = (await liveCentrals(db)).filter((c) => c.id !== centralId && c.exemptByDeclaration !== undefined);
  const assessed = assessCentralDeclaration({ sales, declarations: declarations.map(sourceOf), goodsList, policy, exemptUsedBeforeFen: exemptUsedBefore(sales, earlier) });
  return assessed.ok ? ok({ ...assessed.data, exemptByDeclaration: exemptUsedByDeclaration(assessed.data.residents, sales) }) : assessed;
}

/** Today's and recent declarations of a resident by certificate number, newest first, HQ's refusals left out. */
export async function declarationsByCertificate(db: DeskDb, certificateNo: string, limit = 20): Promise<DeskDeclaration[]> {
  const wanted = certificateNo.trim().toUpperCase();
  if (wanted === '') return [];
  const refused = await refusedIds(db, 'declaration.create');
  const found = await db.declarations.where('certificateNo').equals(wanted).toArray();
  return found
    .filter((d) => !refused.has(d.id))
    .sort((a, b) => b.declaredAt.localeCompare(a.declaredAt))
    .slice(0, limit);
}
