import type { z } from 'zod';
import {
  fail,
  GATE_POLICY_ADMIN_PATHS,
  gatePoliciesAnswerSchema,
  gatePolicyWriteAnswerSchema,
  type NewGatePolicyRequest,
  type Result,
} from '../../../shared/index';
import { type CallOptions, callWithToken } from './hq-http';
import { useConsoleStore } from './store/store';

/** The administrator API's gate weighing policy routes (GATE_POLICY_ADMIN_PATHS), with one refresh on 401 like admin-client. */
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

export const gatePolicyApi = {
  gatePolicies: (port: string) => call(GATE_POLICY_ADMIN_PATHS.gatePolicies(port), gatePoliciesAnswerSchema),
  publishGatePolicy: (port: string, body: NewGatePolicyRequest) =>
    call(GATE_POLICY_ADMIN_PATHS.gatePolicies(port), gatePolicyWriteAnswerSchema, { method: 'POST', body }),
};
