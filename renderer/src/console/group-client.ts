import type { z } from 'zod';
import {
  fail,
  GROUP_ADMIN_PATHS,
  groupListAnswerSchema,
  groupWrittenSchema,
  type NewGroupRequest,
  type Result,
  type UpdateGroupRequest,
} from '../../../shared/index';
import { type CallOptions, callWithToken } from './hq-http';
import { useConsoleStore } from './store/store';

/** The administrator API's group routes (GROUP_ADMIN_PATHS), with one refresh on 401 like admin-client. */
async function call<S extends z.ZodType>(path: string, schema: S, options?: CallOptions): Promise<Result<z.output<S>>> {
  const store = useConsoleStore.getState();
  const token = store.session?.accessToken;
  if (token === undefined) return fail('unauthorized', '请先登录 / Sign in first');
  const first = await callWithToken(token, path, schema, options);
  if (first.ok || first.error.code !== 'unauthorized') return first;
  if (!(await store.refreshSession())) return first;
  const renewed = useConsoleStore.getState().session?.accessToken;
  return renewed === undefined ? first : callWithToken(renewed, path, schema, options);
}

export const groupApi = {
  groups: (port: string) => call(GROUP_ADMIN_PATHS.groups(port), groupListAnswerSchema),
  addGroup: (port: string, body: NewGroupRequest) => call(GROUP_ADMIN_PATHS.groups(port), groupWrittenSchema, { method: 'POST', body }),
  updateGroup: (port: string, groupId: string, body: UpdateGroupRequest) =>
    call(GROUP_ADMIN_PATHS.group(port, groupId), groupWrittenSchema, { method: 'PATCH', body }),
};
