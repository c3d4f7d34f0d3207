import { PROTOCOL_VERSION, type PullQuery } from '../../shared/index';
import type { Db } from '../db/db';
import { RECORD_KINDS } from './record-kinds';

/**
 * One page of a port's change feed: every synced table's rows with seq > after, merged
 * in seq order by one query. Each branch is limited on its own (index on (port_id, seq))
 * before the merge, so a page costs at most limit+1 rows per table.
 *
 * The records are stored as json or jsonb and sent as the database prints them: the page is
 * assembled as text, never parsed into objects and serialised again.
 */
const FEED_TABLES: readonly (readonly [string, string])[] = [
  ['declarations', 'declaration'],
  ['residents', 'resident'],
  ['market_points', 'market_point'],
  ['goods_lists', 'goods_list'],
  ['policies', 'policy'],
  ['officers', 'officer'],
  ['conflicts', 'conflict'],
  ['two_step_policies', 'two_step_policy'],
  ...RECORD_KINDS.map((kind) => [kind.table, kind.entity] as const),
];

const PULL_SQL = `SELECT seq, entity, data FROM (
  ${FEED_TABLES.map(
    ([table, entity]) =>
      `(SELECT seq, '${entity}' AS entity, data::text AS data FROM ${table} WHERE port_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)`,
  ).join('\n  UNION ALL\n  ')}
) feed ORDER BY seq LIMIT $3`;

export async function pullPage(db: Db, portId: string, query: PullQuery, now: Date): Promise<string> {
  // One row more than asked for tells whether another page follows.
  const rows = await db.transaction(async (tx) => {
    // The plan must walk each (port_id, seq) index in order and merge the branches
    // (Merge Append), reading about `limit` rows whatever the table's size. Without
    // statistics (PGlite never analyzes) the planner would rather collect every row
    // after the cursor and sort it: a full initial sync would then cost O(n²).
    await tx.exec('SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off');
    return tx.query<{ seq: number; entity: string; data: string }>(PULL_SQL, [portId, query.after, query.limit + 1]);
  });
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const cursor = page.length > 0 ? (page[page.length - 1]?.seq ?? query.after) : query.after;
  const changes = page.map((row) => `{"seq":${row.seq},"entity":"${row.entity}","data":${row.data}}`).join(',');
  return `{"protocolVersion":${PROTOCOL_VERSION},"portId":${JSON.stringify(portId)},"changes":[${changes}],"cursor":${cursor},"hasMore":${hasMore},"hqTime":"${now.toISOString()}"}`;
}
