import { create } from 'zustand';
import { createSyncActions, type SyncActions } from './actions';
import { initialSyncState, type SyncState } from './initialState';

export type SyncStore = SyncState & SyncActions;

/** Sync status for the panel: progress, counts, last result. Records stay in Dexie. */
export const useSyncStore = create<SyncStore>()((set) => ({
  ...initialSyncState,
  ...createSyncActions(set),
}));
