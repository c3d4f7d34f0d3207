/**
 * Many JSON values as ONE text parameter: each value's JSON on its own line, to be split
 * in SQL with `string_to_array($n, E'\n')` and cast to json. JSON.stringify escapes every
 * control character inside strings, so its output never holds a raw newline: the split
 * cannot cut a value. One plain text parameter costs the drivers nothing to encode,
 * where a text[] literal would have every quote of every record escaped.
 */
export function jsonLines(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join('\n');
}

/**
 * Keys (uuids, dates, whole numbers) as ONE comma-separated text parameter, read in SQL
 * with `string_to_array($n, ',')` and a cast. Only for keys that cannot hold a comma:
 * values checked as uuids, dates or numbers. It spares the drivers a quoted array
 * literal built key by key, and large ones travel as plain bytes (see pglite-store.ts).
 */
export function keyList(keys: readonly (string | number)[]): string {
  return keys.join(',');
}

/**
 * SQL for "the uuids of a keyList parameter" as an array the planner cannot see into:
 * `= ANY(ARRAY(…))` is then planned as one index probe per key whatever the table's
 * statistics (PGlite never analyzes; with a visible array of 1,000 keys the planner
 * would estimate every row and scan the table).
 */
export const uuidKeys = (param: string) => `ARRAY(SELECT k::uuid FROM unnest(string_to_array(${param}::text, ',')) AS k)`;
