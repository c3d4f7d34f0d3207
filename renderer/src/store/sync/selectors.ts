import type { SyncStore } from './store';

export const syncSelectors = {
  online: (s: SyncStore) => s.online,
  progress: (s: SyncStore) => s.progress,
  isSyncing: (s: SyncStore) => s.progress !== null,
  pending: (s: SyncStore) => s.counts.pending,
  rejected: (s: SyncStore) => s.counts.rejected,
  lastSyncAt: (s: SyncStore) => s.lastSyncAt,
  lastError: (s: SyncStore) => s.lastError,
  blocked: (s: SyncStore) => s.blocked,
  blockMessage: (s: SyncStore) => s.blockMessage,
  /** 0–1 for the progress bar; null when the total is unknown (pull pages). */
  fraction: (s: SyncStore) =>
    s.progress === null || s.progress.total === null || s.progress.total === 0 ? null : s.progress.done / s.progress.total,
};
