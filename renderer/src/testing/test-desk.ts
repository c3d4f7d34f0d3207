import type { Officer } from '../../../shared/index';
import { type DeskDb, openDeskDb } from '../db/desk-db';
import { createHqClient, type HqClient } from '../sync/hq-client';
import { runSync, type SyncOutcome } from '../sync/run-sync';
import { createTokenHolder } from '../sync/token-holder';
import * as demo from './demo-data';
import type { FakeHq } from './fake-hq';

/** One desk for unit tests: its own database, device and session at a fake HQ. */
export interface TestDesk {
  db: DeskDb;
  client: HqClient;
  officer: Officer;
  deviceId: string;
  sync(): Promise<SyncOutcome>;
  remove(): Promise<void>;
}

export async function openTestDesk(hq: FakeHq, options: { officer?: Officer; deviceId?: string } = {}): Promise<TestDesk> {
  const officer = options.officer ?? demo.officer;
  const deviceId = options.deviceId ?? `desk-${crypto.randomUUID().slice(0, 12)}`;
  const session = hq.issueSession(officer);
  const tokens = createTokenHolder({
    baseUrl: 'http://hq.test',
    deviceId,
    refreshToken: session.refreshToken,
    accessToken: session.accessToken,
    fetch: hq.fetch,
  });
  const client = createHqClient({ baseUrl: 'http://hq.test', deviceId, tokens, fetch: hq.fetch });
  const db = openDeskDb(officer.portId, `${officer.username}.${crypto.randomUUID().slice(0, 8)}`);
  await db.open();
  return {
    db,
    client,
    officer,
    deviceId,
    sync: () => runSync(db, client),
    async remove() {
      await db.delete();
    },
  };
}
