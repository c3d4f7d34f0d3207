import { fail, ok, type Result } from '../../../shared/index';
import type { DeskDb } from '../db/desk-db';
import type { SyncOutcome } from '../sync/run-sync';
import { createSyncScheduler, type SyncScheduler } from '../sync/sync-scheduler';

export interface DeskSyncOptions {
  db: DeskDb;
  run: () => Promise<SyncOutcome>;
  isOnline: () => boolean;
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  onOutcome: (outcome: SyncOutcome) => void;
  /**
   * Another tab opened a newer version of this database, or deleted it (`deleted`: a
   * desk whose access HQ revoked removes its data): the desk has closed it and stopped syncing.
   */
  onNewerVersion: (change: { deleted: boolean }) => void;
}

export interface DeskSync {
  db: DeskDb;
  scheduler: SyncScheduler;
  /** Stops syncing and closes the database. */
  stop(): void;
}

/**
 * Opens the desk's database, then starts syncing: an upgrade (Dexie's version change,
 * which rewrites the outbox) has finished before the first push can read it. When
 * another tab opens a newer version, this desk lets go at once — syncing stops and the
 * database closes for good, so old code never writes into a newer schema.
 */
export async function startDeskSync(options: DeskSyncOptions): Promise<Result<DeskSync>> {
  const { db } = options;
  try {
    await db.open();
  } catch (error) {
    return fail('internal', `本机数据库无法打开 / The desk's database did not open: ${errorText(error)}`);
  }
  const scheduler = createSyncScheduler({
    run: options.run,
    isOnline: options.isOnline,
    events: options.events,
    onOutcome: options.onOutcome,
  });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    scheduler.stop();
    db.close();
  };
  db.on('versionchange', (event) => {
    stop();
    options.onNewerVersion({ deleted: event.newVersion === null });
    // Dexie's own handler (which runs after this one unless told not to) would close with
    // auto-open left on, and the next read would quietly reopen the database.
    return false;
  });
  scheduler.start();
  return ok({ db, scheduler, stop });
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
