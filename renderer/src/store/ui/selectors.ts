import type { UiStore } from './store';

export const uiSelectors = {
  lang: (s: UiStore) => s.lang,
  view: (s: UiStore) => s.view,
};
