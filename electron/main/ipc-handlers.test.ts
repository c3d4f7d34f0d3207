import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type IpcChannel, ipcArgSchemas } from '../../shared/ipc';
import { ERROR_CODES, fail, ok, type Result } from '../../shared/result';
import { resolveShellConfig } from './config';
import { type GuardedIpcHandler, type IpcSenderEvent, isTrustedSender } from './ipc-guard';
import { createIpcHandlers, guardIpcHandlers, type IpcDependencies, registerIpcHandlers } from './ipc-handlers';
import type { SecretStore } from './secret-store';

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

const CHANNELS = Object.keys(ipcArgSchemas).filter((key): key is IpcChannel => key in ipcArgSchemas);
const fromDesk: IpcSenderEvent = { senderFrame: { url: 'app://borderdesk/index.html#/declarations', parent: null } };
const frameAt = (url: string, parent: unknown = null): IpcSenderEvent => ({ senderFrame: { url, parent } });

function fakeSecrets(): SecretStore & { saved: Map<string, string> } {
  const saved = new Map<string, string>();
  return {
    saved,
    isAvailable: async () => true,
    save: async (key, value) => {
      saved.set(key, value);
      return ok(null);
    },
    load: async (key) => ok(saved.get(key) ?? null),
    remove: async (key) => {
      saved.delete(key);
      return ok(null);
    },
  };
}

function setup(overrides: Partial<IpcDependencies> = {}) {
  const openExternal = vi.fn(async (_url: URL) => undefined);
  const secrets = fakeSecrets();
  const deps: IpcDependencies = {
    config: resolveShellConfig({}, null),
    appVersion: '0.1.0',
    secrets,
    openExternal,
    ...overrides,
  };
  const guarded: Record<string, GuardedIpcHandler<unknown>> = guardIpcHandlers(createIpcHandlers(deps));
  const call = (channel: IpcChannel, event: IpcSenderEvent, ...args: unknown[]) => {
    const handler = guarded[channel];
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  };
  return { call, openExternal, secrets };
}

const expectFailure = (result: Result<unknown>, code: string) => {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.code).toBe(code);
};

describe('IPC registration', () => {
  it('registers exactly one guarded handler per channel in ipcArgSchemas', () => {
    const handle = vi.fn();
    registerIpcHandlers({ handle }, createIpcHandlers({
      config: resolveShellConfig({}, null),
      appVersion: '0',
      secrets: fakeSecrets(),
      openExternal: async () => undefined,
    }));
    expect(handle.mock.calls.map(([channel]) => channel).sort()).toEqual([...CHANNELS].sort());
  });
});

describe('IPC sender validation', () => {
  it('serves the desk main frame', async () => {
    const { call } = setup();
    expect(await call('app:getConfig', fromDesk, undefined)).toEqual(
      ok({ hqUrl: 'http://127.0.0.1:8787', appVersion: '0.1.0', platform: 'electron', secretsAvailable: true }),
    );
  });

  it.each([
    'https://borderdesk/',
    'http://127.0.0.1:8787/',
    'app://borderdesk.evil/index.html',
    'app://evil/?next=app://borderdesk/',
    'app://borderdesk@evil/index.html',
    'app://borderdesk:8080/',
    'file:///app://borderdesk/index.html',
    'data:text/html,app://borderdesk',
    'about:blank',
    '',
  ])('refuses a frame at %j on every channel', async (url) => {
    const { call, secrets } = setup();
    for (const channel of CHANNELS) {
      expectFailure(await call(channel, frameAt(url), { key: 'token', value: 'x', url: 'https://a.cn' }), 'forbidden');
    }
    expect(secrets.saved.size).toBe(0);
  });

  it('refuses a sub-frame even when it is app://borderdesk, and a destroyed frame', async () => {
    const { call } = setup();
    const subFrame = frameAt('app://borderdesk/index.html', { url: 'app://borderdesk/' });
    expect(isTrustedSender(subFrame)).toBe(false);
    expectFailure(await call('secrets:load', subFrame, { key: 'token' }), 'forbidden');
    expectFailure(await call('secrets:load', { senderFrame: null }, { key: 'token' }), 'forbidden');
  });

  it('trusts nothing but the exact origin (fuzzed URLs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string(), fc.constantFrom('app://borderdesk', 'APP://BORDERDESK/x')), (url) => {
        const trusted = isTrustedSender(frameAt(url));
        let expected = false;
        try {
          const parsed = new URL(url);
          expected = parsed.protocol === 'app:' && parsed.host.toLowerCase() === 'borderdesk';
        } catch {
          expected = false;
        }
        expect(trusted).toBe(expected);
      }),
    );
  });
});

