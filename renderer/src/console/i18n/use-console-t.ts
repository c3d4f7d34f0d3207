import { useCallback } from 'react';
import { useConsoleStore } from '../store/store';
import type { ConsoleLang } from '../store/initialState';
import { type ConsoleMessageKey, en, zh } from './messages';

export type ConsoleT = (key: ConsoleMessageKey, params?: Record<string, string | number>) => string;

export function translate(lang: ConsoleLang, key: ConsoleMessageKey, params?: Record<string, string | number>): string {
  const text: string = lang === 'en' ? en[key] : zh[key];
  if (params === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match));
}

export function useConsoleT(): ConsoleT {
  const lang = useConsoleStore((s) => s.lang);
  return useCallback((key, params) => translate(lang, key, params), [lang]);
}
