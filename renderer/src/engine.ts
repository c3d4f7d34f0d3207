/**
 * The desk's storage and sync engine as plain functions, free of React and of the UI
 * stores: what the app wires into its scheduler, and what bench/ drives in Chromium.
 *
 *   const db = openDeskDb('DONGXING', 'dx.officer1');
 *   const login = await loginToHq(hqUrl, { username, password, deviceId });
 *   const tokens = createTokenHolder({ baseUrl: hqUrl, deviceId, refreshToken, accessToken });
 *   const client = createHqClient({ baseUrl: hqUrl, deviceId, tokens });
 *   await saveDeclaration(db, draft);           // record + outbox entry + audit link, one transaction
 *   await editDeclaration(db, { recordId, values, officerId });  // declaration.update, same way
 *   await pushOutbox(db, client, onProgress);   // batches of 2,000
 *   await pullChanges(db, client, onProgress);  // pages of 2,000, pipelined, resumable
 */
export { type ConflictChoice, canResolveConflicts, resolveConflict } from './conflicts/resolve-conflict';
export { type ConflictRow, openConflictCount, type ReviewQueue, reviewQueue } from './conflicts/review-queries';
export { type AuditEntry, type DeskConflict, type DeskDb, type DeskDeclaration, deskDbName, META, openDeskDb, type OutboxEntry, type Rejection } from './db/desk-db';
export { referenceInForce, todaysRows, usedTodayFen } from './declarations/desk-queries';
export { type EditableValues, editableValuesOf, editDeclaration } from './declarations/edit-declaration';
export { saveDeclaration, saveDeclarations } from './declarations/save-declaration';
export { createHqClient, type HqClient, loginToHq, refreshAtHq, type TokenHolder } from './sync/hq-client';
export type { FetchFn, HttpError, HttpResult } from './sync/http';
export type { OnProgress, SyncProgress } from './sync/progress';
export { PULL_PAGE_SIZE, type PullSummary, pullChanges, readPullCursor, storePage } from './sync/pull-changes';
export { PUSH_BATCH_SIZE, type PushSummary, pushOutbox } from './sync/push-outbox';
export { classifyError, runSync, type SyncOutcome } from './sync/run-sync';
export { createTokenHolder } from './sync/token-holder';
