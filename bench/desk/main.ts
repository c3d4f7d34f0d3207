import { addDays, cstDateOf, ROUTES } from '../../shared/index';
import {
  createHqClient,
  createTokenHolder,
  type DeskDb,
  type HqClient,
  loginToHq,
  openDeskDb,
  PULL_PAGE_SIZE,
  pullChanges,
  pushOutbox,
  referenceInForce,
  saveDeclarations,
} from '../../renderer/src/engine';
import type { BenchApi } from './bench-api';
import { makeDrafts } from './make-drafts';

interface Desk {
  db: DeskDb;
  client: HqClient;
  accessToken(): string | null;
  officerId: string;
  portId: string;
  deviceId: string;
}

const baseUrl = location.origin;
let desk: Desk | null = null;

function need(): Desk {
  if (desk === null) throw new Error('sign in first');
  return desk;
}

function fail(what: string, error: { code: string; message: string }): never {
  throw new Error(`${what}: ${error.code} ${error.message}`);
}

const api: BenchApi = {
  async signIn(username, password) {
    const deviceId = `bench-${crypto.randomUUID().slice(0, 12)}`;
    const login = await loginToHq(baseUrl, { username, password, deviceId });
    if (!login.ok) fail('sign-in', login.error);
    const session = login.data;
    const tokens = createTokenHolder({ baseUrl, deviceId, refreshToken: session.refreshToken, accessToken: session.accessToken });
    desk = {
      db: openDeskDb(session.officer.portId, session.officer.username),
      client: createHqClient({ baseUrl, deviceId, tokens }),
      accessToken: () => tokens.accessToken(),
      officerId: session.officer.id,
      portId: session.officer.portId,
      deviceId,
    };
  },

  async pull() {
    const { db, client } = need();
    const before = await db.declarations.count();
    const started = performance.now();
    const pulled = await pullChanges(db, client);
    const ms = performance.now() - started;
    if (!pulled.ok) fail('pull', pulled.error);
    return { records: pulled.data.changes, declarations: (await db.declarations.count()) - before, ms };
  },

  async seedOutbox(count) {
    const { db, officerId, portId, deviceId } = need();
    const now = new Date();
    const { goodsList, policy } = await referenceInForce(db, portId, addDays(cstDateOf(now), -6));
    if (goodsList === null || policy === null) throw new Error('no goods list or policy in force: pull first');
    const residents = (await db.residents.toArray()).filter((r) => r.status === 'valid' && r.validTo >= cstDateOf(now));
    const drafts = makeDrafts({ count, residents, goodsList, policy, officerId, deviceId, now });
    for (let i = 0; i < drafts.length; i += 2000) {
      const saved = await saveDeclarations(db, drafts.slice(i, i + 2000), now);
      if (!saved.ok) fail('save', saved.error);
    }
  },

  async push() {
    const { db, client } = need();
    const trips: number[] = [];
    // Times each request from the desk's side: what HQ's answer costs the desk, whole.
    const timedClient: HqClient = {
      ...client,
      async push(mutations) {
        const sent = performance.now();
        const answer = await client.push(mutations);
        trips.push(performance.now() - sent);
        return answer;
      },
    };
    const started = performance.now();
    const pushed = await pushOutbox(db, timedClient);
    const ms = performance.now() - started;
    if (!pushed.ok) fail('push', pushed.error);
    const tripMs = trips.reduce((sum, t) => sum + t, 0);
    return { applied: pushed.data.applied, rejected: pushed.data.rejected, flagged: pushed.data.flagged, ms, requests: trips.length, tripMs };
  },

  async hqCount() {
    const { accessToken } = need();
    const today = cstDateOf(new Date());
    let total = 0;
    for (let d = 0; d < 7; d++) {
      const response = await fetch(`${baseUrl}${ROUTES.reportsDay}?date=${addDays(today, -d)}`, {
        headers: { Authorization: `Bearer ${accessToken() ?? ''}` },
      });
      if (!response.ok) throw new Error(`report: HTTP ${response.status} ${await response.text()}`);
      const body: unknown = await response.json();
      const count = typeof body === 'object' && body !== null && 'declarations' in body ? body.declarations : null;
      if (typeof count !== 'number') throw new Error('report without a declarations count');
      total += count;
    }
    return total;
  },

  async dexieLimit() {
    const { db } = need();
    const records = await db.declarations.toArray();
    const scratch = openDeskDb('BENCHLIMIT', `limit-${Date.now()}`);
    await scratch.open();
    const pageSize = PULL_PAGE_SIZE;
    const started = performance.now();
    for (let i = 0; i < records.length; i += pageSize) {
      const page = records.slice(i, i + pageSize);
      await scratch.transaction('rw', scratch.declarations, () => scratch.declarations.bulkPut(page));
    }
    const ms = performance.now() - started;
    scratch.close();
    return { records: records.length, pageSize, ms };
  },
};

Object.defineProperty(window, 'bench', { value: Object.freeze(api) });
