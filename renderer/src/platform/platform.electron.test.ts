import { describe, expect, it } from 'vitest';
import { type DeskBridge, ok } from '../../../shared/index';
import { createElectronPlatform } from './platform.electron';

function fakeBridge(): DeskBridge & { saved: Map<string, string> } {
  const saved = new Map<string, string>();
  return {
    platform: 'electron',
    saved,
    getConfig: async () => ok({ hqUrl: 'http://127.0.0.1:8787/', appVersion: '0.1.0', platform: 'electron', secretsAvailable: true }),
    saveSecret: async ({ key, value }) => {
      saved.set(key, value);
      return ok(null);
    },
    loadSecret: async ({ key }) => ok(saved.get(key) ?? null),
    removeSecret: async ({ key }) => {
      saved.delete(key);
      return ok(null);
    },
    openExternal: async () => ok(null),
  };
}

describe('electron platform', () => {
  it("takes HQ's address from the shell and keeps secrets in safeStorage, not IndexedDB", async () => {
    const bridge = fakeBridge();
    const platform = createElectronPlatform(bridge);
    expect(platform.kind).toBe('electron');
    expect(await platform.hqBaseUrl()).toBe('http://127.0.0.1:8787');
    await platform.secrets.save('refresh.dx.officer1', '{"iv":"a","ciphertext":"b"}');
    expect(bridge.saved.get('refresh.dx.officer1')).toContain('ciphertext');
    expect(await platform.secrets.load('refresh.dx.officer1')).toEqual(ok('{"iv":"a","ciphertext":"b"}'));
    await platform.secrets.remove('refresh.dx.officer1');
    expect(bridge.saved.size).toBe(0);
  });
});
