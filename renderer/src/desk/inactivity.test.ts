import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCK_AFTER_MS, watchInactivity } from './inactivity';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('watchInactivity', () => {
  it('locks after 15 idle minutes, and activity restarts the count', () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const stop = watchInactivity(target, onIdle);
    vi.advanceTimersByTime(LOCK_AFTER_MS - 60_000);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(LOCK_AFTER_MS - 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(90_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(LOCK_AFTER_MS);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });
});
