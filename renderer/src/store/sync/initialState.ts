import type { SyncProgress } from '../../sync/progress';

export type SyncBlock = 'signInAgain' | 'updateRequired' | 'accessRevoked' | null;

export interface SyncState {
  /** What the browser says about the network. */
  online: boolean;
  /** Null when idle. */
  progress: SyncProgress | null;
  lastSyncAt: string | null;
  lastError: string | null;
  /** Syncing stopped until the officer signs in again or the desk is updated. */
  blocked: SyncBlock;
  blockMessage: string | null;
  counts: { pending: number; rejected: number };
}

export const initialSyncState: SyncState = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  progress: null,
  lastSyncAt: null,
  lastError: null,
  blocked: null,
  blockMessage: null,
  counts: { pending: 0, rejected: 0 },
};
