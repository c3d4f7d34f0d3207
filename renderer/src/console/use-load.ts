import { useCallback, useEffect, useState } from 'react';
import type { AppError, Result } from '../../../shared/index';

export interface Loaded<T> {
  data: T | null;
  error: AppError | null;
  isLoading: boolean;
  reload(): void;
}

/**
 * Data the console reads from HQ for what is on screen (a port's reference data, its
 * audit chains). Read again by `reload()` after each write, so the screen shows what
 * HQ now holds; an answer that arrives after its key changed is dropped.
 */
export function useLoad<T>(load: (() => Promise<Result<T>>) | null, key: string): Loaded<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: AppError | null; isLoading: boolean }>({
    key,
    data: null,
    error: null,
    isLoading: load !== null,
  });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a new closure each render; `key` names what it reads.
  useEffect(() => {
    if (load === null) return;
    let isCurrent = true;
    setState((s) => ({ ...s, key, isLoading: true, ...(s.key === key ? {} : { data: null, error: null }) }));
    void load().then((result) => {
      if (!isCurrent) return;
      setState(result.ok ? { key, data: result.data, error: null, isLoading: false } : { key, data: null, error: result.error, isLoading: false });
    });
    return () => {
      isCurrent = false;
    };
  }, [key, round]);
  return { data: state.key === key ? state.data : null, error: state.key === key ? state.error : null, isLoading: state.isLoading, reload };
}
