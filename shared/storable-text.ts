/**
 * Text that a database can hold. JSON allows a NUL character (\u0000) and unpaired UTF-16
 * surrogates (\ud800 alone) in strings, but PostgreSQL stores neither, in text or in
 * jsonb: such a value must be refused at the boundary as bad input, not reach a query
 * and fail there as an error of HQ's.
 */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);
}

/**
 * The path of the first string (value or key) in `value` that a database cannot hold,
 * e.g. ['record', 'lines', 0, 'name'], or null when every string can be stored.
 */
export function findUnstorableText(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], [...path, i]);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return [...path, key];
      const found = findUnstorableText(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

export const UNSTORABLE_TEXT_MESSAGE = '含有无法保存的字符（NUL 或不成对的代理项）/ Contains a NUL character or an unpaired surrogate, which cannot be stored';
