import type { Session } from '../../../../shared/index';

export type ConsoleLang = 'zh' | 'en';
export const CONSOLE_TABS = ['policy', 'twostep', 'gate', 'goods', 'officers', 'points', 'groups', 'sites', 'audit', 'day', 'firms'] as const;
export type ConsoleTab = (typeof CONSOLE_TABS)[number];

/**
 * The console's session and UI state. The session (access and refresh tokens) lives in
 * this memory only: never localStorage or sessionStorage, so a reload or a closed tab
 * ends it, and nothing on disk can be stolen from an administrator's browser.
 */
export interface ConsoleState {
  lang: ConsoleLang;
  session: Session | null;
  /** Names this browser tab to HQ (refresh tokens are bound to it); made at load, kept in memory. */
  deviceId: string;
  isBusy: boolean;
  /** Why the last sign-in failed, or why the session ended. */
  notice: string | null;
  portId: string | null;
  tab: ConsoleTab;
}

const LANG_KEY = 'borderdesk.console.lang';

/** The language is a display preference, not a secret: localStorage is fine for it. */
export function storedLang(): ConsoleLang {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function rememberLang(lang: ConsoleLang): void {
  try {
    globalThis.localStorage?.setItem(LANG_KEY, lang);
  } catch {
    // No storage: the choice lasts for this page only.
  }
}

/** `console-` and 16 random hex digits (deviceIdSchema: 8–64 of A–Z, 0–9, _ or -). */
export function newConsoleDeviceId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return `console-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export const initialConsoleState = (): ConsoleState => ({
  lang: storedLang(),
  session: null,
  deviceId: newConsoleDeviceId(),
  isBusy: false,
  notice: null,
  portId: null,
  tab: 'policy',
});
