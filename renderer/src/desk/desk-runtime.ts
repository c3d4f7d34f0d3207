import { liveQuery, type Subscription } from 'dexie';
import { type DeskDb, META, openDeskDb } from '../db/desk-db';
import { useSyncStore } from '../store/sync/store';
import type { DeskSession } from '../auth/account-service';
import { createHqClient } from '../sync/hq-client';
import { runSync, type SyncOutcome } from '../sync/run-sync';
import { createSyncScheduler, type SyncScheduler } from '../sync/sync-scheduler';

interface Running {
  db: DeskDb;
  scheduler: SyncScheduler;
  subscriptions: Subscription[];
}

let running: Running | null = null;

function onNetwork() {
  useSyncStore.getState().setOnline(navigator.onLine);
}

/**
 * Opens the officer's database and starts syncing for this session. The sync status
 * (progress, counts, outcome) goes to the sync store; records stay in Dexie.
 */
export function startDesk(session: DeskSession, hqBaseUrl: string): DeskDb {
  stopDesk();
  const db = openDeskDb(session.portId, session.username);
  const client = createHqClient({ baseUrl: hqBaseUrl, deviceId: session.deviceId, tokens: session.tokens });
  const sync = useSyncStore.getState();
  sync.reset();
  void db.meta.put({ key: META.deviceId, value: session.deviceId });
  const scheduler = createSyncScheduler({
    run: () => runSync(db, client, (progress) => useSyncStore.getState().setProgress(progress)),
    isOnline: () => navigator.onLine,
    events: window,
    onOutcome: (outcome: SyncOutcome) => useSyncStore.getState().applyOutcome(outcome),
  });
  const subscriptions = [
    liveQuery(async () => ({ pending: await db.outbox.count(), rejected: await db.rejections.count() })).subscribe({
      next: (counts) => useSyncStore.getState().setCounts(counts),
      error: (error: unknown) => console.error('sync counts', error),
    }),
    liveQuery(() => db.meta.get(META.lastSyncAt)).subscribe({
      next: (row) => useSyncStore.getState().setLastSyncAt(typeof row?.value === 'string' ? row.value : null),
      error: (error: unknown) => console.error('last sync', error),
    }),
  ];
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);
  onNetwork();
  running = { db, scheduler, subscriptions };
  scheduler.start();
  return db;
}

export function stopDesk(): void {
  if (running === null) return;
  running.scheduler.stop();
  for (const subscription of running.subscriptions) subscription.unsubscribe();
  window.removeEventListener('online', onNetwork);
  window.removeEventListener('offline', onNetwork);
  running.db.close();
  running = null;
}

export function syncNow(): Promise<SyncOutcome | null> {
  return running?.scheduler.syncNow() ?? Promise.resolve(null);
}

export function syncSoon(): void {
  running?.scheduler.soon();
}
