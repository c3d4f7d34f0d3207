import { randomUUID } from 'node:crypto';
import type { Conflict, Declaration } from '../../shared/index';
import type { Queryable } from '../db/db';
import { jsonLines, keyList } from '../db/json-param';
import type { Logger } from '../log';
import { createdRecordJson, type Outcome, type PreparsedMutation, type PushScope } from './push-outcome';
import { type RecordWrite, upsertRecordWrites } from './record-kinds';

/**
 * Writes a push's outcomes with multi-row statements (row-by-row is ~7x slower), a fixed
 * number of them whatever the batch:
 *
 * - applied creates: ONE statement moves the port's counter past the seqs the push
 *   took and inserts the declarations (one round trip under the port's lock fewer), one
 *   more their mutation rows (result and audit entry). (One statement for both inserts,
 *   a data-modifying WITH, cost PostgreSQL more than the two.) The columns HQ queries by
 *   travel as comma-separated keys, the records, results and audit bodies as text, one
 *   per line, both split by `string_to_array` and read side by side with `unnest`. The
 *   record is stored as `json`, the text HQ wrote: converting a thousand records to
 *   jsonb was the largest single cost of a push, and the pull sends the text as it is.
 * - every other mutation row (rejected ones, updates, resolutions): one statement.
 * - declarations that existed and changed (updates, resolutions): one UPDATE with
 *   their last state and seq; conflicts made or resolved: one upsert; refused
 *   resolutions: one insert into refused_requests. These are rare and small.
 * - records of other kinds (record-kinds.ts): one upsert per table.
 *
 * A declaration created and then edited in the same batch is inserted once, in its
 * last state, at its last seq.
 *
 * A batch push.ts took to be new (`expectNew`: nobody looked for its ids) is inserted
 * the same way: a primary key that exists already fails the insert, the transaction is
 * rolled back, and NotNewAfterAll tells push.ts to run the push again the checked way.
 */
const INSERT_APPLIED = `WITH counter AS (UPDATE ports SET last_seq = $12 WHERE port_id = $1 AND $12::int8 IS NOT NULL)
  INSERT INTO declarations (port_id, declaration_id, mutation_id, resident_id, trade_date, hq_exempt_fen,
    hq_taxable_fen, flags, hq_received_at, seq, data)
  SELECT $1, declaration_id, mutation_id, resident_id, trade_date, hq_exempt_fen, hq_taxable_fen, flags::jsonb, $9, seq, data::json
  FROM unnest(string_to_array($2, ',')::uuid[], string_to_array($3, ',')::int8[],
      string_to_array($4, ',')::uuid[], string_to_array($5, ',')::uuid[], string_to_array($6, ',')::date[],
      string_to_array($7, ',')::int8[], string_to_array($8, ',')::int8[],
      string_to_array($10, E'\\n'), string_to_array($11, E'\\n'))
    AS a(mutation_id, seq, declaration_id, resident_id, trade_date, hq_exempt_fen, hq_taxable_fen, flags, data)`;

/** The port's counter alone, when no declaration is created (see seq.ts: the push holds the counter's lock). */
const SET_COUNTER = 'UPDATE ports SET last_seq = $2 WHERE port_id = $1';

/** Mutation rows without a new declaration; '' stands for NULL where a mutation had no readable value. */
const INSERT_MUTATIONS = `INSERT INTO mutations (port_id, mutation_id, device_id, officer_id, result, received_at,
    audit_n, audit_prev, audit_hash, body, desk_time, mutation_type)
  SELECT $1, mutation_id, $3, $4, result::json, $5, nullif(audit_n, '')::int8, nullif(audit_prev, ''), nullif(audit_hash, ''),
    nullif(body, ''), nullif(desk_time, '')::timestamptz, nullif(mutation_type, '')
  FROM unnest(string_to_array($2, ',')::uuid[], string_to_array($6, E'\\n'), string_to_array($7, ','), string_to_array($8, ','),
    string_to_array($9, ','), string_to_array($10, E'\\n'), string_to_array($11, ','), string_to_array($12, ','))
    AS r(mutation_id, result, audit_n, audit_prev, audit_hash, body, desk_time, mutation_type)`;

/**
 * Thrown when a batch storeOutcomes was told is new turns out not to be: a mutation id
 * or a declaration id HQ holds already. The transaction rolls back; the caller runs the
 * push again the checked way (push.ts).
 */
export class NotNewAfterAll extends Error {
  constructor(what: string) {
    super(`expected a new batch, but HQ holds some of its ${what} already`);
  }
}

