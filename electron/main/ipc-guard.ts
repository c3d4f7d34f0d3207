import type { z } from 'zod';
import { DESK_APP_ORIGIN } from '../../shared/ipc';
import { fail, type Result } from '../../shared/result';
import { originOf } from './urls';

/** The part of IpcMainInvokeEvent the guard reads. */
export interface IpcSenderEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/**
 * Electron security checklist item 17, after VS Code's ipcMain: only the desk's own
 * main frame may call main. The frame's URL is parsed and its origin compared for
 * equality — `app://borderdesk.evil`, `app://x@borderdesk`, an iframe, or a frame
 * that has gone away (senderFrame null) are all refused.
 */
export function isTrustedSender(event: IpcSenderEvent): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  return originOf(frame.url) === DESK_APP_ORIGIN;
}

export type GuardedIpcHandler<T> = (event: IpcSenderEvent, ...args: unknown[]) => Promise<Result<T>>;

/**
 * Wraps one channel's handler: sender check, then argument parse, then the handler;
 * whatever happens the caller gets a Result. An unexpected throw is logged here and
 * becomes `internal` — its message and stack stay in the main process.
 */
export function guardIpcHandler<A, T>(
  channel: string,
  schema: z.ZodType<A>,
  handler: (args: A) => Promise<Result<T>>,
): GuardedIpcHandler<T> {
  return async (event, ...args) => {
    try {
      if (!isTrustedSender(event)) {
        console.warn(`[ipc] refused ${channel} from ${describeSender(event)}`);
        return fail('forbidden', `IPC ${channel} refused: sender is not the desk's main frame`);
      }
      if (args.length > 1) return fail('bad_request', `IPC ${channel} takes one argument, got ${args.length}`);
      const parsed = schema.safeParse(args[0]);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
        return fail('validation', `IPC ${channel}: ${issue?.message ?? 'invalid arguments'}`, field);
      }
      return await handler(parsed.data);
    } catch (error) {
      console.error(`[ipc] ${channel} failed`, error);
      return fail('internal', `IPC ${channel} failed unexpectedly; see the desk's log`);
    }
  };
}

function describeSender(event: IpcSenderEvent): string {
  const frame = event.senderFrame;
  if (frame === null) return 'a destroyed frame';
  return `${frame.parent === null ? 'main frame' : 'sub-frame'} ${JSON.stringify(frame.url)}`;
}
