import { assessConsignmentAtHq, type Consignment, cstDateOf, fail, type Site } from '../../../shared/index';
import type { Queryable } from '../../db/db';
import { keyList, uuidKeys } from '../../db/json-param';
import type { RecordKind } from '../record-kinds';

/**
 * Consignments at the yard (consignment.create). HQ re-checks the named site's status on
 * the arrival date with the site as HQ holds it now (shared assessConsignmentAtHq): a site
 * suspended or revoked while the desk was offline FLAGS the consignment, which is kept —
 * the goods are at the yard. A site HQ does not know in the port is refused (`not_found`).
 * A consignment id HQ already holds, sent by another mutation, is a `conflict`.
 *
 * The batch's held records carry the sites too, under `site:<id>`, loaded in the same
 * one query per batch as the consignments.
 */
type Held = Consignment | Site;
const siteKey = (siteId: string) => `site:${siteId.toLowerCase()}`;
const isSite = (held: Held | undefined): held is Site => held !== undefined && 'approvals' in held;

async function load(tx: Queryable, portId: string, keys: readonly string[]): Promise<Map<string, Held>> {
  const ids = keys.filter((key) => !key.startsWith('site:'));
  const siteIds = keys.filter((key) => key.startsWith('site:')).map((key) => key.slice(5));
  const held = new Map<string, Held>();
  if (ids.length > 0) {
    const rows = await tx.query<{ key: string; data: Consignment }>(
      `SELECT consignment_id::text AS key, data FROM consignments WHERE port_id = $1 AND consignment_id = ANY(${uuidKeys('$2')})`,
      [portId, keyList(ids)],
    );
    for (const row of rows) held.set(row.key, row.data);
  }
  if (siteIds.length > 0) {
    const rows = await tx.query<{ data: Site }>('SELECT data FROM sites WHERE port_id = $1 AND lower(site_id) = ANY(string_to_array($2::text, \',\'))', [
      portId,
      siteIds.join(','),
    ]);
    for (const row of rows) held.set(siteKey(row.data.id), row.data);
  }
  return held;
}

export const consignmentKind: RecordKind<Held> = {
  name: 'consignment',
  mutationTypes: ['consignment.create'],
  table: 'consignments',
  keyColumn: 'consignment_id',
  entity: 'consignment',
  columns: [
    { name: 'site_id', type: 'text' },
    { name: 'category', type: 'text' },
    { name: 'arrived_on', type: 'date' },
    { name: 'is_flagged', type: 'boolean' },
  ],
  keysOf(mutation) {
    return mutation.type === 'consignment.create' ? [mutation.record.id.toLowerCase(), siteKey(mutation.record.siteId)] : [];
  },
  load,
  decide(mutation, held, scope, now) {
    if (mutation.type !== 'consignment.create') return fail('bad_request', `not a consignment mutation: ${mutation.type}`, 'type');
    if (scope.role === 'admin') return fail('forbidden', 'HQ 管理员不登记到场货物 / HQ administrators do not record consignments', 'type');
    const draft = mutation.record;
    if (draft.officerId.toLowerCase() !== scope.officerId.toLowerCase()) {
      return fail('forbidden', '只能以本人名义登记 / A consignment is recorded in your own name', 'record.officerId');
    }
    if (held(draft.id.toLowerCase()) !== undefined) {
      return fail('conflict', `到场货物 ${draft.id} 已由另一变更登记 / Consignment ${draft.id} was recorded by another change`, 'record.id');
    }
    const site = held(siteKey(draft.siteId));
    // Usage that day is not read: capacity is a warning shown at the desk, never stored or flagged.
    const assessed = assessConsignmentAtHq(draft, { site: isSite(site) ? site : null, usedThatDay: { consignments: 0, kg: 0 } }, now);
    if (!assessed.ok) return assessed;
    const record: Consignment = { ...draft, hqReceivedAt: now.toISOString(), flags: assessed.data.flags, hqSiteVersion: assessed.data.siteVersion };
    return { ok: true, data: { record, flags: assessed.data.flags } };
  },
  keyOf: (record) => ('approvals' in record ? siteKey(record.id) : record.id.toLowerCase()),
  columnsOf(record): Record<string, string | boolean> {
    if ('approvals' in record) return {};
    return { site_id: record.siteId, category: record.category, arrived_on: cstDateOf(new Date(record.arrivedAt)), is_flagged: record.flags.length > 0 };
  },
};
