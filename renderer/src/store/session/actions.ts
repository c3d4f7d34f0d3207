import type { StoreApi } from 'zustand';
import { lastUsername, refreshSecretKey, signIn, verifyLocalPassword } from '../../auth/account-service';
import { accountsDb } from '../../db/accounts-db';
import { startDesk, stopDesk } from '../../desk/desk-runtime';
import { platform } from '../../platform/index';
import type { SessionState } from './initialState';

export interface SessionActions {
  boot(): Promise<void>;
  signIn(username: string, password: string): Promise<boolean>;
  unlock(password: string): Promise<boolean>;
  lock(): void;
  signOut(): void;
  selectPoint(pointId: string): void;
}

const POINT_KEY = 'borderdesk.point';

export function createSessionActions(
  set: StoreApi<SessionState & SessionActions>['setState'],
  get: () => SessionState,
): SessionActions {
  return {
    async boot() {
      const username = await lastUsername(accountsDb()).catch(() => null);
      set({ status: 'signedOut', lastUsername: username });
    },

    async signIn(username, password) {
      set({ busy: true, error: null });
      try {
        const hqBaseUrl = await platform.hqBaseUrl();
        const deps = { accounts: accountsDb(), secrets: platform.secrets, hqBaseUrl };
        const result = await signIn(deps, username.trim(), password);
        if (!result.ok) {
          set({ busy: false, error: result.error.message });
          return false;
        }
        const db = startDesk(result.data, hqBaseUrl);
        const savedPoint = globalThis.localStorage?.getItem(`${POINT_KEY}.${result.data.username}`) ?? null;
        set({
          status: 'active',
          session: result.data,
          db,
          busy: false,
          error: null,
          lastUsername: result.data.username,
          pointId: savedPoint,
        });
        return true;
      } catch (error) {
        // A bug or a broken platform (no IndexedDB, no desk config): say so, never hang.
        console.error('sign-in failed', error);
        set({ busy: false, error: `登录失败 / Sign-in failed: ${String(error)}` });
        return false;
      }
    },

    async unlock(password) {
      const { session } = get();
      if (session === null) return false;
      set({ busy: true, error: null });
      const matches = await verifyLocalPassword(accountsDb(), session.username, password);
      set(matches ? { status: 'active', busy: false } : { busy: false, error: '密码错误 / Wrong password' });
      return matches;
    },

    lock() {
      if (get().status === 'active') set({ status: 'locked', error: null });
    },

    signOut() {
      const { session } = get();
      stopDesk();
      // Signing out forgets the refresh token: the next sync needs an online sign-in.
      // The verifier stays, so the officer can still unlock offline and keep working.
      if (session !== null) void platform.secrets.remove(refreshSecretKey(session.username));
      set({ status: 'signedOut', session: null, db: null, error: null });
    },

    selectPoint(pointId) {
      const { session } = get();
      if (session !== null) globalThis.localStorage?.setItem(`${POINT_KEY}.${session.username}`, pointId);
      set({ pointId });
    },
  };
}
