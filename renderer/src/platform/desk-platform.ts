import type { Result } from '../../../shared/index';

/** Where already-encrypted blobs are kept: IndexedDB on the web, safeStorage in Electron. */
export interface SecretStore {
  save(key: string, value: string): Promise<Result<null>>;
  load(key: string): Promise<Result<string | null>>;
  remove(key: string): Promise<Result<null>>;
}

/** What differs between the desk in Electron and the desk in a browser. */
export interface DeskPlatform {
  readonly kind: 'web' | 'electron';
  /** HQ's base URL without a trailing slash. */
  hqBaseUrl(): Promise<string>;
  readonly secrets: SecretStore;
  /** Makes the app start without a network next time (web: a service worker). */
  enableOfflineStart(): void;
}
