import { isDeskAppUrl, parseExternalUrl } from './urls';

export interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/** The slice of Electron's WebContents the guard touches (kept small so tests can fake it). */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export type OpenExternal = (url: URL) => void;

/**
 * Electron security checklist items 13–15 for one WebContents: the page can only ever
 * show `app://borderdesk`; any other navigation, redirect, frame navigation, popup or
 * <webview> is refused. A link to an http(s) page opens in the system browser (after
 * `new URL` parsing); every other scheme is dropped.
 */
export function hardenWebContents(contents: GuardedContents, openExternal: OpenExternal): void {
  const denyForeign = (event: NavigationEvent): void => {
    if (!isDeskAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => {
    if (isDeskAppUrl(event.url)) return;
    event.preventDefault();
    const external = parseExternalUrl(event.url);
    if (external) openExternal(external);
  });
  contents.on('will-frame-navigate', denyForeign);
  contents.on('will-redirect', denyForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = parseExternalUrl(url);
    if (external) openExternal(external);
    return { action: 'deny' };
  });
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/** Checklist item 5: the desk needs no camera, microphone, geolocation, notifications, … */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
