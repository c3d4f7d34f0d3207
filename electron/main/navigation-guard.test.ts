import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, type GuardedContents, hardenWebContents, type NavigationEvent } from './navigation-guard';

type Listener = (event: NavigationEvent) => void;

function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents: GuardedContents = {
    on: (event: string, listener: Listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler: (handler) => {
      openHandler = handler;
    },
  };
  const emit = (name: string, url: string) => {
    const event = { url, preventDefault: vi.fn() };
    for (const listener of listeners.get(name) ?? []) listener(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  return {
    contents,
    /** true when the navigation was prevented */
    navigate: (url: string) => emit('will-navigate', url),
    frameNavigate: (url: string) => emit('will-frame-navigate', url),
    redirect: (url: string) => emit('will-redirect', url),
    attachWebview: () => emit('will-attach-webview', 'about:blank'),
    openWindow: (url: string) => openHandler?.({ url }),
  };
}

describe('hardenWebContents', () => {
  const setup = () => {
    const openExternal = vi.fn();
    const fake = fakeContents();
    hardenWebContents(fake.contents, openExternal);
    return { ...fake, openExternal };
  };

  it('lets the desk move within app://borderdesk', () => {
    const { navigate, frameNavigate, redirect } = setup();
    expect(navigate('app://borderdesk/declarations')).toBe(false);
    expect(frameNavigate('app://borderdesk/')).toBe(false);
    expect(redirect('app://borderdesk/index.html')).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:8787/',
    'app://borderdesk.evil/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'chrome://settings',
  ])('denies navigating, frame-navigating and redirecting to %s', (url) => {
    const { navigate, frameNavigate, redirect } = setup();
    expect(navigate(url)).toBe(true);
    expect(frameNavigate(url)).toBe(true);
    expect(redirect(url)).toBe(true);
  });

  it('sends a followed http(s) link to the system browser, and nothing else', () => {
    const { navigate, openExternal } = setup();
    navigate('https://www.customs.gov.cn/');
    navigate('file:///etc/passwd');
    navigate('javascript:alert(1)');
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal.mock.calls[0]?.[0]).toEqual(new URL('https://www.customs.gov.cn/'));
  });

  it('denies every new window; http(s) ones open outside', () => {
    const { openWindow, openExternal } = setup();
    for (const url of ['https://a.example/', 'app://borderdesk/popup', 'file:///c:/windows/system32/calc.exe', 'about:blank']) {
      expect(openWindow(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls.map(([url]) => String(url))).toEqual(['https://a.example/']);
  });

  it('refuses <webview>', () => {
    expect(setup().attachWebview()).toBe(true);
  });
});

describe('denyAllPermissions', () => {
  it('answers every permission request and check with no', () => {
    let request: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((wc: unknown, permission: string) => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (handler) => {
        request = handler;
      },
      setPermissionCheckHandler: (handler) => {
        check = handler;
      },
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      request?.(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check?.(null, permission)).toBe(false);
    }
  });
});