const UNIQUE_VIOLATION = '23505';

/**
 * Runs one of the inserts. In a batch taken to be new, a key that exists already (the
 * primary key's unique violation, which PostgreSQL checks on every insert anyway) is
 * NotNewAfterAll; anywhere else it is the bug it looks like.
 */
async function insertRows(tx: Queryable, sql: string, params: unknown[], expectNew: boolean, what: string): Promise<void> {
  try {
    await tx.query(sql, params);
  } catch (error) {
    if (expectNew && typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION) {
      throw new NotNewAfterAll(what);
    }
    throw error;
  }
}

const UPDATE_CHANGED = `UPDATE declarations d SET seq = c.seq, data = c.data
  FROM json_to_recordset($2::json) AS c(declaration_id uuid, seq int8, data json)
  WHERE d.port_id = $1 AND d.declaration_id = c.declaration_id`;

const UPSERT_CONFLICTS = `INSERT INTO conflicts (port_id, conflict_id, record_id, field, status, seq, data)
  SELECT $1, c.conflict_id, c.record_id, c.field, c.status, c.seq, c.data
  FROM json_to_recordset($2::json) AS c(conflict_id uuid, record_id uuid, field text, status text, seq int8, data json)
  ON CONFLICT (port_id, conflict_id) DO UPDATE SET status = excluded.status, seq = excluded.seq, data = excluded.data`;

const INSERT_REFUSALS = `INSERT INTO refused_requests (port_id, refusal_id, at, officer_id, device_id, route, code, detail)
  SELECT $1, r.refusal_id, $2, $3, $4, 'sync.push', 'forbidden', r.detail
  FROM json_to_recordset($5::json) AS r(refusal_id uuid, detail jsonb)`;

/** The audit entry's columns of a mutation row ('' where there is none). */
function auditColumns(mutation: PreparsedMutation | undefined) {
  const link = mutation?.link ?? null;
  return {
    n: link === null ? '' : link.n,
    prev: link?.prev ?? '',
    hash: link?.hash ?? '',
    body: link?.body ?? '',
    deskTime: mutation?.deskTime ?? '',
    type: mutation?.type ?? '',
  };
}

