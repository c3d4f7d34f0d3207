import type { PortSummary } from '../../shared/index';
import type { Queryable } from '../db/db';

/**
 * The ports an HQ administrator looks after, each with its size and anything that needs
 * a person: open conflicts and desks whose audit chain broke. One query; the counts use
 * each table's (port_id, …) key.
 */
interface PortRow {
  port_id: string;
  name: string;
  name_en: string;
  last_seq: number;
  declarations: number;
  residents: number;
  officers: number;
  open_conflicts: number;
  broken_chains: number;
}

export async function listPorts(db: Queryable): Promise<PortSummary[]> {
  const rows = await db.query<PortRow>(
    `SELECT p.port_id, p.name, p.name_en, p.last_seq,
       (SELECT count(*) FROM declarations d WHERE d.port_id = p.port_id)::int8 AS declarations,
       (SELECT count(*) FROM residents r WHERE r.port_id = p.port_id)::int8 AS residents,
       (SELECT count(*) FROM officers o WHERE o.port_id = p.port_id)::int8 AS officers,
       (SELECT count(*) FROM conflicts c WHERE c.port_id = p.port_id AND c.status = 'open')::int8 AS open_conflicts,
       (SELECT count(*) FROM audit_chains a WHERE a.port_id = p.port_id AND a.broken)::int8 AS broken_chains
     FROM ports p ORDER BY p.port_id`,
  );
  return rows.map((row) => ({
    id: row.port_id,
    name: row.name,
    nameEn: row.name_en,
    lastSeq: row.last_seq,
    counts: { declarations: row.declarations, residents: row.residents, officers: row.officers },
    openConflicts: row.open_conflicts,
    brokenChains: row.broken_chains,
  }));
}

export async function portExists(db: Queryable, portId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM ports WHERE port_id = $1', [portId]);
  return rows.length > 0;
}