describe('IPC argument validation', () => {
  it('answers malformed arguments with a validation error naming the field', async () => {
    const { call, secrets } = setup();
    const badKey = await call('secrets:save', fromDesk, { key: '../../etc/passwd', value: 'x' });
    expectFailure(badKey, 'validation');
    if (!badKey.ok) expect(badKey.error.field).toBe('key');
    expectFailure(await call('secrets:save', fromDesk, { key: 'token', value: 'x'.repeat(20_000) }), 'validation');
    expectFailure(await call('secrets:load', fromDesk, 'token'), 'validation');
    expectFailure(await call('app:getConfig', fromDesk, { sneaky: true }), 'validation');
    expect(secrets.saved.size).toBe(0);
  });

  it('refuses extra arguments', async () => {
    const { call } = setup();
    expectFailure(await call('secrets:load', fromDesk, { key: 'token' }, 'extra'), 'bad_request');
  });

  it('turns random JSON into a Result with ok:false and a known code, never a throw', async () => {
    const { call } = setup();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNELS), fc.jsonValue(), async (channel, value) => {
        const result = await call(channel, fromDesk, value);
        expect(typeof result.ok).toBe('boolean');
        if (!ipcArgSchemas[channel].safeParse(value).success) {
          expectFailure(result, 'validation');
          if (!result.ok) expect(ERROR_CODES).toContain(result.error.code);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hides unexpected throws behind `internal`', async () => {
    const secrets = fakeSecrets();
    secrets.load = async () => {
      throw new Error('EACCES /home/officer/.config/secret-path');
    };
    const { call } = setup({ secrets });
    const result = await call('secrets:load', fromDesk, { key: 'token' });
    expectFailure(result, 'internal');
    if (!result.ok) expect(result.error.message).not.toContain('secret-path');
  });
});

describe('IPC channels', () => {
  it('round-trips secrets', async () => {
    const { call } = setup();
    expect(await call('secrets:save', fromDesk, { key: 'hq.refresh', value: 'tok' })).toEqual(ok(null));
    expect(await call('secrets:load', fromDesk, { key: 'hq.refresh' })).toEqual(ok('tok'));
    expect(await call('secrets:remove', fromDesk, { key: 'hq.refresh' })).toEqual(ok(null));
    expect(await call('secrets:load', fromDesk, { key: 'hq.refresh' })).toEqual(ok(null));
  });

  it('passes a refusal from the secret store through unchanged', async () => {
    const secrets = fakeSecrets();
    secrets.save = async () => fail('internal', 'no keyring');
    const { call } = setup({ secrets });
    expect(await call('secrets:save', fromDesk, { key: 'k', value: 'v' })).toEqual(fail('internal', 'no keyring'));
  });

  it('opens only http(s) links, with the parsed URL', async () => {
    const { call, openExternal } = setup();
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'ms-msdt:x', 'not a url']) {
      expectFailure(await call('shell:openExternal', fromDesk, { url }), 'validation');
    }
    expect(openExternal).not.toHaveBeenCalled();
    expect(await call('shell:openExternal', fromDesk, { url: 'https://www.customs.gov.cn/a b' })).toEqual(ok(null));
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal.mock.calls[0]?.[0].href).toBe('https://www.customs.gov.cn/a%20b');
  });
});
