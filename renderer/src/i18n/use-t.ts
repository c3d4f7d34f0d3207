import { useCallback } from 'react';
import { useUiStore } from '../store/ui/store';
import { en, type MessageKey, zh } from './messages';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translate(lang: 'zh' | 'en', key: MessageKey, params?: Record<string, string | number>): string {
  const text: string = lang === 'en' ? en[key] : zh[key];
  if (params === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match));
}

export function useT(): Translate {
  const lang = useUiStore((s) => s.lang);
  return useCallback((key, params) => translate(lang, key, params), [lang]);
}
