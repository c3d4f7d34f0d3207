import type { Declaration } from '../../shared/index';
import type { Queryable } from '../db/db';
import { asciiJson } from '../db/json-param';
import type { Outcome } from './push-plan';

/**
 * Writes a push's outcomes with multi-row statements (row-by-row is ~7x slower):
 *
 * - applied mutations: ONE statement inserts the declarations and, from the same
 *   parameter, their mutation results. Each travels once, as
 *   [mutation id, seq, record, id as the desk sent it]; the columns are read out of the
 *   record by the database. The parameter is typed jsonb, so it is parsed once, at bind.
 * - rejected mutations (rare): one more statement with their stored answers.
 */
const INSERT_APPLIED = `WITH applied AS (
    SELECT (x->>0)::uuid AS mutation_id, (x->>1)::int8 AS seq, x->2 AS d, x->>3 AS sent_id
    FROM jsonb_array_elements($2::jsonb) AS x
  ), results AS (
    INSERT INTO mutations (port_id, mutation_id, device_id, officer_id, result, received_at)
    SELECT $1, mutation_id, $4, $5,
      jsonb_build_object('id', sent_id, 'status', 'applied', 'seq', seq, 'flags', d->'flags', 'error', NULL), $3
    FROM applied
  )
  INSERT INTO declarations (port_id, declaration_id, mutation_id, resident_id, trade_date, hq_exempt_fen,
    hq_taxable_fen, flags, hq_received_at, seq, data)
  SELECT $1, (d->>'id')::uuid, mutation_id, (d->>'residentId')::uuid, (d->>'tradeDate')::date,
    (d->>'hqExemptFen')::int8, (d->>'hqTaxableFen')::int8, d->'flags', $3, seq, d
  FROM applied`;

const INSERT_REJECTED = `INSERT INTO mutations (port_id, mutation_id, device_id, officer_id, result, received_at)
  SELECT $1, (x->>0)::uuid, $4, $5, x->1, $3 FROM jsonb_array_elements($2::jsonb) AS x`;

export async function storeOutcomes(
  tx: Queryable,
  scope: { portId: string; deviceId: string; officerId: string },
  outcomes: readonly Outcome[],
  receivedAt: Date,
): Promise<void> {
  const applied: [string, number, Declaration, string | null][] = [];
  const rejected: [string, unknown][] = [];
  for (const { storeAs, declaration, result } of outcomes) {
    if (storeAs === null) continue;
    if (declaration !== null && result.seq !== null) applied.push([storeAs, result.seq, declaration, result.id]);
    else {
      const { index: _position, replayed: _replayed, ...answer } = result;
      rejected.push([storeAs, answer]);
    }
  }
  const common = [scope.portId, receivedAt, scope.deviceId, scope.officerId];
  if (applied.length > 0) await tx.query(INSERT_APPLIED, [common[0], asciiJson(applied), ...common.slice(1)]);
  if (rejected.length > 0) await tx.query(INSERT_REJECTED, [common[0], JSON.stringify(rejected), ...common.slice(1)]);
}
