import type { z } from 'zod';
import {
  ADMIN_PATHS,
  auditAnswerSchema,
  auditEntriesAnswerSchema,
  auditVerdictSchema,
  goodsListWriteAnswerSchema,
  type NewGoodsListRequest,
  type NewOfficerRequest,
  type NewPointRequest,
  type NewPolicyRequest,
  type NewTwoStepPolicyRequest,
  officerWriteAnswerSchema,
  pointWriteAnswerSchema,
  policyWriteAnswerSchema,
  portsAnswerSchema,
  referenceAnswerSchema,
  twoStepPoliciesAnswerSchema,
  twoStepPolicyWriteAnswerSchema,
  type Result,
  fail,
  type UpdateOfficerRequest,
  type UpdatePointRequest,
} from '../../../shared/index';
import { type CallOptions, callWithToken } from './hq-http';
import { useConsoleStore } from './store/store';

/**
 * The administrator API as typed functions (paths and schemas from shared/admin). The
 * access token is read from the in-memory session; a 401 gets one refresh with the
 * in-memory refresh token and one retry, and when that fails too the session ends.
 */
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

export const adminApi = {
  ports: () => call(ADMIN_PATHS.ports(), portsAnswerSchema),
  reference: (port: string) => call(ADMIN_PATHS.reference(port), referenceAnswerSchema),
  publishPolicy: (port: string, body: NewPolicyRequest) => call(ADMIN_PATHS.policies(port), policyWriteAnswerSchema, { method: 'POST', body }),
  twoStepPolicies: (port: string) => call(ADMIN_PATHS.twoStepPolicies(port), twoStepPoliciesAnswerSchema),
  publishTwoStepPolicy: (port: string, body: NewTwoStepPolicyRequest) =>
    call(ADMIN_PATHS.twoStepPolicies(port), twoStepPolicyWriteAnswerSchema, { method: 'POST', body }),
  publishGoodsList: (port: string, body: NewGoodsListRequest) =>
    call(ADMIN_PATHS.goodsLists(port), goodsListWriteAnswerSchema, { method: 'POST', body }),
  addOfficer: (port: string, body: NewOfficerRequest) => call(ADMIN_PATHS.officers(port), officerWriteAnswerSchema, { method: 'POST', body }),
  updateOfficer: (port: string, officerId: string, body: UpdateOfficerRequest) =>
    call(ADMIN_PATHS.officer(port, officerId), officerWriteAnswerSchema, { method: 'PATCH', body }),
  addPoint: (port: string, body: NewPointRequest) => call(ADMIN_PATHS.points(port), pointWriteAnswerSchema, { method: 'POST', body }),
  updatePoint: (port: string, pointId: string, body: UpdatePointRequest) =>
    call(ADMIN_PATHS.point(port, pointId), pointWriteAnswerSchema, { method: 'PATCH', body }),
  audit: (port: string) => call(ADMIN_PATHS.audit(port), auditAnswerSchema),
  auditEntries: (port: string, deviceId: string, after: number) =>
    call(`${ADMIN_PATHS.auditEntries(port, deviceId)}?after=${after}&limit=100`, auditEntriesAnswerSchema),
  verify: (port: string, deviceId: string) => call(ADMIN_PATHS.auditVerify(port, deviceId), auditVerdictSchema, { method: 'POST' }),
};
