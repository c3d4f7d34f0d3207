import { useEffect } from 'react';

export const LOCK_AFTER_MS = 15 * 60 * 1000;

/** Calls `lock` once nobody has touched the keyboard or mouse for `afterMs`. */
export function useInactivityLock(active: boolean, lock: () => void, afterMs = LOCK_AFTER_MS): void {
  useEffect(() => {
    if (!active) return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    const kinds = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
    for (const kind of kinds) window.addEventListener(kind, touch, { passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last >= afterMs) lock();
    }, Math.min(15_000, afterMs));
    return () => {
      clearInterval(timer);
      for (const kind of kinds) window.removeEventListener(kind, touch);
    };
  }, [active, lock, afterMs]);
}
