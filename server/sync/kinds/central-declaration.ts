import {
  applyCentralEvent,
  assessCentralDeclaration,
  type CentralDeclarationRecord,
  checkCentralBundle,
  compareAssessments,
  cstDateOf,
  type Declaration,
  type DirectTransportRecord,
  exemptUsedBefore,
  exemptUsedByDeclaration,
  fail,
  type GoodsList,
  ok,
  type ProcessingFlag,
  type ProcessingPolicy,
  type ProcessingSaleRecord,
  type SourceDeclaration,
  versionInForce,
} from '../../../shared/index';
import type { Queryable } from '../../db/db';
import { keyList, uuidKeys } from '../../db/json-param';
import type { BatchView, HeldLookup, RecordKind } from '../record-kinds';
import {
  assessedCentralsBesides,
  bundledElsewhere,
  CENTRAL_KIND,
  centralOf,
  goodsListsOf,
  type HeldRef,
  isRef,
  ownKeys,
  policiesOf,
  refKey,
  rowsWhere,
  saleOf,
  sourceDeclaration,
  stripPrefix,
  transportsOf,
} from './processing-held';

/**
 * Central declarations (集中申报): central_declaration.create bundles one firm's sales
 * (shared checkCentralBundle: each sale known, of the port, to that firm, in no other
 * central declaration — refused with every reason); central_declaration.event runs the
 * shared applyCentralEvent with HQ's facts: the bundle checked again at `declare` (another
 * desk may have bundled a sale meanwhile), the tax assessed again by HQ at `assess_tax`
 * (HQ's kept, flagged when the desk's differs), and at `settle_tax` every direct transport
 * of the declaration arrived at the firm's warehouse.
 *
 * Loaded for a batch, in at most eight queries whatever its size: the central declarations
 * it names, their sales, the central declarations that already bundle any of those sales,
 * their transports, and for a tax assessment the sales' declarations, the goods lists and
 * the processing policies, and the central declarations already selling from those
 * declarations (whose exempt use counts against this one).
 */
type Held = CentralDeclarationRecord | HeldRef;
const NEEDS_ASSESSMENT = 'need:assessment';

async function load(tx: Queryable, portId: string, keys: readonly string[]): Promise<Map<string, Held>> {
  const held = new Map<string, Held>();
  const centrals = await rowsWhere<CentralDeclarationRecord>(tx, 'central_declarations', 'central_id', portId, ownKeys(keys));
  for (const c of centrals) held.set(c.id.toLowerCase(), c);
  const saleIds = [...new Set([...stripPrefix(keys, 'sale'), ...centrals.flatMap((c) => c.saleIds.map((s) => s.toLowerCase()))])];
  const sales = await rowsWhere<ProcessingSaleRecord>(tx, 'processing_sales', 'sale_id', portId, saleIds);
  for (const record of sales) held.set(refKey('sale', record.id), { ref: 'sale', record });
  if (saleIds.length > 0) {
    const bundling = await tx.query<{ central_id: string; sale_ids: string }>(
      `SELECT central_id::text AS central_id, sale_ids FROM central_declarations
       WHERE port_id = $1 AND string_to_array(sale_ids, ',') && string_to_array($2::text, ',')`,
      [portId, saleIds.join(',')],
    );
    const wanted = new Set(saleIds);
    for (const row of bundling) {
      for (const saleId of row.sale_ids.split(',')) if (wanted.has(saleId)) held.set(refKey('bundled', saleId), { ref: 'bundled', saleId, centralId: row.central_id });
    }
  }
  const transports = await rowsWhere<DirectTransportRecord>(tx, 'direct_transports', 'central_id', portId, centrals.map((c) => c.id));
  for (const c of centrals) {
    held.set(refKey('transports', c.id), { ref: 'transports', records: transports.filter((t) => t.centralDeclarationId.toLowerCase() === c.id.toLowerCase()) });
  }
  if (keys.includes(NEEDS_ASSESSMENT)) {
    const declarationIds = [...new Set(sales.map((s) => s.declarationId.toLowerCase()))];
    for (const record of await rowsWhere<Declaration>(tx, 'declarations', 'declaration_id', portId, declarationIds)) {
      held.set(refKey('declaration', record.id), { ref: 'declaration', record });
    }
    const reference = await tx.query<{ kind: string; data: GoodsList | ProcessingPolicy }>(
      `SELECT 'goods_list' AS kind, data::json AS data FROM goods_lists WHERE port_id = $1
       UNION ALL SELECT 'policy' AS kind, data FROM processing_policies WHERE port_id = $1`,
      [portId],
    );
    held.set(refKey('goods_lists', 'all'), { ref: 'goods_lists', lists: reference.filter((r) => r.kind === 'goods_list').map((r) => r.data as GoodsList) });
    // Earlier bundles selling from the same declarations: their exempt use counts against this one.
    const earlier = await tx.query<{ data: CentralDeclarationRecord }>(
      `SELECT c.data FROM central_declarations c WHERE c.port_id = $1 AND string_to_array(c.sale_ids, ',') && ARRAY(
         SELECT s.sale_id::text FROM processing_sales s WHERE s.port_id = $1 AND s.declaration_id = ANY(${uuidKeys('$2')}))`,
      [portId, keyList(declarationIds)],
    );
    held.set(refKey('earlier_centrals', 'all'), { ref: 'earlier_centrals', records: earlier.map((row) => row.data) });
    held.set(refKey('policies', 'all'), { ref: 'policies', policies: reference.filter((r) => r.kind === 'policy').map((r) => r.data as ProcessingPolicy) });
  }
  return held;
}

