import type { DeskSession } from '../../auth/account-service';
import type { DeskDb } from '../../db/desk-db';

/**
 * - starting: reading what this desk knows (last user) before showing anything;
 * - signedOut: the sign-in form (online sign-in, or offline unlock for a known officer);
 * - active: the desk is in use;
 * - locked: inactivity or the lock button; the session and sync carry on behind the lock.
 */
export type SessionStatus = 'starting' | 'signedOut' | 'active' | 'locked';

export interface SessionState {
  status: SessionStatus;
  session: DeskSession | null;
  db: DeskDb | null;
  /** Market point (互市点) the officer works at. */
  pointId: string | null;
  lastUsername: string | null;
  error: string | null;
  busy: boolean;
}

export const initialSessionState: SessionState = {
  status: 'starting',
  session: null,
  db: null,
  pointId: null,
  lastUsername: null,
  error: null,
  busy: false,
};
