import type { StoreApi } from 'zustand';
import { forgetDesk, lastUsername, refreshSecretKey, signIn, verifyLocalPassword } from '../../auth/account-service';
import { accountsDb } from '../../db/accounts-db';
import { type DeskEvents, startDesk, stopDesk } from '../../desk/desk-runtime';
import { platform } from '../../platform/index';
import type { HttpError } from '../../sync/http';
import type { SessionState } from './initialState';

export interface SessionActions {
  boot(): Promise<void>;
  signIn(username: string, password: string): Promise<boolean>;
  unlock(password: string): Promise<boolean>;
  lock(): void;
  signOut(): void;
  selectPoint(pointId: string): void;
  /** HQ revoked the officer's access to the port: this desk's data for it goes, back to sign-in. */
  accessRevoked(error: Pick<HttpError, 'message'>): Promise<void>;
  /** Another tab opened a newer version of the database. */
  newerVersionOpened(): void;
  /** The desk's database was deleted under it: access to the port was revoked. */
  databaseDeleted(): void;
}

const POINT_KEY = 'borderdesk.point';

export function createSessionActions(
  set: StoreApi<SessionState & SessionActions>['setState'],
  get: () => SessionState,
): SessionActions {
  const deskEvents: DeskEvents = {
    onAccessRevoked: (error) => void actions.accessRevoked(error),
    onNewerVersion: () => actions.newerVersionOpened(),
    onDeleted: () => actions.databaseDeleted(),
  };

  const actions: SessionActions = {
    async boot() {
      const username = await lastUsername(accountsDb()).catch(() => null);
      set({ status: 'signedOut', lastUsername: username });
    },

    async signIn(username, password) {
      set({ busy: true, error: null, notice: null });
      try {
        const hqBaseUrl = await platform.hqBaseUrl();
        const deps = { accounts: accountsDb(), secrets: platform.secrets, hqBaseUrl };
        const previous = get().session;
        const result = await signIn(deps, username.trim(), password);
        if (!result.ok && result.error.code === 'access_revoked') {
          // Also from the "sign in again" form of a running desk: its database is gone now.
          stopDesk();
          const portId = previous?.username === username.trim() ? previous.portId : null;
          const notice = { kind: 'accessRevoked', portId, detail: result.error.message } as const;
          set({ status: 'signedOut', session: null, db: null, busy: false, error: null, notice, pointId: null });
          return false;
        }
        if (!result.ok) {
          set({ busy: false, error: result.error.message, notice: null });
          return false;
        }
        const started = await startDesk(result.data, hqBaseUrl, deskEvents);
        if (!started.ok) {
          set({ busy: false, error: started.error.message });
          return false;
        }
        const db = started.data;
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
      set({ status: 'signedOut', session: null, db: null, error: null, notice: null });
    },

    selectPoint(pointId) {
      const { session } = get();
      if (session !== null) globalThis.localStorage?.setItem(`${POINT_KEY}.${session.username}`, pointId);
      set({ pointId });
    },

    async accessRevoked(error) {
      const { session } = get();
      stopDesk();
      if (session === null) return;
      const notice = { kind: 'accessRevoked', portId: session.portId, detail: error.message } as const;
      // Off the screen first: nothing may read the database while it is being deleted.
      set({ status: 'signedOut', session: null, db: null, error: null, notice, pointId: null, lastUsername: null });
      try {
        await forgetDesk({ accounts: accountsDb(), secrets: platform.secrets }, session);
      } catch (failure) {
        console.error('could not remove the revoked desk data', failure);
      }
    },

    newerVersionOpened() {
      stopDesk();
      set({ status: 'outdated', db: null, error: null });
    },

    databaseDeleted() {
      const { session, notice } = get();
      stopDesk();
      set({
        status: 'signedOut',
        session: null,
        db: null,
        error: null,
        pointId: null,
        notice: notice ?? { kind: 'accessRevoked', portId: session?.portId ?? null, detail: '' },
      });
    },
  };
  return actions;
}
