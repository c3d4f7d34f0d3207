import type { SessionStore } from './store';

export const sessionSelectors = {
  status: (s: SessionStore) => s.status,
  db: (s: SessionStore) => s.db,
  officer: (s: SessionStore) => s.session?.officer ?? null,
  portId: (s: SessionStore) => s.session?.portId ?? null,
  port: (s: SessionStore) => s.session?.port ?? null,
  pointId: (s: SessionStore) => s.pointId,
  error: (s: SessionStore) => s.error,
  notice: (s: SessionStore) => s.notice,
  role: (s: SessionStore) => s.session?.officer.role ?? null,
  busy: (s: SessionStore) => s.busy,
  lastUsername: (s: SessionStore) => s.lastUsername,
  username: (s: SessionStore) => s.session?.username ?? null,
};
