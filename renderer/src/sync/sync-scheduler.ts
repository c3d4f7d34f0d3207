import { STOPPING_OUTCOMES, type SyncOutcome } from './run-sync';

export interface SyncSchedulerOptions {
  run: () => Promise<SyncOutcome>;
  isOnline: () => boolean;
  /** Where `online` events come from (window in the app). */
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  onOutcome?: (outcome: SyncOutcome) => void;
  intervalMs?: number;
  /** Delay after a save, so a burst of saves goes in one push. */
  soonMs?: number;
}

export interface SyncScheduler {
  start(): void;
  stop(): void;
  /** The "Sync now" button: runs even if the browser believes it is offline. */
  syncNow(): Promise<SyncOutcome | null>;
  /** After a save. */
  soon(): void;
  readonly isRunning: boolean;
}

/**
 * When to sync: on the `online` event, every 20 s while online, shortly after each save,
 * and on demand. One run at a time; a trigger during a run asks for one more run after
 * it. An outcome that only the officer or an update can fix stops the timers.
 */
export function createSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const intervalMs = options.intervalMs ?? 20_000;
  const soonMs = options.soonMs ?? 1_500;
  let timer: ReturnType<typeof setInterval> | null = null;
  let soonTimer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<SyncOutcome> | null = null;
  let again = false;
  let stopped = true;

  const onOnline = () => void trigger();

  async function trigger(): Promise<SyncOutcome | null> {
    if (stopped) return null;
    if (running !== null) {
      again = true;
      return running;
    }
    let outcome: SyncOutcome;
    do {
      again = false;
      running = options.run();
      try {
        outcome = await running;
      } finally {
        running = null;
      }
      options.onOutcome?.(outcome);
      if (STOPPING_OUTCOMES.has(outcome.kind)) {
        stop();
        return outcome;
      }
    } while (again && !stopped && outcome.kind === 'ok');
    return outcome;
  }

  function stop() {
    stopped = true;
    if (timer !== null) clearInterval(timer);
    if (soonTimer !== null) clearTimeout(soonTimer);
    timer = null;
    soonTimer = null;
    options.events.removeEventListener('online', onOnline);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      options.events.addEventListener('online', onOnline);
      timer = setInterval(() => {
        if (options.isOnline()) void trigger();
      }, intervalMs);
      if (options.isOnline()) void trigger();
    },
    stop,
    syncNow: () => trigger(),
    soon() {
      if (stopped || soonTimer !== null) return;
      soonTimer = setTimeout(() => {
        soonTimer = null;
        if (options.isOnline()) void trigger();
      }, soonMs);
    },
    get isRunning() {
      return running !== null;
    },
  };
}
