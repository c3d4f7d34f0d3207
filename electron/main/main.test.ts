import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ list: [] as string[], hasLock: true }));

vi.mock('electron', () => ({
  app: {
    enableSandbox: () => calls.list.push('enableSandbox'),
    requestSingleInstanceLock: () => calls.hasLock,
    quit: () => calls.list.push('quit'),
    exit: (code: number) => calls.list.push(`exit ${code}`),
    on: (event: string) => calls.list.push(`on ${event}`),
    whenReady: () => Promise.resolve(),
    getAppPath: () => '/nonexistent',
    getPath: () => {
      throw new Error('userData is not writable');
    },
  },
  dialog: { showErrorBox: (title: string, message: string) => calls.list.push(`error ${title}: ${message}`) },
  protocol: { registerSchemesAsPrivileged: () => calls.list.push('privileged') },
}));

beforeEach(() => {
  calls.list = [];
  vi.resetModules();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('main entry', () => {
  it('shows an error and exits 1 when start-up fails, instead of an unhandled rejection', async () => {
    calls.hasLock = true;
    await import('./main');
    await vi.waitFor(() => expect(calls.list).toContain('exit 1'));
    expect(calls.list.find((c) => c.startsWith('error '))).toContain('userData is not writable');
  });

  it('quits at once when another desk already holds the single-instance lock', async () => {
    calls.hasLock = false;
    await import('./main');
    expect(calls.list).toContain('quit');
    expect(calls.list).not.toContain('on web-contents-created');
  });
});
