import type { CentralDeclarationRecord, Declaration, DirectTransportRecord, GoodsList, ProcessingFirm, ProcessingPolicy, ProcessingSaleRecord, SourceDeclaration } from '../../../shared/index';
import type { Queryable } from '../../db/db';
import { keyList, uuidKeys } from '../../db/json-param';
import type { BatchView, HeldLookup } from '../record-kinds';

/**
 * What the landing-processing kinds read besides their own records, kept in their batch
 * maps under prefixed keys (`decl:<id>`, `sale:<id>`…) as tagged references, so that a
 * kind's map never mistakes them for its own records. Each reader below looks at the
 * batch first (records created or changed earlier in it), then at what was loaded.
 */
export type HeldRef =
  | { ref: 'declaration'; record: Declaration }
  | { ref: 'firm'; record: ProcessingFirm }
  | { ref: 'sale'; record: ProcessingSaleRecord }
  | { ref: 'central'; record: CentralDeclarationRecord }
  /** The transports HQ holds of one central declaration, keyed by the central declaration's id. */
  | { ref: 'transports'; records: DirectTransportRecord[] }
  /** A sale some central declaration at HQ already bundles. */
  | { ref: 'bundled'; saleId: string; centralId: string }
  | { ref: 'goods_lists'; lists: GoodsList[] }
  /** Central declarations HQ holds that bundle sales of the declarations a tax assessment reads. */
  | { ref: 'earlier_centrals'; records: CentralDeclarationRecord[] }
  | { ref: 'policies'; policies: ProcessingPolicy[] };

export const isRef = (held: unknown): held is HeldRef => typeof held === 'object' && held !== null && 'ref' in held;

export const SALE_KIND = 'processing_sale';
export const CENTRAL_KIND = 'central_declaration';
export const TRANSPORT_KIND = 'direct_transport';

export const refKey = (ref: string, id: string) => `${ref}:${id.toLowerCase()}`;

function refOf<T extends HeldRef['ref']>(held: HeldLookup<unknown>, ref: T, id: string): Extract<HeldRef, { ref: T }> | undefined {
  const found = held(refKey(ref, id));
  return isRef(found) && found.ref === ref ? (found as Extract<HeldRef, { ref: T }>) : undefined;
}

/** The parts of a declaration a sale reads, from the batch or from HQ's table. */
export function sourceDeclaration(held: HeldLookup<unknown>, batch: BatchView, id: string): SourceDeclaration | undefined {
  const record = batch.declaration(id) ?? refOf(held, 'declaration', id)?.record;
  if (record === undefined) return undefined;
  return { id: record.id, portId: record.portId, residentId: record.residentId, lines: record.lines, exemptFen: record.exemptFen, hqExemptFen: record.hqExemptFen };
}

export const firmOf = (held: HeldLookup<unknown>, id: string) => refOf(held, 'firm', id)?.record;
export const goodsListsOf = (held: HeldLookup<unknown>) => refOf(held, 'goods_lists', 'all')?.lists ?? [];
export const policiesOf = (held: HeldLookup<unknown>) => refOf(held, 'policies', 'all')?.policies ?? [];

/** The central declarations other than `centralId` already assessed that sell from the same declarations: HQ's, replaced by the batch's. */
export function assessedCentralsBesides(held: HeldLookup<unknown>, batch: BatchView, centralId: string): CentralDeclarationRecord[] {
  const byId = new Map<string, CentralDeclarationRecord>();
  for (const c of refOf(held, 'earlier_centrals', 'all')?.records ?? []) byId.set(c.id.toLowerCase(), c);
  for (const c of ownRecords(batch, CENTRAL_KIND, isCentral)) byId.set(c.id.toLowerCase(), c);
  byId.delete(centralId.toLowerCase());
  return [...byId.values()].filter((c) => c.exemptByDeclaration !== undefined);
}

