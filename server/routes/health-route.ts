import { type HealthResponse, ok, PROTOCOL_VERSION, ROUTES } from '../../shared/index';
import type { StoreKind } from '../db/db';
import { json, type Route } from '../http/router';

export function healthRoute(store: StoreKind, now: () => Date): Route {
  return {
    method: 'GET',
    path: ROUTES.health,
    handler: async () =>
      ok(json({ ok: true, protocolVersion: PROTOCOL_VERSION, store, hqTime: now().toISOString() } satisfies HealthResponse)),
  };
}
