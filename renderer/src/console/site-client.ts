import type { z } from 'zod';
import {
  blobReceiptsAnswerSchema,
  fail,
  type Result,
  SITE_ADMIN_PATHS,
  type SiteEventRequest,
  siteWrittenSchema,
  sitesAnswerSchema,
  type UpdateSiteRequest,
} from '../../../shared/index';
import { type CallOptions, callWithToken } from './hq-http';
import { useConsoleStore } from './store/store';

/** The administrator API's site routes (SITE_ADMIN_PATHS), with one refresh on 401 like admin-client. */
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

export const siteApi = {
  sites: (port: string) => call(SITE_ADMIN_PATHS.sites(port), sitesAnswerSchema),
  updateSite: (port: string, siteId: string, body: UpdateSiteRequest) => call(SITE_ADMIN_PATHS.site(port, siteId), siteWrittenSchema, { method: 'PATCH', body }),
  recordEvent: (port: string, siteId: string, body: SiteEventRequest) =>
    call(SITE_ADMIN_PATHS.siteEvents(port, siteId), siteWrittenSchema, { method: 'POST', body }),
  blob: (port: string, sha256: string) => call(SITE_ADMIN_PATHS.blob(port, sha256), blobReceiptsAnswerSchema),
};