function ownRecords<R>(batch: BatchView, kind: string, isOwn: (value: unknown) => value is R): R[] {
  return [...batch.kindRecords(kind).values()].filter(isOwn);
}
const isSale = (v: unknown): v is ProcessingSaleRecord => !isRef(v) && typeof v === 'object' && v !== null && 'lines' in v;
const isCentral = (v: unknown): v is CentralDeclarationRecord => !isRef(v) && typeof v === 'object' && v !== null && 'saleIds' in v;
const isTransport = (v: unknown): v is DirectTransportRecord => !isRef(v) && typeof v === 'object' && v !== null && 'sealNo' in v;

/** A sale as the batch left it (the sale kind's map), else as this kind loaded it. */
export function saleOf(held: HeldLookup<unknown>, batch: BatchView, id: string): ProcessingSaleRecord | undefined {
  const own = batch.kindRecords(SALE_KIND).get(id.toLowerCase());
  return isSale(own) ? own : refOf(held, 'sale', id)?.record;
}

export function centralOf(held: HeldLookup<unknown>, batch: BatchView, id: string): CentralDeclarationRecord | undefined {
  const own = batch.kindRecords(CENTRAL_KIND).get(id.toLowerCase());
  return isCentral(own) ? own : refOf(held, 'central', id)?.record;
}

/** Every sale of a declaration the sale kind holds (HQ's, then the batch's): its own map. */
export function salesOfDeclaration(batch: BatchView, declarationId: string, exceptId: string): ProcessingSaleRecord[] {
  const id = declarationId.toLowerCase();
  return ownRecords(batch, SALE_KIND, isSale).filter((s) => s.declarationId.toLowerCase() === id && s.id.toLowerCase() !== exceptId.toLowerCase());
}

/** Sale ids other central declarations bundle: HQ's (loaded refs) and the batch's own central records. */
export function bundledElsewhere(held: HeldLookup<unknown>, batch: BatchView, saleIds: readonly string[], centralId: string): Set<string> {
  const found = new Set<string>();
  const central = centralId.toLowerCase();
  for (const saleId of saleIds) {
    const ref = refOf(held, 'bundled', saleId);
    if (ref !== undefined && ref.centralId !== central) found.add(saleId);
  }
  for (const other of ownRecords(batch, CENTRAL_KIND, isCentral)) {
    if (other.id.toLowerCase() === central) continue;
    const theirs = new Set(other.saleIds.map((s) => s.toLowerCase()));
    for (const saleId of saleIds) if (theirs.has(saleId.toLowerCase())) found.add(saleId);
  }
  return found;
}

/** The transports of a central declaration: HQ's as loaded, replaced by the batch's where it has them. */
export function transportsOf(held: HeldLookup<unknown>, batch: BatchView, centralId: string): DirectTransportRecord[] {
  const byId = new Map<string, DirectTransportRecord>();
  for (const t of refOf(held, 'transports', centralId)?.records ?? []) byId.set(t.id.toLowerCase(), t);
  for (const t of ownRecords(batch, TRANSPORT_KIND, isTransport)) {
    if (t.centralDeclarationId.toLowerCase() === centralId.toLowerCase()) byId.set(t.id.toLowerCase(), t);
  }
  return [...byId.values()];
}

/** One query: rows of `data` from `table` where `column` is one of `ids`. */
export async function rowsWhere<T>(tx: Queryable, table: string, column: string, portId: string, ids: readonly string[]): Promise<T[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<{ data: T }>(`SELECT data FROM ${table} WHERE port_id = $1 AND ${column} = ANY(${uuidKeys('$2')})`, [portId, keyList(ids)]);
  return rows.map((row) => row.data);
}

export const stripPrefix = (keys: readonly string[], ref: string) => keys.filter((k) => k.startsWith(`${ref}:`)).map((k) => k.slice(ref.length + 1));
export const ownKeys = (keys: readonly string[]) => keys.filter((k) => !k.includes(':'));
