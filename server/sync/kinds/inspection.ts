import { canonicalJson, checkInspectionRecord, fail, type InspectionOrder, type InspectionRecord } from '../../../shared/index';
import type { Queryable } from '../../db/db';
import { keyList, uuidKeys } from '../../db/json-param';
import type { RecordKind } from '../record-kinds';

/**
 * Inspection orders (布控指令, inspection_order.create) and inspection records
 * (inspection.create). A record is checked against the order it carries, which must be
 * the one HQ holds under that id when HQ holds it (shared checkInspectionRecord: disposal allowed by the
 * result, findings, every departure from the order a deviation with a reason) and refused
 * with the rule's reason otherwise. Its attachments are blobs named by their SHA-256; HQ
 * does not wait for them (a photo may arrive after its record, over a slower link).
 */
async function loadByIds<T>(tx: Queryable, table: string, column: string, portId: string, keys: readonly string[]): Promise<Map<string, T>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.query<{ key: string; data: T }>(`SELECT ${column}::text AS key, data FROM ${table} WHERE port_id = $1 AND ${column} = ANY(${uuidKeys('$2')})`, [
    portId,
    keyList(keys),
  ]);
  return new Map(rows.map((row) => [row.key, row.data]));
}

const ORDER = 'order:';

export const inspectionOrderKind: RecordKind<InspectionOrder> = {
  name: 'inspection_order',
  mutationTypes: ['inspection_order.create'],
  table: 'inspection_orders',
  keyColumn: 'order_id',
  entity: 'inspection_order',
  columns: [{ name: 'consignment_id', type: 'uuid' }],
  keysOf: (mutation) => (mutation.type === 'inspection_order.create' ? [mutation.record.id.toLowerCase()] : []),
  load: (tx, portId, keys) => loadByIds<InspectionOrder>(tx, 'inspection_orders', 'order_id', portId, keys),
  decide(mutation, held, scope) {
    if (mutation.type !== 'inspection_order.create') return fail('bad_request', `not an order: ${mutation.type}`, 'type');
    if (scope.role === 'admin') return fail('forbidden', 'HQ 管理员不录入布控指令 / HQ administrators do not key orders', 'type');
    const order = mutation.record;
    if (held(order.id.toLowerCase()) !== undefined) return fail('conflict', `布控指令 ${order.id} 已存在 / Order ${order.id} exists`, 'record.id');
    // The consignment may travel in the same batch (another kind): not looked up here.
    return { ok: true, data: { record: order } };
  },
  keyOf: (record) => record.id.toLowerCase(),
  columnsOf: (record) => ({ consignment_id: record.consignmentId }),
};

type InspectionHeld = InspectionRecord | (InspectionOrder & { isOrder: true });

export const inspectionKind: RecordKind<InspectionHeld> = {
  name: 'inspection',
  mutationTypes: ['inspection.create'],
  table: 'inspections',
  keyColumn: 'inspection_id',
  entity: 'inspection',
  columns: [
    { name: 'order_id', type: 'uuid' },
    { name: 'consignment_id', type: 'uuid' },
  ],
  keysOf: (mutation) => (mutation.type === 'inspection.create' ? [mutation.record.id.toLowerCase(), `${ORDER}${mutation.order.id.toLowerCase()}`] : []),
  async load(tx, portId, keys) {
    const held = new Map<string, InspectionHeld>(await loadByIds<InspectionRecord>(tx, 'inspections', 'inspection_id', portId, keys.filter((k) => !k.startsWith(ORDER))));
    const orders = await loadByIds<InspectionOrder>(tx, 'inspection_orders', 'order_id', portId, keys.filter((k) => k.startsWith(ORDER)).map((k) => k.slice(ORDER.length)));
    for (const [id, order] of orders) held.set(`${ORDER}${id}`, { ...order, isOrder: true });
    return held;
  },
  decide(mutation, held, scope) {
    if (mutation.type !== 'inspection.create') return fail('bad_request', `not an inspection: ${mutation.type}`, 'type');
    if (scope.role === 'admin') return fail('forbidden', 'HQ 管理员不录入查验记录 / HQ administrators do not record inspections', 'type');
    const record = mutation.record;
    if (record.officerId.toLowerCase() !== scope.officerId.toLowerCase()) {
      return fail('forbidden', '只能以本人名义记录查验 / An inspection is recorded in your own name', 'record.officerId');
    }
    if (held(record.id.toLowerCase()) !== undefined) return fail('conflict', `查验记录 ${record.id} 已存在 / Inspection ${record.id} exists`, 'record.id');
    const order = mutation.order;
    const heldOrder = held(`${ORDER}${order.id.toLowerCase()}`);
    if (heldOrder !== undefined && 'isOrder' in heldOrder) {
      const { isOrder: _, ...stored } = heldOrder;
      if (canonicalJson(stored) !== canonicalJson(order)) {
        return fail('conflict', `布控指令 ${order.requirementCode} 与 HQ 所存不符 / Order ${order.requirementCode} differs from the one HQ holds`, 'order');
      }
    }
    const checked = checkInspectionRecord(record, order);
    if (!checked.ok) return fail('validation', checked.error.message, `record.${checked.error.field ?? 'orderId'}`);
    return { ok: true, data: { record } };
  },
  keyOf: (record) => ('isOrder' in record ? `${ORDER}${record.id.toLowerCase()}` : record.id.toLowerCase()),
  columnsOf: (record): Record<string, string> => ('isOrder' in record ? {} : { order_id: record.orderId, consignment_id: record.consignmentId }),
};
