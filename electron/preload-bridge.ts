import { BRIDGE_METHODS, type DeskBridge, type IpcArgs, type IpcChannel, type IpcResults } from '../shared/ipc';
import { fail, isErrorCode, type Result } from '../shared/result';

export type Invoke = (channel: IpcChannel, args: unknown) => Promise<unknown>;

/**
 * Builds `window.borderdesk` from BRIDGE_METHODS: one method per channel, each bound to
 * its fixed channel, so the page can never name a channel itself. Main answers with a
 * Result; anything else (no handler, a rejected invoke) is turned into `internal` here.
 */
export function createDeskBridge(invoke: Invoke): DeskBridge {
  const call =
    <C extends IpcChannel>(channel: C) =>
    async (args?: IpcArgs[C]): Promise<Result<IpcResults[C]>> => {
      try {
        const reply = await invoke(channel, args);
        return isResult<IpcResults[C]>(reply) ? reply : fail('internal', `IPC ${channel}: malformed reply`);
      } catch {
        return fail('internal', `IPC ${channel} is unavailable`);
      }
    };
  return Object.freeze({
    platform: 'electron',
    getConfig: call(BRIDGE_METHODS.getConfig),
    saveSecret: call(BRIDGE_METHODS.saveSecret),
    loadSecret: call(BRIDGE_METHODS.loadSecret),
    removeSecret: call(BRIDGE_METHODS.removeSecret),
    openExternal: call(BRIDGE_METHODS.openExternal),
  } satisfies DeskBridge);
}

function isResult<T>(value: unknown): value is Result<T> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'data' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && isErrorCode(error.code);
}
