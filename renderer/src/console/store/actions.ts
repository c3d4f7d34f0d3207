import type { StoreApi } from 'zustand';
import { ROUTES, type Session, sessionSchema } from '../../../../shared/index';
import { translate } from '../i18n/use-console-t';
import { postJson } from '../hq-http';
import { type ConsoleLang, type ConsoleState, type ConsoleTab, rememberLang } from './initialState';

export interface ConsoleActions {
  toggleLang(): void;
  signIn(username: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
  /** A new access token with the refresh token held in memory; false when the session is over. */
  refreshSession(): Promise<boolean>;
  /** Ends the session on this page (HQ refused it) with a message for the sign-in screen. */
  endSession(notice: string | null): void;
  setPort(portId: string): void;
  setTab(tab: ConsoleTab): void;
}

type Set = StoreApi<ConsoleState & ConsoleActions>['setState'];

export function createConsoleActions(set: Set, get: () => ConsoleState): ConsoleActions {
  let refreshing: Promise<boolean> | null = null;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(get().lang, key, params);

  async function logoutQuietly(session: Session): Promise<void> {
    await postJson(ROUTES.logout, { refreshToken: session.refreshToken });
  }

  return {
    toggleLang() {
      const lang: ConsoleLang = get().lang === 'zh' ? 'en' : 'zh';
      rememberLang(lang);
      set({ lang });
    },
    async signIn(username, password) {
      set({ isBusy: true, notice: null });
      const answer = await postJson(ROUTES.login, { username, password, deviceId: get().deviceId });
      const parsed = answer.ok ? sessionSchema.safeParse(answer.data) : null;
      if (!answer.ok || parsed === null || !parsed.success) {
        set({ isBusy: false, notice: answer.ok ? t('offline') : answer.error.message });
        return false;
      }
      const session = parsed.data;
      if (session.officer.role !== 'admin') {
        // Signed in, but not for this console: end that session at HQ at once.
        await logoutQuietly(session);
        const role = t(session.officer.role === 'supervisor' ? 'roleSupervisor' : 'roleOfficer');
        set({ isBusy: false, notice: t('adminsOnly', { role }) });
        return false;
      }
      set({ isBusy: false, session, notice: null });
      return true;
    },
    async signOut() {
      const { session } = get();
      set({ session: null, notice: null, portId: null });
      if (session !== null) await logoutQuietly(session);
    },
    refreshSession() {
      refreshing ??= (async () => {
        const { session, deviceId } = get();
        if (session === null) return false;
        const answer = await postJson(ROUTES.refresh, { refreshToken: session.refreshToken, deviceId });
        const parsed = answer.ok ? sessionSchema.safeParse(answer.data) : null;
        if (parsed?.success !== true) {
          set({ session: null, notice: answer.ok ? t('sessionEnded') : answer.error.message });
          return false;
        }
        set({ session: parsed.data });
        return true;
      })().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    endSession(notice) {
      set({ session: null, notice });
    },
    setPort(portId) {
      set({ portId });
    },
    setTab(tab) {
      set({ tab });
    },
  };
}
