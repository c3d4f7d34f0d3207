import type { Resident } from '../../shared/index';
import type { Db, Queryable } from '../db/db';
import { keyList, uuidKeys } from '../db/json-param';

/**
 * Residents as a push checks them, kept in memory between pushes. A resident's row gets
 * a new seq whenever it changes (every write takes fresh seqs from the port's counter,
 * under its lock; residents are never deleted), so the port's highest resident seq moves
 * whenever any of its residents changes. A push reads that one number (one probe of
 * residents_feed): an entry confirmed while it was the same is still current, and only
 * the others are checked id by id — their seqs, small rows — and the records whose
 * (id, seq) the cache does not hold are read. Several HQ processes over one PostgreSQL
 * stay exact: each checks against the database it reads, under the port's lock.
 *
 * One cache per store (a WeakMap on the Db), so two HQs in one process — tests — never
 * share entries.
 */
interface CacheEntry {
  seq: number;
  resident: Resident;
  /** The port's highest resident seq when this entry was last found current. */
  confirmedAt: number;
}

export class ResidentCache {
  readonly #entries = new Map<string, CacheEntry>();

  constructor(private readonly capacity = 50_000) {}

  get(portId: string, residentId: string, seq: number): Resident | undefined {
    const entry = this.#entries.get(`${portId}:${residentId}`);
    return entry?.seq === seq ? entry.resident : undefined;
  }

  /** The resident when its entry was confirmed while the port's highest resident seq was `portMaxSeq` (nothing changed since). */
  current(portId: string, residentId: string, portMaxSeq: number): Resident | undefined {
    const entry = this.#entries.get(`${portId}:${residentId}`);
    return entry?.confirmedAt === portMaxSeq ? entry.resident : undefined;
  }

  /** The entry (id, seq) was found current while the port's highest resident seq was `portMaxSeq`. */
  confirm(portId: string, residentId: string, seq: number, portMaxSeq: number): void {
    const entry = this.#entries.get(`${portId}:${residentId}`);
    if (entry?.seq === seq) entry.confirmedAt = portMaxSeq;
  }

  set(portId: string, residentId: string, seq: number, resident: Resident, portMaxSeq = -1): void {
    const key = `${portId}:${residentId}`;
    this.#entries.delete(key);
    if (this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { seq, resident, confirmedAt: portMaxSeq });
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
  const [top] = await tx.query<{ max_seq: number | null }>('SELECT max(seq) AS max_seq FROM residents WHERE port_id = $1', [portId]);
  const maxSeq = Number(top?.max_seq ?? 0);
  const unconfirmed: string[] = [];
  for (const id of residentIds) {
    const resident = cache.current(portId, id, maxSeq);
    if (resident === undefined) unconfirmed.push(id);
    else found.set(id, resident);
  }
  if (unconfirmed.length === 0) return found;
  // One text of seqs in the order of the ids asked for ('' where there is no such
  // resident): a thousand rows cost more to hand over than the probes behind them.
  const [versions] = await tx.query<{ seqs: string | null }>(
    `SELECT string_agg(coalesce(r.seq::text, ''), ',' ORDER BY k.n) AS seqs
     FROM unnest(string_to_array($2::text, ',')) WITH ORDINALITY AS k(id, n)
     LEFT JOIN LATERAL (SELECT seq FROM residents WHERE port_id = $1 AND resident_id = k.id::uuid) AS r ON true`,
    [portId, keyList(unconfirmed)],
  );
  const seqs = versions?.seqs?.split(',') ?? [];
  const missing: string[] = [];
  unconfirmed.forEach((id, i) => {
    const seq = seqs[i];
    if (seq === undefined || seq === '') return;
    const cached = cache.get(portId, id, Number(seq));
    if (cached === undefined) {
      missing.push(id);
      return;
    }
    cache.confirm(portId, id, Number(seq), maxSeq);
    found.set(id, cached);
  });
  if (missing.length > 0) {
    const rows = await tx.query<{ resident_id: string; seq: number; data: Resident }>(
      `SELECT resident_id::text AS resident_id, seq, data FROM residents WHERE port_id = $1 AND resident_id = ANY(${uuidKeys('$2')})`,
      [portId, keyList(missing)],
    );
    for (const { resident_id: id, seq, data } of rows) {
      cache.set(portId, id, seq, data, maxSeq);
      found.set(id, data);
    }
  }
  return found;
}
