/** What a running sync reports, for the progress bar. `total` is null when unknown (pull). */
export interface SyncProgress {
  phase: 'push' | 'pull';
  done: number;
  total: number | null;
}

export type OnProgress = (progress: SyncProgress) => void;
