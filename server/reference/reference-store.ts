import type { DutyFreePolicy, GoodsList, MarketPoint, Officer, Resident } from '../../shared/index';
import type { Queryable } from '../db/db';
import { lockPortCounter, takeSeqs } from '../sync/seq';

/**
 * HQ is the only writer of reference data (residents, points, lists, policies,
 * officers). Every write takes fresh seqs from the port's counter, so the record's new
 * state reaches every desk in the next pull. Rows go in with one multi-row statement per
 * chunk: row-by-row inserts are several times slower.
 */
const CHUNK = 1000;

interface Column<T> {
  name: string;
  type: string;
  value: (record: T) => unknown;
}

interface EntityTable<T extends { portId: string }> {
  table: string;
  key: Column<T>;
  columns: Column<T>[];
}

async function upsert<T extends { portId: string }>(
  tx: Queryable,
  spec: EntityTable<T>,
  portId: string,
  records: readonly T[],
): Promise<void> {
  if (records.length === 0) return;
  for (const record of records) {
    if (record.portId !== portId) throw new Error(`${spec.table}: record of ${record.portId} written under ${portId}`);
  }
  const locked = await lockPortCounter(tx, portId);
  if (locked === null) throw new Error(`unknown port ${portId}`);
  let seq = await takeSeqs(tx, portId, records.length);
  const columns = [spec.key, ...spec.columns];
  const names = columns.map((c) => c.name);
  const sql = `INSERT INTO ${spec.table} (port_id, ${names.join(', ')}, seq, data)
    SELECT $1, ${names.map((n) => `x.${n}`).join(', ')}, x.seq, x.data
    FROM jsonb_to_recordset($2::jsonb) AS x(${columns.map((c) => `${c.name} ${c.type}`).join(', ')}, seq int8, data jsonb)
    ON CONFLICT (port_id, ${spec.key.name}) DO UPDATE SET
      ${[...spec.columns.map((c) => c.name), 'seq', 'data'].map((n) => `${n} = EXCLUDED.${n}`).join(', ')},
      updated_at = now()`;
  for (let start = 0; start < records.length; start += CHUNK) {
    const rows = records.slice(start, start + CHUNK).map((record) => {
      const row: Record<string, unknown> = { seq: seq++, data: record };
      for (const column of columns) row[column.name] = column.value(record);
      return row;
    });
    await tx.query(sql, [portId, JSON.stringify(rows)]);
  }
}

export async function insertPort(tx: Queryable, port: { portId: string; name: string; nameEn: string }): Promise<void> {
  await tx.query('INSERT INTO ports (port_id, name, name_en) VALUES ($1, $2, $3) ON CONFLICT (port_id) DO NOTHING', [
    port.portId,
    port.name,
    port.nameEn,
  ]);
}

const residentTable: EntityTable<Resident> = {
  table: 'residents',
  key: { name: 'resident_id', type: 'uuid', value: (r) => r.id },
  columns: [{ name: 'certificate_no', type: 'text', value: (r) => r.certificateNo }],
};

const marketPointTable: EntityTable<MarketPoint> = {
  table: 'market_points',
  key: { name: 'point_id', type: 'text', value: (p) => p.id },
  columns: [],
};

const goodsListTable: EntityTable<GoodsList> = {
  table: 'goods_lists',
  key: { name: 'list_id', type: 'uuid', value: (l) => l.id },
  columns: [
    { name: 'version', type: 'int4', value: (l) => l.version },
    { name: 'effective_from', type: 'date', value: (l) => l.effectiveFrom },
  ],
};

const policyTable: EntityTable<DutyFreePolicy> = {
  table: 'policies',
  key: { name: 'policy_id', type: 'uuid', value: (p) => p.id },
  columns: [
    { name: 'version', type: 'int4', value: (p) => p.version },
    { name: 'effective_from', type: 'date', value: (p) => p.effectiveFrom },
  ],
};

export interface OfficerWithPassword {
  officer: Officer;
  passwordHash: string;
}

const officerTable: EntityTable<Officer> = {
  table: 'officers',
  key: { name: 'officer_id', type: 'uuid', value: (o) => o.id },
  columns: [
    { name: 'username', type: 'text', value: (o) => o.username },
    { name: 'role', type: 'text', value: (o) => o.role },
  ],
};

export const upsertResidents = (tx: Queryable, portId: string, records: readonly Resident[]) =>
  upsert(tx, residentTable, portId, records);
export const upsertMarketPoints = (tx: Queryable, portId: string, records: readonly MarketPoint[]) =>
  upsert(tx, marketPointTable, portId, records);
export const upsertGoodsLists = (tx: Queryable, portId: string, records: readonly GoodsList[]) =>
  upsert(tx, goodsListTable, portId, records);
export const upsertPolicies = (tx: Queryable, portId: string, records: readonly DutyFreePolicy[]) =>
  upsert(tx, policyTable, portId, records);

/** Officers, with their password hashes (never in `data`, which desks pull). */
export async function upsertOfficers(tx: Queryable, portId: string, records: readonly OfficerWithPassword[]): Promise<void> {
  const hashes = new Map(records.map((r) => [r.officer.id, r.passwordHash]));
  const spec: EntityTable<Officer> = {
    ...officerTable,
    columns: [...officerTable.columns, { name: 'password_hash', type: 'text', value: (o) => hashes.get(o.id) }],
  };
  await upsert(
    tx,
    spec,
    portId,
    records.map((r) => r.officer),
  );
  // A user name names one officer across HQ: re-saving an officer keeps its name, and a
  // name already held by another officer is refused (the whole transaction rolls back).
  const claimed = await tx.query(
    `INSERT INTO officer_logins (username, port_id, officer_id)
     SELECT x.username, $1, x.officer_id FROM jsonb_to_recordset($2::jsonb) AS x(username text, officer_id uuid)
     ON CONFLICT (username) DO UPDATE SET port_id = EXCLUDED.port_id
       WHERE officer_logins.officer_id = EXCLUDED.officer_id
     RETURNING username`,
    [portId, JSON.stringify(records.map((r) => ({ username: r.officer.username, officer_id: r.officer.id })))],
  );
  if (claimed.length !== records.length) throw new Error('a user name is already held by another officer');
}