function salesOf(held: HeldLookup<unknown>, batch: BatchView, saleIds: readonly string[]): ProcessingSaleRecord[] {
  return saleIds.flatMap((id) => {
    const sale = saleOf(held, batch, id);
    return sale === undefined ? [] : [sale];
  });
}

function bundleProblems(held: HeldLookup<unknown>, batch: BatchView, central: Pick<CentralDeclarationRecord, 'id' | 'portId' | 'firmId' | 'saleIds'>) {
  return checkCentralBundle(central, salesOf(held, batch, central.saleIds), bundledElsewhere(held, batch, central.saleIds, central.id));
}

/** HQ's own assessment: HQ's sales and declarations, the goods list and policy in force on the declaration day. */
function assessAtHq(held: HeldLookup<unknown>, batch: BatchView, central: CentralDeclarationRecord, now: Date) {
  const day = cstDateOf(central.declaredAt === null ? now : new Date(central.declaredAt));
  const goodsList = versionInForce(goodsListsOf(held), day);
  const policy = versionInForce(policiesOf(held), day);
  if (goodsList === null || policy === null) {
    return fail<never>('not_found', `HQ 没有 ${day} 适用的商品清单或加工政策 / HQ has no goods list or processing policy in force on ${day}`, 'event.assessment');
  }
  const sales = salesOf(held, batch, central.saleIds);
  const declarations = sales.flatMap((s): SourceDeclaration[] => {
    const d = sourceDeclaration(held, batch, s.declarationId);
    return d === undefined ? [] : [d];
  });
  const assessed = assessCentralDeclaration({ sales, declarations, goodsList, policy, exemptUsedBeforeFen: exemptUsedBefore(sales, assessedCentralsBesides(held, batch, central.id)) });
  return assessed.ok ? ok({ ...assessed.data, exemptByDeclaration: exemptUsedByDeclaration(assessed.data.residents, sales) }) : assessed;
}

