import { useEffect } from 'react';
import { LOCK_AFTER_MS, watchInactivity } from '../desk/inactivity';

/** Locks the desk after `afterMs` without keyboard or mouse, while `active`. */
export function useInactivityLock(active: boolean, lock: () => void, afterMs = LOCK_AFTER_MS): void {
  useEffect(() => {
    if (!active) return;
    return watchInactivity(window, lock, afterMs);
  }, [active, lock, afterMs]);
}
