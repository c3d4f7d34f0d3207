/**
 * Boots the real main-process wiring (main.ts) against a mocked `electron` module and
 * checks the security promises end to end: the options the BrowserWindow really gets,
 * the guards every WebContents really gets, the IPC handlers really registered, the
 * CSP the app:// scheme really sends. If anyone relaxes one of them, this file fails.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DESK_APP_ORIGIN, ipcArgSchemas } from '../../shared/ipc';
import type { GuardedIpcHandler } from './ipc-guard';
import type { NavigationEvent } from './navigation-guard';

type Listener = (...args: unknown[]) => void;

const mock = vi.hoisted(() => {
  const appListeners = new Map<string, Listener[]>();
  const windows: Array<{ options: Record<string, unknown>; loadedUrl?: string }> = [];
  const state = {
    appPath: '',
    userData: '',
    appListeners,
    windows,
    ipc: new Map<string, unknown>(),
    protocolHandlers: new Map<string, unknown>(),
    privileged: [] as unknown[],
    permissionRequest: undefined as unknown,
    permissionCheck: undefined as unknown,
    calls: [] as string[],
  };
  return state;
});

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => [];
    webContents = {};
    constructor(options: Record<string, unknown>) {
      mock.windows.push({ options });
    }
    once() {
      return this;
    }
    loadURL(url: string) {
      const last = mock.windows.at(-1);
      if (last) last.loadedUrl = url;
      return Promise.resolve();
    }
    show() {}
  }
  return {
    app: {
      enableSandbox: () => mock.calls.push('enableSandbox'),
      requestSingleInstanceLock: () => {
        mock.calls.push('requestSingleInstanceLock');
        return true;
      },
      quit: () => mock.calls.push('quit'),
      exit: () => mock.calls.push('exit'),
      on: (event: string, listener: Listener) => {
        mock.appListeners.set(event, [...(mock.appListeners.get(event) ?? []), listener]);
      },
      whenReady: () => Promise.resolve(),
      getAppPath: () => mock.appPath,
      getPath: () => mock.userData,
      getVersion: () => '0.1.0-test',
      isPackaged: true,
    },
    BrowserWindow,
    dialog: { showErrorBox: (...args: unknown[]) => mock.calls.push(`showErrorBox ${String(args[1])}`), showMessageBox: vi.fn() },
    ipcMain: { handle: (channel: string, handler: unknown) => mock.ipc.set(channel, handler) },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => mock.privileged.push(...schemes),
      handle: (scheme: string, handler: unknown) => mock.protocolHandlers.set(scheme, handler),
    },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => false,
      encryptStringAsync: async () => Buffer.from(''),
      decryptStringAsync: async () => ({ result: '', shouldReEncrypt: false }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: unknown) => {
          mock.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: unknown) => {
          mock.permissionCheck = handler;
        },
      },
    },
    shell: { openExternal: vi.fn(async () => undefined) },
  };
});

const HQ = 'https://hq.borderdesk.test';
let previousHq: string | undefined;

beforeAll(async () => {
  mock.appPath = await mkdtemp(join(tmpdir(), 'bd-main-'));
  mock.userData = join(mock.appPath, 'userData');
  await mkdir(join(mock.appPath, 'dist', 'renderer'), { recursive: true });
  await writeFile(join(mock.appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>desk</title>');
  previousHq = process.env.BORDERDESK_HQ_URL;
  process.env.BORDERDESK_HQ_URL = HQ;
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await import('./main');
  await vi.waitFor(() => expect(mock.windows).toHaveLength(1));
});

afterAll(async () => {
  if (previousHq === undefined) delete process.env.BORDERDESK_HQ_URL;
  else process.env.BORDERDESK_HQ_URL = previousHq;
  await rm(mock.appPath, { recursive: true, force: true });
});

describe('the main window', () => {
  const webPreferences = () => {
    const prefs = mock.windows[0]?.options.webPreferences;
    if (typeof prefs !== 'object' || prefs === null) throw new Error('BrowserWindow got no webPreferences');
    return prefs;
  };

  it('is isolated, sandboxed, Node-free, with web security on and no <webview>', () => {
    expect(webPreferences()).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(webPreferences()).not.toHaveProperty('enableBlinkFeatures');
    expect(webPreferences()).not.toHaveProperty('partition');
  });

  it('loads the bundled preload and the desk from app://borderdesk', () => {
    expect(webPreferences()).toHaveProperty('preload', join(mock.appPath, 'dist-electron', 'preload.cjs'));
    expect(mock.windows[0]?.loadedUrl).toBe(`${DESK_APP_ORIGIN}/`);
  });

  it('forces the sandbox app-wide and holds the single-instance lock', () => {
    expect(mock.calls).toContain('enableSandbox');
    expect(mock.calls).toContain('requestSingleInstanceLock');
    expect(mock.calls).not.toContain('quit');
  });
});

describe('every WebContents', () => {
  const harden = () => {
    const listeners = new Map<string, Listener[]>();
    let openHandler: ((details: { url: string }) => unknown) | undefined;
    const contents = {
      on: (event: string, listener: Listener) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return contents;
      },
      setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => {
        openHandler = handler;
      },
    };
    const created = mock.appListeners.get('web-contents-created') ?? [];
    expect(created).toHaveLength(1);
    for (const listener of created) listener({}, contents);
    const prevented = (event: string, url: string) => {
      const navigation: NavigationEvent = { url, preventDefault: vi.fn() };
      const handlers = listeners.get(event) ?? [];
      expect(handlers.length).toBeGreaterThan(0);
      for (const handler of handlers) handler(navigation);
      return vi.mocked(navigation.preventDefault).mock.calls.length > 0;
    };
    return { prevented, openWindow: (url: string) => openHandler?.({ url }) };
  };

  it('cannot navigate away from the desk', () => {
    const { prevented } = harden();
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-attach-webview', 'about:blank')).toBe(true);
    expect(prevented('will-navigate', `${DESK_APP_ORIGIN}/declarations`)).toBe(false);
  });

  it('cannot open windows', () => {
    const { openWindow } = harden();
    expect(openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(openWindow(`${DESK_APP_ORIGIN}/`)).toEqual({ action: 'deny' });
  });

  it('gets no permission', () => {
    const callback = vi.fn();
    if (typeof mock.permissionRequest !== 'function' || typeof mock.permissionCheck !== 'function') {
      throw new Error('permission handlers not installed');
    }
    mock.permissionRequest(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(mock.permissionCheck(null, 'notifications')).toBe(false);
  });
});

describe('the app:// scheme', () => {
  it('is privileged as standard + secure + fetch, never bypassing CSP', () => {
    expect(mock.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the renderer with a CSP that allows fetch to the configured HQ only', async () => {
    const handler = mock.protocolHandlers.get('app');
    if (typeof handler !== 'function') throw new Error('app:// not handled');
    const response: Response = await handler({ url: `${DESK_APP_ORIGIN}/`, method: 'GET' });
    expect(await response.text()).toContain('<title>desk</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ${HQ};`);
  });
});

describe('IPC', () => {
  const handler = (channel: string): GuardedIpcHandler<unknown> => {
    const found = mock.ipc.get(channel);
    if (typeof found !== 'function') throw new Error(`${channel} not registered`);
    return (event, ...args) => found(event, ...args);
  };

  it('registers every channel and nothing else', () => {
    expect([...mock.ipc.keys()].sort()).toEqual(Object.keys(ipcArgSchemas).sort());
  });

  it('refuses a sub-frame and a foreign origin, serves the desk', async () => {
    const subFrame = { senderFrame: { url: `${DESK_APP_ORIGIN}/`, parent: {} } };
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
    const desk = { senderFrame: { url: `${DESK_APP_ORIGIN}/`, parent: null } };
    expect(await handler('app:getConfig')(subFrame, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handler('app:getConfig')(foreign, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handler('app:getConfig')(desk, undefined)).toEqual({
      ok: true,
      data: { hqUrl: HQ, appVersion: '0.1.0-test', platform: 'electron', secretsAvailable: false },
    });
  });

  it('refuses to store a secret when safeStorage cannot encrypt', async () => {
    const desk = { senderFrame: { url: `${DESK_APP_ORIGIN}/`, parent: null } };
    const result = await handler('secrets:save')(desk, { key: 'hq.refresh', value: 'token' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
