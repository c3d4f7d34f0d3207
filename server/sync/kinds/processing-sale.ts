import { assessSaleAtHq, type Declaration, fail, type ProcessingFirm, type ProcessingSaleRecord } from '../../../shared/index';
import type { Queryable } from '../../db/db';
import type { RecordKind } from '../record-kinds';
import { firmOf, type HeldRef, isRef, ownKeys, refKey, rowsWhere, SALE_KIND, salesOfDeclaration, sourceDeclaration, stripPrefix } from './processing-held';

/**
 * A resident's sale to a processing firm (processing_sale.create). HQ checks it against
 * the declaration as HQ holds it (or as the same batch made it) and EVERY sale of that
 * declaration HQ holds, from any desk (shared assessSaleAtHq): above what was declared
 * even by the desk's own count → refused with the shared message; above only because
 * of another desk's sale the desk had not seen → kept and flagged `oversold_elsewhere`.
 * The firm must be one of the port's (processing_firms).
 *
 * The batch's map holds the sales the batch names and every sale of their declarations
 * (one query), and, as tagged references, the declarations and the firms (one each).
 */
type Held = ProcessingSaleRecord | HeldRef;

async function load(tx: Queryable, portId: string, keys: readonly string[]): Promise<Map<string, Held>> {
  const held = new Map<string, Held>();
  const declarationIds = stripPrefix(keys, 'declaration');
  const sales = await tx.query<{ data: ProcessingSaleRecord }>(
    `SELECT data FROM processing_sales WHERE port_id = $1 AND (sale_id = ANY(ARRAY(SELECT k::uuid FROM unnest(string_to_array($2::text, ',')) AS k))
       OR declaration_id = ANY(ARRAY(SELECT k::uuid FROM unnest(string_to_array($3::text, ',')) AS k)))`,
    [portId, ownKeys(keys).join(','), declarationIds.join(',')],
  );
  for (const { data } of sales) held.set(data.id.toLowerCase(), data);
  for (const record of await rowsWhere<Declaration>(tx, 'declarations', 'declaration_id', portId, declarationIds)) {
    held.set(refKey('declaration', record.id), { ref: 'declaration', record });
  }
  for (const record of await rowsWhere<ProcessingFirm>(tx, 'processing_firms', 'firm_id', portId, stripPrefix(keys, 'firm'))) {
    held.set(refKey('firm', record.id), { ref: 'firm', record });
  }
  return held;
}

export const processingSaleKind: RecordKind<Held> = {
  name: SALE_KIND,
  mutationTypes: ['processing_sale.create'],
  table: 'processing_sales',
  keyColumn: 'sale_id',
  entity: 'processing_sale',
  columns: [
    { name: 'declaration_id', type: 'uuid' },
    { name: 'firm_id', type: 'uuid' },
    { name: 'resident_id', type: 'uuid' },
    { name: 'is_flagged', type: 'boolean' },
  ],
  keysOf(mutation) {
    if (mutation.type !== 'processing_sale.create') return [];
    const { record } = mutation;
    return [record.id.toLowerCase(), refKey('declaration', record.declarationId), refKey('firm', record.firmId)];
  },
  load,
  decide(mutation, held, scope, now, batch) {
    if (mutation.type !== 'processing_sale.create') return fail('bad_request', `not a processing sale mutation: ${mutation.type}`, 'type');
    if (scope.role === 'admin') return fail('forbidden', 'HQ 管理员不登记销售 / HQ administrators do not record sales', 'type');
    const draft = mutation.record;
    if (draft.officerId.toLowerCase() !== scope.officerId.toLowerCase()) {
      return fail('forbidden', '只能以本人名义登记 / A sale is recorded in your own name', 'record.officerId');
    }
    if (held(draft.id.toLowerCase()) !== undefined) {
      return fail('conflict', `销售记录 ${draft.id} 已由另一变更登记 / Sale ${draft.id} was recorded by another change`, 'record.id');
    }
    if (firmOf(held, draft.firmId) === undefined) {
      return fail('not_found', `record.firmId: 本口岸没有这家加工企业 / No such processing firm in port ${scope.portId}`, 'record.firmId');
    }
    const declaration = sourceDeclaration(held, batch, draft.declarationId);
    if (declaration === undefined) {
      return fail('not_found', `record.declarationId: HQ 没有这份申报单 / HQ holds no declaration ${draft.declarationId}`, 'record.declarationId');
    }
    const assessed = assessSaleAtHq({
      sale: draft,
      declaration,
      heldSales: salesOfDeclaration(batch, draft.declarationId, draft.id),
      countedSaleIds: new Set(mutation.countedSaleIds.map((id) => id.toLowerCase())),
      now,
    });
    if (!assessed.ok) return fail(assessed.error.code, assessed.error.message, assessed.error.field === undefined ? 'record' : `record.${assessed.error.field}`);
    const record: ProcessingSaleRecord = { ...draft, hqReceivedAt: now.toISOString(), flags: assessed.data.flags };
    return { ok: true, data: { record, flags: assessed.data.flags } };
  },
  keyOf: (record) => (isRef(record) ? '' : record.id.toLowerCase()),
  columnsOf(record): Record<string, string | boolean> {
    if (isRef(record)) return {};
    return { declaration_id: record.declarationId, firm_id: record.firmId, resident_id: record.residentId, is_flagged: record.flags.length > 0 };
  },
};