export async function storeOutcomes(
  tx: Queryable,
  logger: Logger,
  scope: PushScope,
  mutations: readonly PreparsedMutation[],
  outcomes: readonly Outcome[],
  receivedAt: Date,
  /** The port's last seq after this push's seqs, or null when it took none. */
  lastSeq: number | null,
  /**
   * The outcomes were decided without looking for stored mutation ids and existing
   * declaration ids (push.ts): every row must then be new, or NotNewAfterAll is thrown.
   */
  expectNew = false,
): Promise<void> {
  // Last state and seq of every declaration and conflict the batch edited (none in a
  // batch of creates: then each new declaration is stored as it was made).
  const lastRecord = new Map<string, { record: Declaration; seq: number }>();
  const lastConflict = new Map<string, { conflict: Conflict; seq: number }>();
  const recordWrites: RecordWrite[] = [];
  if (outcomes.some((o) => o.changed !== null || o.conflicts.length > 0 || o.records.length > 0)) {
    for (const o of outcomes) {
      for (const write of o.records) recordWrites.push(write);
      const record = o.created ?? o.changed;
      if (record !== null && o.seqs.record !== null) lastRecord.set(record.id.toLowerCase(), { record, seq: o.seqs.record });
      o.conflicts.forEach((conflict, i) => {
        lastConflict.set(conflict.id, { conflict, seq: o.seqs.conflicts[i] ?? 0 });
      });
    }
  }

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
    /** Each new declaration's JSON (no raw line breaks: JSON.stringify escapes them). */
    records: [] as string[],
    auditN: [] as (number | string)[],
    auditPrev: [] as string[],
    auditHash: [] as string[],
    bodies: [] as string[],
    deskTimes: [] as string[],
  };
  const others = { mutationIds: [] as string[], results: [] as unknown[], auditN: [] as (number | string)[], auditPrev: [] as string[], auditHash: [] as string[], bodies: [] as string[], deskTimes: [] as string[], types: [] as string[] };
  const created = new Set<string>();
  const refusals: { refusal_id: string; detail: Record<string, unknown> }[] = [];
  outcomes.forEach((o, i) => {
    if (o.storeAs === null) return;
    const { index: _position, replayed: _replayed, ...answer } = o.result;
    const audit = auditColumns(mutations[i]);
    if (o.refusal !== null) refusals.push({ refusal_id: randomUUID(), detail: o.refusal });
    const declaration = o.created;
    if (declaration !== null) {
      const last = (lastRecord.size > 0 ? lastRecord.get(declaration.id.toLowerCase()) : undefined) ?? { record: declaration, seq: o.seqs.record ?? 0 };
      if (lastRecord.size > 0) created.add(declaration.id.toLowerCase());
      applied.mutationIds.push(o.storeAs);
      applied.seqs.push(last.seq);
      applied.declarationIds.push(declaration.id);
      applied.residentIds.push(declaration.residentId);
      applied.tradeDates.push(declaration.tradeDate);
      applied.exempt.push(declaration.hqExemptFen ?? 0);
      applied.taxable.push(declaration.hqTaxableFen ?? 0);
      applied.flags.push(declaration.flags);
      applied.results.push(answer);
      const draftJson = mutations[i]?.draftJson ?? null;
      applied.records.push(
        last.record === declaration && draftJson !== null && o.createdHqPart !== null ? createdRecordJson(draftJson, o.createdHqPart) : JSON.stringify(last.record),
      );
      applied.auditN.push(audit.n);
      applied.auditPrev.push(audit.prev);
      applied.auditHash.push(audit.hash);
      applied.bodies.push(audit.body);
      applied.deskTimes.push(audit.deskTime);
    } else {
      others.mutationIds.push(o.storeAs);
      others.results.push(answer);
      others.auditN.push(audit.n);
      others.auditPrev.push(audit.prev);
      others.auditHash.push(audit.hash);
      others.bodies.push(audit.body);
      others.deskTimes.push(audit.deskTime);
      others.types.push(audit.type);
    }
  });

  const { portId, deviceId, officerId } = scope;
  if (applied.mutationIds.length > 0) {
    const declarationParams = [
      portId,
      keyList(applied.mutationIds),
      keyList(applied.seqs),
      keyList(applied.declarationIds),
      keyList(applied.residentIds),
      keyList(applied.tradeDates),
      keyList(applied.exempt),
      keyList(applied.taxable),
      receivedAt,
      jsonLines(applied.flags),
      applied.records.join('\n'),
      lastSeq,
    ];
    await insertRows(tx, INSERT_APPLIED, declarationParams, expectNew, 'declaration ids');
    const mutationParams = [
      portId,
      keyList(applied.mutationIds),
      deviceId,
      officerId,
      receivedAt,
      jsonLines(applied.results),
      keyList(applied.auditN),
      keyList(applied.auditPrev),
      keyList(applied.auditHash),
      // Canonical JSON: never a raw line break inside.
      applied.bodies.join('\n'),
      keyList(applied.deskTimes),
      keyList(applied.mutationIds.map(() => 'declaration.create')),
    ];
    await insertRows(tx, INSERT_MUTATIONS, mutationParams, expectNew, 'mutation ids');
  } else if (lastSeq !== null) {
    await tx.query(SET_COUNTER, [portId, lastSeq]);
  }
  if (others.mutationIds.length > 0) {
    const otherParams = [
      portId,
      keyList(others.mutationIds),
      deviceId,
      officerId,
      receivedAt,
      jsonLines(others.results),
      keyList(others.auditN),
      keyList(others.auditPrev),
      keyList(others.auditHash),
      others.bodies.join('\n'),
      keyList(others.deskTimes),
      keyList(others.types),
    ];
    await insertRows(tx, INSERT_MUTATIONS, otherParams, expectNew, 'mutation ids');
  }
  const changed = [...lastRecord].filter(([id]) => !created.has(id));
  if (changed.length > 0) {
    const rows = changed.map(([id, { record, seq }]) => ({ declaration_id: id, seq, data: record }));
    await tx.query(UPDATE_CHANGED, [portId, JSON.stringify(rows)]);
  }
  if (recordWrites.length > 0) await upsertRecordWrites(tx, portId, recordWrites);
  if (lastConflict.size > 0) {
    const rows = [...lastConflict.values()].map(({ conflict, seq }) => ({
      conflict_id: conflict.id,
      record_id: conflict.recordId,
      field: conflict.field,
      status: conflict.status,
      seq,
      data: conflict,
    }));
    await tx.query(UPSERT_CONFLICTS, [portId, JSON.stringify(rows)]);
  }
  if (refusals.length > 0) {
    await tx.query(INSERT_REFUSALS, [portId, receivedAt, officerId, deviceId, JSON.stringify(refusals)]);
    for (const { detail } of refusals) logger.log('warn', 'scope.refused', { portId, officerId, deviceId, route: 'sync.push', code: 'forbidden', detail });
  }
}
