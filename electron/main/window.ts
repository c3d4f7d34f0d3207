import { BrowserWindow, type WebPreferences } from 'electron';
import { DESK_APP_ORIGIN } from '../../shared/ipc';

/**
 * The renderer is untrusted web content: isolated, sandboxed, no Node, web security on,
 * no <webview>. `window.test.ts` fails if any of these is ever relaxed.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} satisfies WebPreferences);

export const DESK_START_URL = `${DESK_APP_ORIGIN}/`;

export interface MainWindowOptions {
  preloadPath: string;
  startUrl?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'BorderDesk 边民互市',
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preloadPath },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.startUrl ?? DESK_START_URL).catch((error: unknown) => {
    console.error('[window] failed to load the desk', error);
  });
  return window;
}
