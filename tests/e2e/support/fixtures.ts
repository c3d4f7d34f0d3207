import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type BrowserContext, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../playwright.config';
import { type RunningHq, startHq } from './hq-process';
import { type NetworkSwitch, startNetworkSwitch } from './network-switch';

export interface HqEnv {
  hq: RunningHq;
  /** The relay the desks use as their origin; `net.down()` makes HQ unreachable. */
  net: NetworkSwitch;
}

/**
 * One real HQ per spec file, with its own throwaway data folder, behind a network switch.
 * Call at the top level of a spec file; the returned getter works inside tests.
 */
export function hqForThisFile(): () => HqEnv {
  let env: HqEnv | null = null;
  let dataDir: string | null = null;
  base.beforeAll(async () => {
    base.setTimeout(120_000);
    dataDir = mkdtempSync(join(tmpdir(), 'borderdesk-e2e-hq-'));
    const hq = await startHq(dataDir);
    const net = await startNetworkSwitch(hq.port);
    env = { hq, net };
  });
  base.afterAll(async () => {
    await env?.net.close();
    await env?.hq.stop();
    if (dataDir !== null) rmSync(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (env === null) throw new Error('HQ is not running (hqForThisFile must be called at the top of the file)');
    return env;
  };
}

export interface Desk {
  context: BrowserContext;
  page: Page;
  profileDir: string;
  /** Closes the browser but keeps the profile on disk, as when an officer closes the desk. */
  close(): Promise<void>;
}

export interface DeskFixtures {
  /**
   * Launches Chromium on an on-disk profile named `name` (the same name reopens the same
   * profile). `timezoneId` is the desk's clock zone (default China's, Asia/Shanghai).
   */
  openDesk(name: string, options?: { offline?: boolean; timezoneId?: string }): Promise<Desk>;
}

export const test = base.extend<DeskFixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern; there are none.
  openDesk: async ({}, use) => {
    const root = mkdtempSync(join(tmpdir(), 'borderdesk-e2e-profiles-'));
    const open = new Set<BrowserContext>();
    await use(async (name, options = {}) => {
      const profileDir = join(root, name);
      const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
        headless: true,
        offline: options.offline ?? false,
        locale: 'zh-CN',
        timezoneId: options.timezoneId ?? 'Asia/Shanghai',
        viewport: { width: 1360, height: 900 },
        serviceWorkers: 'allow',
      });
      open.add(context);
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (error) => console.error(`[${name}] page error:`, error.message));
      return {
        context,
        page,
        profileDir,
        async close() {
          open.delete(context);
          await context.close();
        },
      };
    });
    for (const context of open) await context.close().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
