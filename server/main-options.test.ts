import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKERS_MAX, storeOptionsFrom, workerCountFrom } from './main-options';

const postgres = storeOptionsFrom({ 'database-url': 'postgres://127.0.0.1/test' }, {});
const pglite = storeOptionsFrom({}, {});

describe('workerCountFrom', () => {
  it('runs one HQ process a core on PostgreSQL by default, at most DEFAULT_WORKERS_MAX, and one on PGlite', () => {
    expect(workerCountFrom(undefined, {}, postgres, 2)).toBe(2);
    expect(workerCountFrom(undefined, {}, postgres, 1)).toBe(1);
    expect(workerCountFrom(undefined, {}, postgres, 64)).toBe(DEFAULT_WORKERS_MAX);
    expect(workerCountFrom(undefined, { HQ_WORKERS: '' }, postgres, 2)).toBe(2);
    expect(workerCountFrom(undefined, {}, pglite, 8)).toBe(1);
  });

  it('takes --workers before HQ_WORKERS, and refuses what is not 1–64 or more than one on PGlite', () => {
    expect(workerCountFrom('1', { HQ_WORKERS: '3' }, postgres, 2)).toBe(1);
    expect(workerCountFrom(undefined, { HQ_WORKERS: '3' }, postgres, 2)).toBe(3);
    for (const text of ['0', '65', '1.5', 'two']) expect(workerCountFrom(text, {}, postgres, 2)).toMatch(/^--workers: expected 1–64/);
    expect(workerCountFrom('2', {}, pglite, 2)).toMatch(/needs PostgreSQL/);
    expect(workerCountFrom('1', {}, pglite, 2)).toBe(1);
  });
});
