import { create } from 'zustand';
import { createSessionActions, type SessionActions } from './actions';
import { initialSessionState, type SessionState } from './initialState';

export type SessionStore = SessionState & SessionActions;

export const useSessionStore = create<SessionStore>()((set, get) => ({
  ...initialSessionState,
  ...createSessionActions(set, get),
}));
