import type { Conflict, Declaration, EditStamp, Entity, Mutation, MutationResult, MutationType, Result } from '../../shared/index';
import type { Queryable } from '../db/db';
import { keyList, uuidKeys } from '../db/json-param';
import { consignmentKind } from './kinds/consignment';
import { gatePolicyKind } from './kinds/gate-policy';
import { inspectionKind, inspectionOrderKind } from './kinds/inspection';
import { siteKind } from './kinds/site';
import { centralDeclarationKind } from './kinds/central-declaration';
import { directTransportKind } from './kinds/direct-transport';
import { processingFirmKind, processingPolicyKind } from './kinds/processing-reference';
import { processingSaleKind } from './kinds/processing-sale';
import { twoStepEntryKind } from './kinds/two-step-entry';
import { groupKind } from './kinds/group';
import { groupDeclarationKind } from './kinds/group-declaration';
import type { PushScope } from './push-outcome';

/**
 * The extension point of HQ's push and pull for record types other than declarations
 * (two-step entries, consignments, inspections…). A record kind says which mutation
 * types it decides, where its records live, how the batch's held records are loaded
 * (ONE query per kind and batch) and how one mutation changes one record (pure). The
 * push then does the rest as for declarations: seqs in request order, the result
 * stored with the mutation id, one multi-row upsert per table per batch, the pull feed.
 *
 * Declarations keep their own hand-tuned path (push-create.ts, push-edit.ts): a push of
 * a thousand creates must not pay for this generality.
 *
 * To add a kind: write its module (see kinds/two-step-entry.ts), add it to RECORD_KINDS,
 * a migration for its table (port_id, key, seq, data json, its columns; index on
 * (port_id, seq)), its mutation types in shared/sync/protocol.ts and its entity in ENTITIES.
 */

/** SQL types a kind's extra columns may have (values travel through json_to_recordset). */
export type KindColumnType = 'text' | 'uuid' | 'date' | 'int8' | 'boolean' | 'timestamptz';

export interface KindColumn {
  name: string;
  type: KindColumnType;
}

/** What a kind's decision returns: the record's new state, and what else the change made. */
export interface KindDecision<R> {
  record: R;
  flags?: MutationResult['flags'];
  /** Conflict records made (field merge): they take seqs and reach the feed like a declaration's. */
  conflicts?: Conflict[];
}

/** The records of this kind as the batch has left them so far (HQ's, then earlier mutations'). */
export type HeldLookup<R> = (key: string) => R | undefined;

/**
 * What else the batch holds, for kinds whose records are checked against records of
 * other kinds that may travel in the same batch (landing processing: a sale against its
 * declaration, a central declaration against its sales and transports).
 */
export interface BatchView {
  /** A declaration as the batch has left it, when the batch created or edited it (else the kind loads HQ's). */
  declaration(id: string): Declaration | undefined;
  /** A kind's records as the batch has left them: those it loaded, then the batch's writes. */
  kindRecords(kindName: string): ReadonlyMap<string, unknown>;
}


export interface RecordKind<R = unknown> {
  /** Names the kind in logs and in the batch state. */
  name: string;
  mutationTypes: readonly MutationType[];
  table: string;
  /** The primary key column after port_id; a uuid. */
  keyColumn: string;
  /** The pull feed's entity for this table. */
  entity: Entity;
  /** Columns besides port_id, the key, seq and data, written from `columnsOf`. */
  columns: readonly KindColumn[];
  /** The keys (lower-case uuids) of the records a mutation of this kind reads or writes. */
  keysOf(mutation: Mutation): string[];
  /**
   * The held records the batch names, in one query. Optional: the default reads `data`
   * of every key from the kind's table.
   */
  load?(tx: Queryable, portId: string, keys: readonly string[]): Promise<Map<string, R>>;
  /** One mutation against the records as the batch has left them: the new state or why not. Pure. */
  decide(mutation: Mutation, held: HeldLookup<R>, scope: PushScope, now: Date, batch: BatchView): Result<KindDecision<R>>;
  /**
   * A supervisor's choice on a conflict over one of this kind's records (conflict.resolve),
   * for kinds whose edits can conflict: the record's new state, or why not. Pure.
   */
  resolve?(record: R, conflict: Conflict, choice: 'winner' | 'loser', stamp: Omit<EditStamp, 'version'>): Result<R>;
  keyOf(record: R): string;
  columnsOf(record: R): Record<string, string | number | boolean | null>;
}

/** A record's new state, written at its seq (set by assignSeqs). */
export interface RecordWrite {
  kind: RecordKind;
  key: string;
  record: unknown;
  seq: number | null;
}

/**
 * Every record kind HQ knows. A kind's module imports only types from this file, so the
 * list can name the modules without an import cycle.
 */
