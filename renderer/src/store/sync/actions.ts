import type { StoreApi } from 'zustand';
import type { SyncProgress } from '../../sync/progress';
import type { SyncOutcome } from '../../sync/run-sync';
import { initialSyncState, type SyncState } from './initialState';

export interface SyncActions {
  setOnline(online: boolean): void;
  setProgress(progress: SyncProgress | null): void;
  setCounts(counts: SyncState['counts']): void;
  setLastSyncAt(at: string | null): void;
  applyOutcome(outcome: SyncOutcome): void;
  reset(): void;
}

export function createSyncActions(set: StoreApi<SyncState & SyncActions>['setState']): SyncActions {
  return {
    setOnline: (online) => set({ online }),
    setProgress: (progress) => set({ progress }),
    setCounts: (counts) => set({ counts }),
    setLastSyncAt: (lastSyncAt) => set({ lastSyncAt }),
    applyOutcome: (outcome) => {
      switch (outcome.kind) {
        case 'ok':
          set({ progress: null, lastSyncAt: outcome.at, lastError: null });
          return;
        case 'offline':
          set({ progress: null });
          return;
        case 'signInAgain':
        case 'updateRequired':
        case 'accessRevoked':
          set({ progress: null, blocked: outcome.kind, blockMessage: outcome.error.message, lastError: outcome.error.message });
          return;
        case 'error':
          set({ progress: null, lastError: `${outcome.error.code}: ${outcome.error.message}` });
          return;
      }
    },
    reset: () => set({ ...initialSyncState, online: typeof navigator === 'undefined' ? true : navigator.onLine }),
  };
}
