import { defineConfig } from 'vitest/config';

// vitest 5 reports failures with Map.groupBy (Node ≥ 21); these machines run Node 20.
// Without this its summary crashes exactly when a test fails.
const mapConstructor = Map as MapConstructor & { groupBy?: unknown };
if (typeof mapConstructor.groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}

export default defineConfig({
  test: {
    include: ['{shared,server,renderer,electron,bench}/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
