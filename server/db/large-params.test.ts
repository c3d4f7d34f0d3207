import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { type Db, openStore } from './db';
import { jsonLines } from './json-param';

describe.each(STORE_VARIANTS)('large parameters ($name)', (variant) => {
  let store: TestStore;
  let db: Db;

  beforeAll(async () => {
    store = await variant.create();
    db = await openStore(store.options);
  });
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  // Past 16 K characters PGlite sends text and json parameters as UTF-8 bytes (binary format).
  const values = Array.from({ length: 400 }, (_, i) => ({ i, name: `坚果 ${i} 🍌`, note: 'a\nb\t"c"\\d \u2028', lone: '\ud800' }));
  const text = jsonLines(values);

  it('hands a large text parameter over intact (multi-byte, escapes, lines)', async () => {
    expect(text.length).toBeGreaterThan(16 * 1024);
    const [row] = await db.query<{ same: boolean; chars: number; lines: number }>(
      `SELECT $1::text = $2 AS same, char_length($1::text) AS chars, array_length(string_to_array($1::text, E'\\n'), 1) AS lines`,
      [text, text],
    );
    expect(row).toEqual({ same: true, chars: [...text].length, lines: values.length });
    const back = await db.query<{ v: unknown }>(`SELECT value::json AS v FROM unnest(string_to_array($1, E'\\n')) AS value`, [text]);
    expect(back.map((r) => r.v)).toEqual(values);
  });

  it('hands a large json parameter over intact, and a small one as before', async () => {
    const big = JSON.stringify(values);
    const [row] = await db.query<{ v: unknown; small: unknown }>('SELECT $1::json AS v, $2::json AS small', [big, '{"a":"香蕉"}']);
    expect(row).toEqual({ v: values, small: { a: '香蕉' } });
  });
});
