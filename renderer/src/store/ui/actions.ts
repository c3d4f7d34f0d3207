import type { StoreApi } from 'zustand';
import { type DeskView, type Lang, rememberLang, type UiState } from './initialState';

export interface UiActions {
  setLang(lang: Lang): void;
  toggleLang(): void;
  setView(view: DeskView): void;
  toggleReview(): void;
}

export function createUiActions(set: StoreApi<UiState & UiActions>['setState'], get: () => UiState): UiActions {
  const setLang = (lang: Lang) => {
    rememberLang(lang);
    set({ lang });
  };
  return {
    setLang,
    toggleLang: () => setLang(get().lang === 'zh' ? 'en' : 'zh'),
    setView: (view) => set({ view }),
    toggleReview: () => set({ view: get().view === 'review' ? 'desk' : 'review' }),
  };
}
