import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_METHODS, type DeskBridge } from '../shared/ipc';
import { ok } from '../shared/result';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn((_key: string, _api: unknown) => undefined),
  invoke: vi.fn(async (_channel: string, _args: unknown): Promise<unknown> => ({ ok: true, data: null })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
}));

let bridge: DeskBridge;
beforeAll(async () => {
  await import('./preload');
  expect(electron.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, exposed] = electron.exposeInMainWorld.mock.calls[0] ?? [];
  expect(name).toBe('borderdesk');
  // The object the page would see; its shape is what the tests below check.
  bridge = exposed as DeskBridge;
});

describe('preload', () => {
  it('exposes exactly platform plus one method per BRIDGE_METHODS entry, frozen', () => {
    expect(Object.keys(bridge).sort()).toEqual(['platform', ...Object.keys(BRIDGE_METHODS)].sort());
    expect(bridge.platform).toBe('electron');
    expect(Object.isFrozen(bridge)).toBe(true);
    for (const [name, value] of Object.entries(bridge)) {
      if (name !== 'platform') expect(typeof value).toBe('function');
    }
  });

  it('never hands out ipcRenderer or a generic channel forwarder', () => {
    for (const name of ['invoke', 'send', 'on', 'sendSync', 'ipcRenderer', 'call', 'request']) {
      expect(name in bridge).toBe(false);
    }
  });

  it('sends each method down its own fixed channel with its argument', async () => {
    for (const [method, channel] of Object.entries(BRIDGE_METHODS)) {
      electron.invoke.mockClear();
      const fn: unknown = Reflect.get(bridge, method);
      if (typeof fn !== 'function') throw new Error(`${method} missing`);
      await fn({ key: 'hq.refresh' });
      expect(electron.invoke).toHaveBeenCalledWith(channel, { key: 'hq.refresh' });
    }
  });

  it('passes main’s Result through', async () => {
    electron.invoke.mockResolvedValueOnce({ ok: true, data: 'token' });
    expect(await bridge.loadSecret({ key: 'hq.refresh' })).toEqual(ok('token'));
    electron.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'forbidden', message: 'no' } });
    expect(await bridge.loadSecret({ key: 'hq.refresh' })).toEqual({ ok: false, error: { code: 'forbidden', message: 'no' } });
  });

  it('turns a rejected invoke or a malformed reply into an internal Result', async () => {
    electron.invoke.mockRejectedValueOnce(new Error("No handler registered for 'secrets:load'"));
    const rejected = await bridge.loadSecret({ key: 'k' });
    expect(rejected.ok === false && rejected.error.code).toBe('internal');
    electron.invoke.mockResolvedValueOnce('surprise');
    const malformed = await bridge.getConfig();
    expect(malformed.ok === false && malformed.error.code).toBe('internal');
    electron.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'made-up', message: '' } });
    const unknownCode = await bridge.getConfig();
    expect(unknownCode.ok === false && unknownCode.error.code).toBe('internal');
  });
});
