import { create } from 'zustand';
import { type ConsoleActions, createConsoleActions } from './actions';
import { type ConsoleState, initialConsoleState } from './initialState';

export type ConsoleStore = ConsoleState & ConsoleActions;

export const useConsoleStore = create<ConsoleStore>()((set, get) => ({
  ...initialConsoleState(),
  ...createConsoleActions(set, get),
}));
