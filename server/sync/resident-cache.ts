import type { Resident } from '../../shared/index';
import type { Db, Queryable } from '../db/db';
import { keyList, uuidKeys } from '../db/json-param';

/**
 * Residents as a push checks them, kept in memory between pushes. A resident's row gets
 * a new seq whenever it changes (every write takes fresh seqs from the port's counter),
 * so a push asks only for the ids and seqs of its residents — small rows — and reads the
 * records whose (id, seq) it does not hold yet. Several HQ processes over one PostgreSQL
 * stay exact: each checks seqs against the database it reads, under the port's lock.
 *
 * One cache per store (a WeakMap on the Db), so two HQs in one process — tests — never
 * share entries.
 */
export class ResidentCache {
  readonly #entries = new Map<string, { seq: number; resident: Resident }>();

  constructor(private readonly capacity = 50_000) {}

  get(portId: string, residentId: string, seq: number): Resident | undefined {
    const entry = this.#entries.get(`${portId}:${residentId}`);
    return entry?.seq === seq ? entry.resident : undefined;
  }

  set(portId: string, residentId: string, seq: number, resident: Resident): void {
    const key = `${portId}:${residentId}`;
    this.#entries.delete(key);
    if (this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { seq, resident });
  }
}

const caches = new WeakMap<Db, ResidentCache>();

export function residentCacheOf(db: Db): ResidentCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new ResidentCache();
    caches.set(db, cache);
  }
  return cache;
}

/** The port's residents with these ids (lower-case), by id; records read only when not cached at their seq. */
export async function loadResidents(
  tx: Queryable,
  portId: string,
  residentIds: readonly string[],
  cache: ResidentCache,
): Promise<Map<string, Resident>> {
  const found = new Map<string, Resident>();
  if (residentIds.length === 0) return found;
  // One text of seqs in the order of the ids asked for ('' where there is no such
  // resident): a thousand rows cost more to hand over than the probes behind them.
  const [versions] = await tx.query<{ seqs: string | null }>(
    `SELECT string_agg(coalesce(r.seq::text, ''), ',' ORDER BY k.n) AS seqs
     FROM unnest(string_to_array($2::text, ',')) WITH ORDINALITY AS k(id, n)
     LEFT JOIN LATERAL (SELECT seq FROM residents WHERE port_id = $1 AND resident_id = k.id::uuid) AS r ON true`,
    [portId, keyList(residentIds)],
  );
  const seqs = versions?.seqs?.split(',') ?? [];
  const missing: string[] = [];
  residentIds.forEach((id, i) => {
    const seq = seqs[i];
    if (seq === undefined || seq === '') return;
    const cached = cache.get(portId, id, Number(seq));
    if (cached === undefined) missing.push(id);
    else found.set(id, cached);
  });
  if (missing.length > 0) {
    const rows = await tx.query<{ resident_id: string; seq: number; data: Resident }>(
      `SELECT resident_id::text AS resident_id, seq, data FROM residents WHERE port_id = $1 AND resident_id = ANY(${uuidKeys('$2')})`,
      [portId, keyList(missing)],
    );
    for (const { resident_id: id, seq, data } of rows) {
      cache.set(portId, id, seq, data);
      found.set(id, data);
    }
  }
  return found;
}
