import type { z } from 'zod';
import {
  fail,
  type NewProcessingFirmRequest,
  type NewProcessingPolicyRequest,
  PROCESSING_ADMIN_PATHS,
  processingFirmsAnswerSchema,
  processingFirmWriteAnswerSchema,
  processingPoliciesAnswerSchema,
  processingPolicyWriteAnswerSchema,
  type Result,
  type UpdateProcessingFirmRequest,
} from '../../../shared/index';
import { type CallOptions, callWithToken } from './hq-http';
import { useConsoleStore } from './store/store';

/** The administrator API's landing-processing routes (PROCESSING_ADMIN_PATHS), with one refresh on 401 like admin-client. */
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

export const processingApi = {
  firms: (port: string) => call(PROCESSING_ADMIN_PATHS.firms(port), processingFirmsAnswerSchema),
  addFirm: (port: string, body: NewProcessingFirmRequest) => call(PROCESSING_ADMIN_PATHS.firms(port), processingFirmWriteAnswerSchema, { method: 'POST', body }),
  updateFirm: (port: string, firmId: string, body: UpdateProcessingFirmRequest) =>
    call(PROCESSING_ADMIN_PATHS.firm(port, firmId), processingFirmWriteAnswerSchema, { method: 'PATCH', body }),
  policies: (port: string) => call(PROCESSING_ADMIN_PATHS.policies(port), processingPoliciesAnswerSchema),
  publishPolicy: (port: string, body: NewProcessingPolicyRequest) => call(PROCESSING_ADMIN_PATHS.policies(port), processingPolicyWriteAnswerSchema, { method: 'POST', body }),
};