export const centralDeclarationKind: RecordKind<Held> = {
  name: CENTRAL_KIND,
  mutationTypes: ['central_declaration.create', 'central_declaration.event'],
  table: 'central_declarations',
  keyColumn: 'central_id',
  entity: 'central_declaration',
  columns: [
    { name: 'firm_id', type: 'uuid' },
    { name: 'status', type: 'text' },
    { name: 'sale_ids', type: 'text' },
  ],
  keysOf(mutation) {
    if (mutation.type === 'central_declaration.create') return [mutation.record.id.toLowerCase(), ...mutation.record.saleIds.map((id) => refKey('sale', id))];
    if (mutation.type === 'central_declaration.event') return [mutation.recordId.toLowerCase(), ...(mutation.event.type === 'assess_tax' ? [NEEDS_ASSESSMENT] : [])];
    return [];
  },
  load,
  decide(mutation, held, scope, now, batch) {
    if (scope.role === 'admin') return fail('forbidden', 'HQ 管理员不办理集中申报 / HQ administrators do not make central declarations', 'type');
    if (mutation.type === 'central_declaration.create') {
      const draft = mutation.record;
      if (draft.officerId.toLowerCase() !== scope.officerId.toLowerCase()) {
        return fail('forbidden', '只能以本人名义登记 / A central declaration is recorded in your own name', 'record.officerId');
      }
      if (centralOf(held, batch, draft.id) !== undefined) {
        return fail('conflict', `集中申报 ${draft.id} 已由另一变更登记 / Central declaration ${draft.id} was recorded by another change`, 'record.id');
      }
      const problems = bundleProblems(held, batch, draft);
      if (problems.length > 0) {
        return fail('validation', `${problems.map((p) => p.zh).join('；')} / ${problems.map((p) => p.en).join('; ')}`, 'record.saleIds');
      }
      const record: CentralDeclarationRecord = { ...draft, saleIds: draft.saleIds.map((id) => id.toLowerCase()), hqReceivedAt: now.toISOString(), flags: [] };
      return { ok: true, data: { record } };
    }
    if (mutation.type !== 'central_declaration.event') return fail('bad_request', `not a central declaration mutation: ${mutation.type}`, 'type');
    const central = centralOf(held, batch, mutation.recordId);
    if (central === undefined) return fail('not_found', `recordId: 本口岸没有集中申报 ${mutation.recordId} / No such central declaration`, 'recordId');
    const { event } = mutation;
    let flags: ProcessingFlag[] = [];
    let applied: ReturnType<typeof applyCentralEvent>;
    if (event.type === 'assess_tax') {
      const hq = assessAtHq(held, batch, central, now);
      if (!hq.ok) return hq;
      const { residents: _residents, exemptByDeclaration, ...assessment } = hq.data;
      flags = compareAssessments(event.assessment, assessment, now);
      applied = applyCentralEvent(central, { type: 'assess_tax', assessment }, { isBundleValid: true, hasArrived: false });
      if (applied.ok) {
        const record: CentralDeclarationRecord = { ...central, ...applied.data, exemptByDeclaration, flags: [...central.flags, ...flags] };
        return { ok: true, data: { record, flags } };
      }
    } else {
      const transports = transportsOf(held, batch, central.id);
      const problems = event.type === 'declare' ? bundleProblems(held, batch, central) : [];
      applied = applyCentralEvent(central, event, {
        isBundleValid: problems.length === 0,
        hasArrived: transports.length > 0 && transports.every((t) => t.arrivedAt !== null),
      });
      if (!applied.ok && applied.error.field === 'saleIds') {
        const why = ` (${problems.map((p) => p.zh).join('；')} / ${problems.map((p) => p.en).join('; ')})`;
        return fail(applied.error.code, `${applied.error.message}${why}`, 'event.saleIds');
      }
    }
    if (!applied.ok) return fail(applied.error.code, applied.error.message, applied.error.field === undefined ? 'event' : `event.${applied.error.field}`);
    const record: CentralDeclarationRecord = { ...central, ...applied.data, flags: [...central.flags, ...flags] };
    return { ok: true, data: { record, flags } };
  },
  keyOf: (record) => (isRef(record) ? '' : record.id.toLowerCase()),
  columnsOf(record): Record<string, string> {
    if (isRef(record)) return {};
    return { firm_id: record.firmId, status: record.status, sale_ids: record.saleIds.map((id) => id.toLowerCase()).join(',') };
  },
};
