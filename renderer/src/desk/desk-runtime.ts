import { liveQuery, type Subscription } from 'dexie';
import type { Result } from '../../../shared/index';
import type { DeskSession } from '../auth/account-service';
import { type DeskDb, META, openDeskDb } from '../db/desk-db';
import { useSyncStore } from '../store/sync/store';
import { createBlobClient } from '../inspections/blob-client';
import { createHqClient } from '../sync/hq-client';
import type { HttpError } from '../sync/http';
import { runSync, type SyncOutcome } from '../sync/run-sync';
import { type DeskSync, startDeskSync } from './desk-sync';

/** What the desk tells the session about, as it happens. */
export interface DeskEvents {
  /** HQ revoked this officer's access to the port: syncing has stopped and the database is closed. */
  onAccessRevoked(error: HttpError): void;
  /** Another tab opened a newer version of the database: this desk has let go of it. */
  onNewerVersion(): void;
  /** The database was deleted under the desk (its access was revoked, seen in another tab or at sign-in). */
  onDeleted(): void;
}

interface Running {
  sync: DeskSync;
  subscriptions: Subscription[];
}

let running: Running | null = null;
/** Bumped by every start and stop, so a start that finishes after a newer one gives up. */
let generation = 0;

function onNetwork() {
  useSyncStore.getState().setOnline(navigator.onLine);
}

/**
 * Opens the officer's database (and upgrades it), then starts syncing for this session.
 * The sync status (progress, counts, outcome) goes to the sync store; records stay in Dexie.
 */
export async function startDesk(session: DeskSession, hqBaseUrl: string, events: DeskEvents): Promise<Result<DeskDb>> {
  stopDesk();
  const mine = ++generation;
  const db = openDeskDb(session.portId, session.username);
  const client = createHqClient({ baseUrl: hqBaseUrl, deviceId: session.deviceId, tokens: session.tokens });
  const blobs = createBlobClient({ baseUrl: hqBaseUrl, tokens: session.tokens });
  useSyncStore.getState().reset();
  const started = await startDeskSync({
    db,
    run: () => runSync(db, client, (progress) => useSyncStore.getState().setProgress(progress), blobs),
    isOnline: () => navigator.onLine,
    events: window,
    onOutcome: (outcome: SyncOutcome) => {
      if (mine !== generation) return;
      useSyncStore.getState().applyOutcome(outcome);
      if (outcome.kind === 'accessRevoked') {
        stopDesk();
        events.onAccessRevoked(outcome.error);
      }
    },
    onNewerVersion: ({ deleted }) => {
      if (mine !== generation) return;
      stopDesk();
      if (deleted) events.onDeleted();
      else events.onNewerVersion();
    },
  });
  if (!started.ok) return started;
  if (mine !== generation) {
    // Signed out (or in again) while the database was opening.
    started.data.stop();
    return { ok: false, error: { code: 'internal', message: '柜台已重新启动 / The desk was restarted' } };
  }
  running = { sync: started.data, subscriptions: watch(db) };
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);
  onNetwork();
  void db.meta.put({ key: META.deviceId, value: session.deviceId });
  return { ok: true, data: db };
}

/** The counts and the last sync time the sync panel shows, read live from the database. */
function watch(db: DeskDb): Subscription[] {
  return [
    liveQuery(async () => ({ pending: await db.outbox.count(), rejected: await db.rejections.count() })).subscribe({
      next: (counts) => useSyncStore.getState().setCounts(counts),
      error: (error: unknown) => console.error('sync counts', error),
    }),
    liveQuery(() => db.meta.get(META.lastSyncAt)).subscribe({
      next: (row) => useSyncStore.getState().setLastSyncAt(typeof row?.value === 'string' ? row.value : null),
      error: (error: unknown) => console.error('last sync', error),
    }),
  ];
}

export function stopDesk(): void {
  generation++;
  if (running === null) return;
  for (const subscription of running.subscriptions) subscription.unsubscribe();
  window.removeEventListener('online', onNetwork);
  window.removeEventListener('offline', onNetwork);
  running.sync.stop();
  running = null;
}

export function syncNow(): Promise<SyncOutcome | null> {
  return running?.sync.scheduler.syncNow() ?? Promise.resolve(null);
}

export function syncSoon(): void {
  running?.sync.scheduler.soon();
}
