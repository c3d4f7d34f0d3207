import type { z } from 'zod';
import { type IpcChannel, type IpcResults, ipcArgSchemas } from '../../shared/ipc';
import { fail, ok, type Result } from '../../shared/result';
import type { ShellConfig } from './config';
import { type GuardedIpcHandler, guardIpcHandler } from './ipc-guard';
import type { SecretStore } from './secret-store';
import { parseExternalUrl } from './urls';

type ParsedArgs<C extends IpcChannel> = z.output<(typeof ipcArgSchemas)[C]>;

export type IpcHandlers = {
  [C in IpcChannel]: (args: ParsedArgs<C>) => Promise<Result<IpcResults[C]>>;
};

export interface IpcDependencies {
  config: ShellConfig;
  appVersion: string;
  secrets: SecretStore;
  openExternal: (url: URL) => Promise<void>;
}

/** The business of each channel; guards live in `guardIpcHandler`, not here. */
export function createIpcHandlers(deps: IpcDependencies): IpcHandlers {
  return {
    'app:getConfig': async () =>
      ok({
        hqUrl: deps.config.hqUrl,
        appVersion: deps.appVersion,
        platform: 'electron',
        secretsAvailable: await deps.secrets.isAvailable(),
      }),
    'secrets:save': ({ key, value }) => deps.secrets.save(key, value),
    'secrets:load': ({ key }) => deps.secrets.load(key),
    'secrets:remove': ({ key }) => deps.secrets.remove(key),
    'shell:openExternal': async ({ url }) => {
      const external = parseExternalUrl(url);
      if (!external) return fail('validation', 'Only http and https links can be opened', 'url');
      await deps.openExternal(external);
      return ok(null);
    },
  };
}

export type GuardedIpcHandlers = { [C in IpcChannel]: GuardedIpcHandler<IpcResults[C]> };

/** One guarded handler per channel; `satisfies` makes a forgotten channel a type error. */
export function guardIpcHandlers(handlers: IpcHandlers): GuardedIpcHandlers {
  const guard = <C extends IpcChannel>(channel: C, schema: z.ZodType<ParsedArgs<C>>) =>
    guardIpcHandler(channel, schema, handlers[channel]);
  return {
    'app:getConfig': guard('app:getConfig', ipcArgSchemas['app:getConfig']),
    'secrets:save': guard('secrets:save', ipcArgSchemas['secrets:save']),
    'secrets:load': guard('secrets:load', ipcArgSchemas['secrets:load']),
    'secrets:remove': guard('secrets:remove', ipcArgSchemas['secrets:remove']),
    'shell:openExternal': guard('shell:openExternal', ipcArgSchemas['shell:openExternal']),
  } satisfies GuardedIpcHandlers;
}

export interface IpcRegistrar {
  handle(channel: string, listener: GuardedIpcHandler<unknown>): void;
}

export function registerIpcHandlers(ipcMain: IpcRegistrar, handlers: IpcHandlers): void {
  for (const [channel, guarded] of Object.entries(guardIpcHandlers(handlers))) {
    ipcMain.handle(channel, guarded);
  }
}
