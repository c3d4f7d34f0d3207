import { fail, type Site } from '../../../shared/index';
import type { RecordKind } from '../record-kinds';

/**
 * Designated sites in the pull feed. Sites are reference data written only by HQ's
 * administrators (server/admin/site-write.ts), so no mutation type is theirs: the kind
 * exists so that the feed reads the `sites` table like every other synced table.
 */
export const siteKind: RecordKind<Site> = {
  name: 'site',
  mutationTypes: [],
  table: 'sites',
  keyColumn: 'site_id',
  entity: 'site',
  columns: [],
  keysOf: () => [],
  decide: (mutation) => fail('bad_request', `场地由 HQ 管理员维护，柜台不能提交 / Sites are kept by HQ administrators: ${mutation.type}`, 'type'),
  keyOf: (site) => site.id,
  columnsOf: () => ({}),
};