export const RECORD_KINDS: readonly RecordKind[] = [
  twoStepEntryKind as unknown as RecordKind,
  siteKind as unknown as RecordKind,
  consignmentKind as unknown as RecordKind,
  inspectionOrderKind as unknown as RecordKind,
  inspectionKind as unknown as RecordKind,
  gatePolicyKind as unknown as RecordKind,
  groupKind as unknown as RecordKind,
  groupDeclarationKind as unknown as RecordKind,
  processingFirmKind as unknown as RecordKind,
  processingPolicyKind as unknown as RecordKind,
  processingSaleKind as unknown as RecordKind,
  centralDeclarationKind as unknown as RecordKind,
  directTransportKind as unknown as RecordKind,
];

const byType = new Map<string, RecordKind>();
for (const kind of RECORD_KINDS) {
  for (const type of kind.mutationTypes) {
    if (byType.has(type)) throw new Error(`mutation type ${type} has two record kinds`);
    byType.set(type, kind);
  }
}

export function recordKindOf(type: string): RecordKind | undefined {
  return byType.get(type);
}

/** The kind whose pull entity is `entity` (a conflict's `entity` names its record's kind). */
export function recordKindOfEntity(entity: string): RecordKind | undefined {
  return RECORD_KINDS.find((kind) => kind.entity === entity);
}

async function loadByKey(tx: Queryable, kind: RecordKind, portId: string, keys: readonly string[]): Promise<Map<string, unknown>> {
  const rows = await tx.query<{ key: string; data: unknown }>(
    `SELECT ${kind.keyColumn}::text AS key, data FROM ${kind.table} WHERE port_id = $1 AND ${kind.keyColumn} = ANY(${uuidKeys('$2')})`,
    [portId, keyList(keys)],
  );
  return new Map(rows.map((row) => [row.key, row.data]));
}

/**
 * Every kind's held records the batch names, and those of the conflicts its resolutions
 * settle: one query per kind that the batch uses, none for a batch of declarations only.
 */
export async function loadKindRecords(
  tx: Queryable,
  portId: string,
  mutations: readonly { parsed: Result<Mutation> }[],
  conflicts: Iterable<Conflict> = [],
): Promise<Map<string, Map<string, unknown>>> {
  const keys = new Map<RecordKind, Set<string>>();
  for (const conflict of conflicts) {
    const kind = recordKindOfEntity(conflict.entity);
    if (kind === undefined) continue;
    keys.set(kind, (keys.get(kind) ?? new Set<string>()).add(conflict.recordId.toLowerCase()));
  }
  for (const { parsed } of mutations) {
    if (!parsed.ok) continue;
    const kind = byType.get(parsed.data.type);
    if (kind === undefined) continue;
    const set = keys.get(kind) ?? new Set<string>();
    for (const key of kind.keysOf(parsed.data)) set.add(key.toLowerCase());
    keys.set(kind, set);
  }
  const held = new Map<string, Map<string, unknown>>();
  for (const [kind, set] of keys) {
    const list = [...set];
    held.set(kind.name, list.length === 0 ? new Map() : await (kind.load ?? ((q, p, k) => loadByKey(q, kind, p, k)))(tx, portId, list));
  }
  return held;
}

/**
 * Writes the last state of each record, ONE statement per table: rows travel as one
 * json array read by json_to_recordset. A record written twice in a batch is written
 * once, in its last state at its last seq.
 */
export async function upsertRecordWrites(tx: Queryable, portId: string, writes: readonly RecordWrite[]): Promise<void> {
  const byTable = new Map<RecordKind, Map<string, RecordWrite>>();
  for (const write of writes) {
    if (write.seq === null) continue;
    const rows = byTable.get(write.kind) ?? new Map<string, RecordWrite>();
    const earlier = rows.get(write.key);
    if (earlier === undefined || (earlier.seq ?? 0) < write.seq) rows.set(write.key, write);
    byTable.set(write.kind, rows);
  }
  for (const [kind, rows] of byTable) {
    const names = kind.columns.map((c) => c.name);
    const recordset = ['k uuid', 'seq int8', 'data json', ...kind.columns.map((c) => `${c.name} ${c.type}`)].join(', ');
    const sql = `INSERT INTO ${kind.table} (port_id, ${kind.keyColumn}, seq, data${names.map((n) => `, ${n}`).join('')})
      SELECT $1, r.k, r.seq, r.data${names.map((n) => `, r.${n}`).join('')}
      FROM json_to_recordset($2::json) AS r(${recordset})
      ON CONFLICT (port_id, ${kind.keyColumn}) DO UPDATE SET seq = excluded.seq, data = excluded.data${names.map((n) => `, ${n} = excluded.${n}`).join('')}`;
    const json = [...rows.values()].map((w) => ({ ...kind.columnsOf(w.record), k: w.key, seq: w.seq, data: w.record }));
    await tx.query(sql, [portId, JSON.stringify(json)]);
  }
}
