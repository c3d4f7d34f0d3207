import type { Queryable } from '../db/db';
import { jsonLines, keyList } from '../db/json-param';
import type { Outcome } from './push-plan';

/**
 * Writes a push's outcomes with multi-row statements (row-by-row is ~7x slower):
 *
 * - applied mutations: ONE statement inserts the declarations and, from the same
 *   parameters, their mutation results. The columns HQ queries by travel as
 *   comma-separated keys, the records and results as JSON text, one per line, both
 *   split by `string_to_array` and read side by side with `unnest`. The record is
 *   stored as `json`, the text HQ wrote: converting a thousand records to jsonb was the
 *   largest single cost of a push, and the pull sends the text as it is anyway.
 * - rejected mutations (rare): one more statement with their stored answers.
 */
const INSERT_APPLIED = `WITH applied AS (
    SELECT * FROM unnest(string_to_array($2, ',')::uuid[], string_to_array($3, ',')::int8[],
      string_to_array($4, ',')::uuid[], string_to_array($5, ',')::uuid[], string_to_array($6, ',')::date[],
      string_to_array($7, ',')::int8[], string_to_array($8, ',')::int8[],
      string_to_array($9, E'\\n'), string_to_array($10, E'\\n'), string_to_array($11, E'\\n'))
      AS a(mutation_id, seq, declaration_id, resident_id, trade_date, hq_exempt_fen, hq_taxable_fen, flags, result, data)
  ), results AS (
    INSERT INTO mutations (port_id, mutation_id, device_id, officer_id, result, received_at)
    SELECT $1, mutation_id, $12, $13, result::json, $14 FROM applied
  )
  INSERT INTO declarations (port_id, declaration_id, mutation_id, resident_id, trade_date, hq_exempt_fen,
    hq_taxable_fen, flags, hq_received_at, seq, data)
  SELECT $1, declaration_id, mutation_id, resident_id, trade_date, hq_exempt_fen, hq_taxable_fen, flags::jsonb,
    $14, seq, data::json
  FROM applied`;

const INSERT_REJECTED = `INSERT INTO mutations (port_id, mutation_id, device_id, officer_id, result, received_at)
  SELECT $1, mutation_id, $3, $4, result::json, $5
  FROM unnest(string_to_array($2, ',')::uuid[], string_to_array($6, E'\\n')) AS r(mutation_id, result)`;

export async function storeOutcomes(
  tx: Queryable,
  scope: { portId: string; deviceId: string; officerId: string },
  outcomes: readonly Outcome[],
  receivedAt: Date,
): Promise<void> {
  const applied = {
    mutationIds: [] as string[],
    seqs: [] as number[],
    declarationIds: [] as string[],
    residentIds: [] as string[],
    tradeDates: [] as string[],
    exempt: [] as number[],
    taxable: [] as number[],
    flags: [] as unknown[],
    results: [] as unknown[],
    records: [] as unknown[],
  };
  const rejected = { mutationIds: [] as string[], results: [] as unknown[] };
  for (const { storeAs, declaration, result } of outcomes) {
    if (storeAs === null) continue;
    const { index: _position, replayed: _replayed, ...answer } = result;
    if (declaration !== null && result.seq !== null) {
      applied.mutationIds.push(storeAs);
      applied.seqs.push(result.seq);
      applied.declarationIds.push(declaration.id);
      applied.residentIds.push(declaration.residentId);
      applied.tradeDates.push(declaration.tradeDate);
      applied.exempt.push(declaration.hqExemptFen ?? 0);
      applied.taxable.push(declaration.hqTaxableFen ?? 0);
      applied.flags.push(declaration.flags);
      applied.results.push(answer);
      applied.records.push(declaration);
    } else {
      rejected.mutationIds.push(storeAs);
      rejected.results.push(answer);
    }
  }
  if (applied.mutationIds.length > 0) {
    await tx.query(INSERT_APPLIED, [
      scope.portId,
      keyList(applied.mutationIds),
      keyList(applied.seqs),
      keyList(applied.declarationIds),
      keyList(applied.residentIds),
      keyList(applied.tradeDates),
      keyList(applied.exempt),
      keyList(applied.taxable),
      jsonLines(applied.flags),
      jsonLines(applied.results),
      jsonLines(applied.records),
      scope.deviceId,
      scope.officerId,
      receivedAt,
    ]);
  }
  if (rejected.mutationIds.length > 0) {
    const { portId, deviceId, officerId } = scope;
    await tx.query(INSERT_REJECTED, [portId, keyList(rejected.mutationIds), deviceId, officerId, receivedAt, jsonLines(rejected.results)]);
  }
}
