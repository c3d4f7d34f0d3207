import { parseResidentQuery, type Resident } from '../../../shared/index';
import type { DeskDb } from '../db/desk-db';

/** At most this many residents in one answer (the list is virtualized; more text narrows it). */
export const RESIDENT_SEARCH_LIMIT = 5000;

export interface ResidentSearch {
  residents: Resident[];
  /** More matched than were kept. */
  isTruncated: boolean;
}

/**
 * The residents filed at the port (pulled from HQ) matching one search box, each key
 * through its own index (Dexie v5): an ID number exactly, a certificate number or ID
 * number by prefix, a name by prefix; nothing typed lists them all by certificate. Sorted
 * by certificate number.
 */
export async function searchResidents(db: DeskDb, portId: string, text: string, limit = RESIDENT_SEARCH_LIMIT): Promise<ResidentSearch> {
  const query = parseResidentQuery(text);
  const wanted = limit + 1;
  let found: Resident[] = [];
  switch (query.kind) {
    case 'empty':
      found = await db.residents.orderBy('certificateNo').filter((r) => r.portId === portId).limit(wanted).toArray();
      break;
    case 'idNumber':
      found = await db.residents.where('idNumber').equals(query.value).limit(wanted).toArray();
      break;
    case 'certificateOrId': {
      const [byCertificate, byId] = await Promise.all([
        db.residents.where('certificateNo').startsWith(query.value).limit(wanted).toArray(),
        db.residents.where('idNumber').startsWith(query.value).limit(wanted).toArray(),
      ]);
      const seen = new Set(byCertificate.map((r) => r.id));
      found = [...byCertificate, ...byId.filter((r) => !seen.has(r.id))];
      break;
    }
    case 'name':
      found = await db.residents.where('name').startsWith(query.value).limit(wanted).toArray();
      break;
  }
  const mine = found.filter((r) => r.portId === portId).sort((a, b) => a.certificateNo.localeCompare(b.certificateNo));
  return { residents: mine.slice(0, limit), isTruncated: mine.length > limit };
}
