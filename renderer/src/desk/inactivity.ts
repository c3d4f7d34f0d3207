export const LOCK_AFTER_MS = 15 * 60 * 1000;

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` once nobody has touched the keyboard or mouse for `afterMs`.
 * Returns the function that stops watching.
 */
export function watchInactivity(
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
  onIdle: () => void,
  afterMs = LOCK_AFTER_MS,
  now: () => number = Date.now,
): () => void {
  let last = now();
  let fired = false;
  const touch = () => {
    last = now();
    fired = false;
  };
  for (const kind of ACTIVITY) target.addEventListener(kind, touch, { passive: true });
  const timer = setInterval(() => {
    if (!fired && now() - last >= afterMs) {
      fired = true;
      onIdle();
    }
  }, Math.min(15_000, afterMs));
  return () => {
    clearInterval(timer);
    for (const kind of ACTIVITY) target.removeEventListener(kind, touch);
  };
}
