export type Lang = 'zh' | 'en';

/** The desk's main area: entry and today's list, the review queue (复核队列), two-step declarations (两步申报), or sites and inspections (场地查验). */
export type DeskView = 'desk' | 'review' | 'twostep' | 'inspections' | 'day' | 'residents' | 'groups' | 'processing'; // day: 当日统计, residents: 边民, processing: 落地加工

export interface UiState {
  lang: Lang;
  view: DeskView;
}

const LANG_KEY = 'borderdesk.lang';

/** The language is a display preference, not a secret: localStorage is fine for it. */
export function storedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function rememberLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(LANG_KEY, lang);
  } catch {
    // Private mode or no storage: the choice lasts for this session only.
  }
}

export const initialUiState: UiState = { lang: storedLang(), view: 'desk' };
