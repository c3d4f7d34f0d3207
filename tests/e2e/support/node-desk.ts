import Dexie from 'dexie';
import 'fake-indexeddb/auto';
import { assessDeclaration, cstDateOf, type DeclarationDraft, lineValueFen } from '../../../shared/index';
import {
  createHqClient,
  createTokenHolder,
  type DeskDb,
  type FetchFn,
  type HqClient,
  loginToHq,
  openDeskDb,
  referenceInForce,
  usedTodayFen as usedTodayFenOnDesk,
} from '../../../renderer/src/engine';

/**
 * The desk's own storage and sync engine (renderer/src/engine.ts) running in Node over
 * fake-indexeddb: the same code as in Chromium, driven without a UI, so a test can put
 * thousands of declarations through it and count them exactly.
 */
export interface NodeDesk {
  db: DeskDb;
  client: HqClient;
  officerId: string;
  portId: string;
  deviceId: string;
  /**
   * `count` declarations for today, one goods line each, for the port's valid residents
   * in certificate order from `firstResident` (0-based), assessed with the desk's own
   * quota rule as the form does (pull first).
   */
  drafts(count: number, firstResident?: number): Promise<DeclarationDraft[]>;
  close(): Promise<void>;
}

// Dexie takes the global indexedDB when it is first imported, which may be before
// fake-indexeddb/auto ran (import order of the spec): hand it over explicitly.
Dexie.dependencies.indexedDB = indexedDB;
Dexie.dependencies.IDBKeyRange = IDBKeyRange;

const defaultFetch: FetchFn = (input, init) => fetch(input, init);

export async function openNodeDesk(options: { baseUrl: string; username: string; fetch?: FetchFn }): Promise<NodeDesk> {
  const { baseUrl, username } = options;
  const fetchFn = options.fetch ?? defaultFetch;
  const deviceId = `node-desk-${crypto.randomUUID().slice(0, 8)}`;
  const login = await loginToHq(baseUrl, { username, password: 'borderdesk', deviceId }, fetchFn);
  if (!login.ok) throw new Error(`sign-in ${username}: ${login.error.code} ${login.error.message}`);
  const session = login.data;
  const tokens = createTokenHolder({ baseUrl, deviceId, refreshToken: session.refreshToken, accessToken: session.accessToken, fetch: fetchFn });
  // One database per desk, even for the same officer: fake-indexeddb is one per process.
  const db = openDeskDb(session.officer.portId, `${username}.${deviceId}`);
  await db.open();
  const { portId, id: officerId } = session.officer;
  return {
    db,
    client: createHqClient({ baseUrl, deviceId, tokens, fetch: fetchFn }),
    officerId,
    portId,
    deviceId,
    async drafts(count, firstResident = 0) {
      const now = new Date();
      const today = cstDateOf(now);
      const { goodsList, policy } = await referenceInForce(db, portId, today);
      if (goodsList === null || policy === null) throw new Error('no goods list or policy on the desk: pull first');
      const residents = (await db.residents.orderBy('certificateNo').toArray()).filter(
        (r) => r.status === 'valid' && r.validFrom <= today && r.validTo >= today,
      );
      const used = new Map<string, number>();
      const drafts: DeclarationDraft[] = [];
      for (let i = 0; i < count; i++) {
        const resident = residents[(firstResident + i) % residents.length];
        if (resident === undefined) throw new Error('no valid residents on the desk: pull first');
        const quantity = 1 + (i % 20);
        const unitPriceFen = 1_000 + ((i * 37) % 9_000);
        const line = { hsCode: '0801', name: '坚果', originCountry: 'VN', quantity, unit: 'kg', grossKg: quantity, netKg: quantity, unitPriceFen, valueFen: lineValueFen(quantity, unitPriceFen) };
        const usedTodayFen = used.get(resident.id) ?? (await usedTodayFenOnDesk(db, resident.id, today));
        const assessment = assessDeclaration({ lines: [line], goodsList, policy, usedTodayFen });
        used.set(resident.id, usedTodayFen + assessment.exemptFen);
        drafts.push({
          id: crypto.randomUUID(),
          portId,
          pointId: i % 2 === 0 ? 'DX-01' : 'DX-02',
          residentId: resident.id,
          certificateNo: resident.certificateNo,
          residentName: resident.name,
          tradeDate: today,
          declaredAt: now.toISOString(),
          vehiclePlate: null,
          carPool: false,
          lines: [line],
          totalFen: assessment.totalFen,
          exemptFen: assessment.exemptFen,
          taxableFen: assessment.taxableFen,
          policyVersion: policy.version,
          goodsListVersion: goodsList.version,
          officerId,
          deviceId,
        });
      }
      return drafts;
    },
    async close() {
      db.close();
      await db.delete();
    },
  };
}
