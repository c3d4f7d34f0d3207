import { type DeskDb, META, writeMeta } from '../db/desk-db';
import type { BlobClient } from '../inspections/blob-client';
import { uploadPending } from '../inspections/attachments';
import type { HqClient } from './hq-client';
import type { HttpError } from './http';
import type { OnProgress } from './progress';
import { type PullSummary, pullChanges } from './pull-changes';
import { type PushSummary, pushOutbox } from './push-outbox';

/**
 * How a sync ended, as the desk must react to it:
 * - offline: no HQ; try again on the next trigger;
 * - signInAgain: the refresh token is dead; only the officer's password helps;
 * - updateRequired: HQ speaks another protocol version (426); stop syncing, keep the outbox;
 * - accessRevoked: the officer is disabled or no longer posted to the port (403
 *   access_revoked); the desk removes this port's data and signs out;
 * - error: HQ refused the request for another reason; shown, retried later.
 */
export type SyncOutcome =
  | { kind: 'ok'; push: PushSummary; pull: PullSummary; at: string }
  | { kind: 'offline' | 'signInAgain' | 'updateRequired' | 'accessRevoked' | 'error'; error: HttpError; at: string };

/** Outcomes that end syncing until the officer, an administrator or an update acts. */
export const STOPPING_OUTCOMES: ReadonlySet<SyncOutcome['kind']> = new Set(['signInAgain', 'updateRequired', 'accessRevoked']);

export function classifyError(error: HttpError): Exclude<SyncOutcome['kind'], 'ok'> {
  if (error.status === 0 || error.code === 'offline') return 'offline';
  if (error.status === 426 || error.code === 'protocol_version') return 'updateRequired';
  if (error.code === 'access_revoked') return 'accessRevoked';
  if (error.status === 401) return 'signInAgain';
  return 'error';
}

/** Upload failures that end the sync as push and pull failures would (the rest stay on the attachment). */
const STOPPING_UPLOAD_STATUS: Readonly<Record<string, number>> = { offline: 0, unauthorized: 401, access_revoked: 403, protocol_version: 426 };

/**
 * Push first (the officer's work matters most), then the attachments waiting to go
 * (photos of the records just pushed; a cut upload resumes where HQ's status says), then
 * pull what HQ has. An attachment HQ refused stays on the desk with its reason; it does
 * not stop the sync.
 */
export async function runSync(db: DeskDb, client: HqClient, onProgress?: OnProgress, blobs?: BlobClient): Promise<SyncOutcome> {
  const pushed = await pushOutbox(db, client, onProgress);
  if (!pushed.ok) return failed(db, pushed.error);
  if (blobs !== undefined) {
    const { error } = await uploadPending(db.attachments, blobs);
    const status = error === null ? undefined : STOPPING_UPLOAD_STATUS[error.code];
    if (error !== null && status !== undefined) return failed(db, { code: error.code as HttpError['code'], message: error.message, status });
  }
  const pulled = await pullChanges(db, client, onProgress);
  if (!pulled.ok) return failed(db, pulled.error);
  const at = new Date().toISOString();
  await db.meta.bulkPut([
    { key: META.lastSyncAt, value: at },
    { key: META.lastError, value: null },
  ]);
  return { kind: 'ok', push: pushed.data, pull: pulled.data, at };
}

async function failed(db: DeskDb, error: HttpError): Promise<SyncOutcome> {
  const kind = classifyError(error);
  // Being offline is the desk's normal state, not an error worth keeping; a revoked
  // desk's database is about to be deleted.
  if (kind !== 'offline' && kind !== 'accessRevoked') await writeMeta(db, META.lastError, `${error.code}: ${error.message}`);
  return { kind, error, at: new Date().toISOString() };
}
