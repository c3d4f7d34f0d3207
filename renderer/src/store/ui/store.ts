import { create } from 'zustand';
import { createUiActions, type UiActions } from './actions';
import { initialUiState, type UiState } from './initialState';

export type UiStore = UiState & UiActions;

export const useUiStore = create<UiStore>()((set, get) => ({
  ...initialUiState,
  ...createUiActions(set, get),
}));
