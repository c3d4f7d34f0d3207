import { z } from 'zod';
import type { Result } from './result';

/**
 * The one typed contract between the Electron main process and the renderer.
 * Channels are `domain:verb`. The preload exposes exactly one method per channel on
 * `window.borderdesk`; main parses every argument with the schema below and checks the
 * sender before it acts. Results come back as `Result` values, never thrown errors.
 */
export const SECRET_KEY = /^[a-z0-9._-]{1,64}$/;

export const ipcArgSchemas = {
  'app:getConfig': z.undefined(),
  'secrets:save': z.object({ key: z.string().regex(SECRET_KEY), value: z.string().max(16_384) }),
  'secrets:load': z.object({ key: z.string().regex(SECRET_KEY) }),
  'secrets:remove': z.object({ key: z.string().regex(SECRET_KEY) }),
  'shell:openExternal': z.object({ url: z.string().max(2048) }),
} as const;

export type IpcChannel = keyof typeof ipcArgSchemas;

export interface DeskConfig {
  /** HQ's base URL, e.g. http://127.0.0.1:8787 */
  hqUrl: string;
  appVersion: string;
  platform: 'electron';
  /** Whether safeStorage can encrypt on this machine (false: secrets are refused, not stored in clear). */
  secretsAvailable: boolean;
}

export interface IpcResults {
  'app:getConfig': DeskConfig;
  'secrets:save': null;
  'secrets:load': string | null;
  'secrets:remove': null;
  'shell:openExternal': null;
}

export type IpcArgs = { [C in IpcChannel]: z.input<(typeof ipcArgSchemas)[C]> };

/** The shape of `window.borderdesk`: one method per channel, camel-cased. */
export interface DeskBridge {
  readonly platform: 'electron';
  getConfig(): Promise<Result<IpcResults['app:getConfig']>>;
  saveSecret(args: IpcArgs['secrets:save']): Promise<Result<null>>;
  loadSecret(args: IpcArgs['secrets:load']): Promise<Result<string | null>>;
  removeSecret(args: IpcArgs['secrets:remove']): Promise<Result<null>>;
  openExternal(args: IpcArgs['shell:openExternal']): Promise<Result<null>>;
}

/** Which DeskBridge method calls which channel; the preload is generated from this. */
export const BRIDGE_METHODS = {
  getConfig: 'app:getConfig',
  saveSecret: 'secrets:save',
  loadSecret: 'secrets:load',
  removeSecret: 'secrets:remove',
  openExternal: 'shell:openExternal',
} as const satisfies Record<Exclude<keyof DeskBridge, 'platform'>, IpcChannel>;

/** The custom scheme Electron serves the renderer from; HQ allows it as a CORS origin. */
export const DESK_APP_ORIGIN = 'app://borderdesk';
