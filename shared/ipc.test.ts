import { describe, expect, it } from 'vitest';
import { BRIDGE_METHODS, DESK_APP_ORIGIN, type IpcChannel, ipcArgSchemas, SECRET_KEY } from './ipc';

const channels = Object.keys(ipcArgSchemas) as IpcChannel[];
const accepts = (channel: IpcChannel, value: unknown) => ipcArgSchemas[channel].safeParse(value).success;

describe('IPC channel map', () => {
  it('names every channel domain:verb', () => {
    for (const channel of channels) expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
  });

  it('maps each channel to exactly one bridge method', () => {
    const targets = Object.values(BRIDGE_METHODS);
    expect([...targets].sort()).toEqual([...channels].sort());
    expect(Object.keys(BRIDGE_METHODS)).not.toContain('platform');
  });

  it('gives the desk origin as an origin header would carry it', () => {
    expect(DESK_APP_ORIGIN).toMatch(/^[a-z][a-z0-9+.-]*:\/\/[a-z0-9.-]+$/); // no path, no trailing slash
  });
});

describe('IPC argument schemas', () => {
  it('app:getConfig takes no argument', () => {
    expect(accepts('app:getConfig', undefined)).toBe(true);
    expect(accepts('app:getConfig', {})).toBe(false);
    expect(accepts('app:getConfig', 'hqUrl')).toBe(false);
  });

  it.each(['hq.refresh-token', 'session_v1', 'a', 'x'.repeat(64)])('accepts the secret key %j', (key) => {
    expect(SECRET_KEY.test(key)).toBe(true);
    expect(accepts('secrets:load', { key })).toBe(true);
    expect(accepts('secrets:remove', { key })).toBe(true);
    expect(accepts('secrets:save', { key, value: 'v' })).toBe(true);
  });

  it.each(['', 'x'.repeat(65), 'Refresh', '../secrets', 'a/b', 'a b', 'key\n', 'ключ', '__proto__?'])('refuses the secret key %j', (key) => {
    expect(accepts('secrets:load', { key })).toBe(false);
    expect(accepts('secrets:remove', { key })).toBe(false);
    expect(accepts('secrets:save', { key, value: 'v' })).toBe(false);
  });

  it('refuses a secret value over 16 KiB and values that are not text', () => {
    expect(accepts('secrets:save', { key: 'k', value: 'v'.repeat(16_384) })).toBe(true);
    expect(accepts('secrets:save', { key: 'k', value: 'v'.repeat(16_385) })).toBe(false);
    expect(accepts('secrets:save', { key: 'k', value: 42 })).toBe(false);
    expect(accepts('secrets:save', { key: 'k' })).toBe(false);
    expect(accepts('secrets:load', 'k')).toBe(false);
    expect(accepts('secrets:load', null)).toBe(false);
  });

  it('refuses an oversize or missing URL for shell:openExternal', () => {
    expect(accepts('shell:openExternal', { url: `https://example.org/${'a'.repeat(2028)}` })).toBe(true);
    expect(accepts('shell:openExternal', { url: `https://example.org/${'a'.repeat(2029)}` })).toBe(false);
    expect(accepts('shell:openExternal', {})).toBe(false);
    expect(accepts('shell:openExternal', { url: new URL('https://example.org') })).toBe(false);
  });
});
