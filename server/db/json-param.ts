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
