/**
 * HQ's log: one JSON object a line on stderr. Callers pass facts, never secrets: no
 * passwords, no tokens, no Authorization headers.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  log(level, event, fields = {}) {
    process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, event, ...fields })}\n`);
  },
};

export const silentLogger: Logger = { log() {} };

/** Collects entries, for tests that check what was (and was not) logged. */
export function memoryLogger(): Logger & { entries: { level: LogLevel; event: string; fields: Record<string, unknown> }[] } {
  const entries: { level: LogLevel; event: string; fields: Record<string, unknown> }[] = [];
  return { entries, log: (level, event, fields = {}) => void entries.push({ level, event, fields }) };
}

/**
 * Holds entries back until `release` passes them on: for what a transaction logs, which
 * is only true once it commits (a push attempt that rolls back logs nothing).
 */
export function heldLogger(target: Logger): Logger & { release(): void } {
  const held: [LogLevel, string, Record<string, unknown> | undefined][] = [];
  return {
    log: (level, event, fields) => void held.push([level, event, fields]),
    release() {
      for (const [level, event, fields] of held.splice(0)) target.log(level, event, fields);
    },
  };
}
