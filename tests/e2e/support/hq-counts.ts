import {
  type Change,
  ENTITIES,
  type Entity,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  pullResponseSchema,
  ROUTES,
  sessionSchema,
} from '../../../shared/index';

/**
 * What HQ holds, read over its own HTTP API the way HQ staff and desks read it: the day
 * report, and a full pull from seq 0 with every record counted by id.
 */
export async function hqToken(baseUrl: string, username = 'dx.supervisor', deviceId = 'e2e-fault-counter'): Promise<string> {
  const res = await fetch(`${baseUrl}${ROUTES.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'borderdesk', deviceId }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return sessionSchema.parse(await res.json()).accessToken;
}

const syncHeaders = (token: string) => ({ authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });

export interface DayReport {
  declarations: number;
  residents: number;
  totalFen: number;
  exemptFen: number;
  taxableFen: number;
  flagged: number;
}

export async function dayReport(baseUrl: string, token: string, date: string): Promise<DayReport> {
  const res = await fetch(`${baseUrl}${ROUTES.reportsDay}?date=${date}`, { headers: syncHeaders(token) });
  if (res.status !== 200) throw new Error(`report ${date}: ${res.status} ${await res.text()}`);
  return (await res.json()) as DayReport;
}

export interface FullPull {
  /** The latest state of each record, by entity and id. */
  records: { [E in Entity]: Map<string, Extract<Change, { entity: E }>['data']> };
  /** Ids that came more than once in one full pull (a doubled record at HQ). */
  repeated: string[];
  seqs: number[];
}

export async function pullEverything(baseUrl: string, token: string, limit = 5000): Promise<FullPull> {
  const records = Object.fromEntries(ENTITIES.map((e) => [e, new Map()])) as FullPull['records'];
  const repeated: string[] = [];
  const seqs: number[] = [];
  let after = 0;
  for (;;) {
    const res = await fetch(`${baseUrl}${ROUTES.pull}?after=${after}&limit=${limit}`, { headers: syncHeaders(token) });
    if (res.status !== 200) throw new Error(`pull after ${after}: ${res.status} ${await res.text()}`);
    const page = pullResponseSchema.parse(await res.json());
    for (const change of page.changes) {
      const table: Map<string, unknown> = records[change.entity];
      if (table.has(change.data.id)) repeated.push(change.data.id);
      table.set(change.data.id, change.data);
      seqs.push(change.seq);
    }
    if (!page.hasMore || page.cursor <= after) return { records, repeated, seqs };
    after = page.cursor;
  }
}
