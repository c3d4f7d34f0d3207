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
