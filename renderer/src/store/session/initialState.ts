import type { DeskSession } from '../../auth/account-service';
import type { DeskDb } from '../../db/desk-db';

/**
 * - starting: reading what this desk knows (last user) before showing anything;
 * - signedOut: the sign-in form (online sign-in, or offline unlock for a known officer);
 * - active: the desk is in use;
 * - locked: inactivity or the lock button; the session and sync carry on behind the lock;
 * - outdated: another tab opened a newer version of the database; this one let go and
 *   only a reload helps.
 */
export type SessionStatus = 'starting' | 'signedOut' | 'active' | 'locked' | 'outdated';

/** Why the officer is back at the sign-in screen, when it is not their own doing. */
export interface SignedOutNotice {
  kind: 'accessRevoked';
  /** Null when HQ refused the sign-in itself and this desk did not know the officer's port. */
  portId: string | null;
  /** HQ's own words for the reason (already "中文 / English"). */
  detail: string;
}

export interface SessionState {
  status: SessionStatus;
  session: DeskSession | null;
  db: DeskDb | null;
  /** Market point (互市点) the officer works at. */
  pointId: string | null;
  lastUsername: string | null;
  error: string | null;
  notice: SignedOutNotice | null;
  busy: boolean;
}

export const initialSessionState: SessionState = {
  status: 'starting',
  session: null,
  db: null,
  pointId: null,
  lastUsername: null,
  error: null,
  notice: null,
  busy: false,
};
