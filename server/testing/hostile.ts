import fc from 'fast-check';

/**
 * Generators of hostile input for fuzzing HQ's HTTP edge (fast-check). Plain code for
 * tests: strings a database chokes on, numbers JSON cannot hold, keys that reach for
 * prototypes, nesting deeper than any parser likes, bytes that are not UTF-8.
 */

export const SQL_FRAGMENTS = [
  "' OR '1'='1",
  "'; DROP TABLE declarations; --",
  '"; DELETE FROM mutations; --',
  "1; SELECT pg_sleep(5); --",
  ') UNION SELECT password_hash, 1 FROM officers --',
  "$1",
  '$$; TRUNCATE ports CASCADE; $$',
  "E'\\x00'",
  "'::jsonb",
  '\\',
  '%',
  '_',
];

const TRICKY = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '1e400',
  'null',
  'undefined',
  'true',
  '',
  ' ',
  '\u202e\u202d',
  '\ufeff',
  '../../etc/passwd',
  '%00',
  '#{7*7}{{7*7}}<%= 7*7 %>',
  '<script>alert(1)</script>',
  'DONGXING',
  'PINGXIANG',
  'DX000001',
  'dx.officer2',
  'borderdesk',
  '0803',
  '2026-02-30',
  '9'.repeat(400),
];

/** Strings PostgreSQL cannot store: NUL and unpaired surrogates. */
export const UNSTORABLE = ['\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\udc00y', 'end\ud83d'];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SQL_FRAGMENTS, ...TRICKY, ...UNSTORABLE),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), loneSurrogate, fc.constant('\u0000')), maxLength: 12 }),
  fc.integer({ min: 1_000, max: 40_000 }).map((n) => 'x'.repeat(n)),
);

/** Short text with one nasty piece inside: fits most length limits, so it reaches further. */
export const nastyText: fc.Arbitrary<string> = fc
  .tuple(fc.string({ maxLength: 4 }), fc.constantFrom(...UNSTORABLE, ...SQL_FRAGMENTS.filter((f) => f.length <= 20), '\u202e', '\ufeff'), fc.string({ maxLength: 4 }))
  .map(([before, piece, after]) => `${before}${piece}${after}`);

/** Numbers a JSON value can hold that are still wrong almost everywhere. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(1e308, -1e308, -0, 2 ** 53 + 2, 2 ** 63, -(2 ** 63), -1, 0.5, 5e-324, Number.MAX_SAFE_INTEGER, 100_000_000_000_001),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Keys that reach for prototypes, or that a database could not store. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'role', 'portId', 'id', '', 'a\u0000', '\ud800'),
  fc.string({ maxLength: 8 }),
);

/** An object with exactly these own keys, `__proto__` included as a plain key. */
export function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

const leaf: fc.Arbitrary<unknown> = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));

/** Any JSON value, hostile at every leaf and key, a few levels deep. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map(objectOf),
})).value;

/** `value` with the leaf at `path` replaced (copies along the path; arrays stay arrays). */
export function setAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(head)] = setAt(copy[Number(head)], rest, replacement);
    return copy;
  }
  const source = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return objectOf([...Object.entries(source).filter(([key]) => key !== String(head)), [String(head), setAt(source[String(head)], rest, replacement)]]);
}

/** Paths of every leaf and container in a JSON value (for choosing where to inject). */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => pathsOf(item, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  }
  return here;
}

/** Percent-encodes any string's UTF-8 bytes (a lone surrogate becomes U+FFFD's bytes). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Number literals that JSON.parse reads as something else, or not at all. */
const RAW_NUMBERS = ['1e400', '-1e400', '123456789012345678901234567890', '-0', '0.00000000000000000000001', '1E+2', '01', 'NaN', 'Infinity', '0x10', '.5', '+1'];
/** Byte sequences that are not UTF-8: a stray continuation byte, overlong NUL, CESU surrogate, 5-byte form, 0xFF. */
const BAD_UTF8 = [[0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xff], [0xe2, 0x82]];

/** A body as raw bytes: a valid JSON text, damaged in one of the ways a client or attacker might. */
export type BodyDamage =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'bad-utf8'; at: number; bytes: number[] }
  | { kind: 'raw-number'; literal: string }
  | { kind: 'deep'; depth: number; open: '[' | '{"a":' }
  | { kind: 'wrap'; text: string }
  | { kind: 'trailing'; text: string }
  | { kind: 'bom' };

export const bodyDamage: fc.Arbitrary<BodyDamage> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('bad-utf8' as const), at: fc.nat(), bytes: fc.constantFrom(...BAD_UTF8) }),
  fc.record({ kind: fc.constant('raw-number' as const), literal: fc.constantFrom(...RAW_NUMBERS) }),
  fc.record({ kind: fc.constant('deep' as const), depth: fc.integer({ min: 30, max: 10_000 }), open: fc.constantFrom('[' as const, '{"a":' as const) }),
  fc.record({ kind: fc.constant('wrap' as const), text: fc.constantFrom('[%]', '"%"', 'null', '%%', '{"body":%}') }),
  fc.record({ kind: fc.constant('trailing' as const), text: fc.constantFrom('garbage', '}', ',', '\u0000', ' {}') }),
  fc.constant({ kind: 'bom' as const }),
);

export function damage(json: string, how: BodyDamage): Uint8Array {
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
  switch (how.kind) {
    case 'none':
      return bytes(json);
    case 'truncate':
      return bytes(json.slice(0, how.at % Math.max(1, json.length)));
    case 'bad-utf8': {
      // Inside the first string value, so that only the bytes are wrong.
      const whole = Buffer.from(json, 'utf8');
      const quote = whole.indexOf(0x22, whole.indexOf(0x3a));
      const at = quote < 0 ? how.at % (whole.length + 1) : quote + 1;
      return new Uint8Array(Buffer.concat([whole.subarray(0, at), Buffer.from(how.bytes), whole.subarray(at)]));
    }
    case 'raw-number':
      return bytes(/-?\d/.test(json) ? json.replace(/-?\d+(\.\d+)?([eE][+-]?\d+)?/, how.literal) : json.replace(/}$/, `,"n":${how.literal}}`));
    case 'deep': {
      const close = how.open === '[' ? ']' : '}';
      return bytes(json.replace(/}$/, `,"deep":${how.open.repeat(how.depth)}1${close.repeat(how.depth)}}`));
    }
    case 'wrap':
      return bytes(how.text.replaceAll('%', json));
    case 'trailing':
      return bytes(json + how.text);
    case 'bom':
      return bytes(`\ufeff${json}`);
  }
}

export const hostileContentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  fc.constantFrom(
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/json; charset=latin1',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonx',
    'application/json-patch+json',
    'application/json, text/plain',
    '',
    undefined,
  ),
);
