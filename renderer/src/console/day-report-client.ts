import type { z } from 'zod';
import { type DayReport, dayReportSchema, fail, ROUTES, type Result } from '../../../shared/index';
import { type CallOptions, callWithToken } from './hq-http';
import { useConsoleStore } from './store/store';

/** GET /api/v1/reports/day?date&port for the console (an administrator names the port), one refresh on 401 like admin-client. */
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

export function fetchDayReport(port: string, date: string): Promise<Result<DayReport>> {
  return call(`${ROUTES.reportsDay}?${new URLSearchParams({ date, port })}`, dayReportSchema);
}
