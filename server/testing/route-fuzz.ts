import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../../shared/index';
import { bodyDamage, damage, hostileContentType, hostileKey, hostileNumber, hostileString, hostileValue, nastyText, pathsOf, percentEncode, setAt } from './hostile';
import type { RawRequest } from './raw-http';

/**
 * Hostile requests for one route, built from what a well-meaning client would send (its
 * fixture): the route table drives the fuzz (fuzz-admin.test.ts, fuzz-api-routes.test.ts),
 * this turns each table row into cases. Every case is the fixture with one thing broken:
 * a path parameter, the query string, one value of the JSON body, the body's bytes (bad
 * UTF-8, truncated, deep nesting, huge number literals, trailing garbage), the whole
 * body, or the content type. Some cases are the fixture itself, so that successes (and
 * what they write) happen between the refusals.
 */
export interface RouteFixture {
  method: string;
  /** Path parameters by name (`:name` in the pattern), as a client would send them before encoding. */
  params?: Record<string, string>;
  /** Query parameters of a well-sent request. */
  query?: Record<string, string>;
  /** A JSON body (any value) or raw bytes (an upload). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** `pattern` (`a/:x/b`) under `prefix` with the parameters put in, each already percent-encoded. */
export function fillPattern(prefix: string, pattern: string, encoded: Record<string, string>): string {
  const segments = pattern.split('/').map((part) => {
    if (!part.startsWith(':')) return part;
    const value = encoded[part.slice(1)];
    if (value === undefined) throw new Error(`${pattern}: the fixture gives no ${part}`);
    return value;
  });
  return `${prefix}${segments.join('/')}`;
}

/** A path parameter: mostly the good one, sometimes nonsense, broken escapes, traversal or hostile text. */
const hostileSegment = fc.oneof(
  fc.constantFrom('%', '%zz', '%00', '%ED%A0%80', '%C0%AE', '..', '%2e%2e', '%2F', '__proto__', 'constructor', "'%20OR%201=1", '-1', '1e400', '9'.repeat(400)),
  hostileString.map((s) => percentEncode(s.slice(0, 120))),
);

const queryValue = fc.oneof(fc.constantFrom('0', '-1', '-0', '1e308', '1e400', 'NaN', 'Infinity', '0x10', '9007199254740993', '', '2026-02-30'), hostileString.map((s) => s.slice(0, 300)));

type Part = 'none' | 'param' | 'query' | 'value' | 'text' | 'whole' | 'bytes';

/** Cases for one route: `pathOf` builds the path from encoded parameters (the route's own prefix and pattern). */
export function routeCases(fixture: RouteFixture, pathOf: (encoded: Record<string, string>) => string): fc.Arbitrary<RawRequest> {
  const paramNames = Object.keys(fixture.params ?? {});
  const queryNames = Object.keys(fixture.query ?? {});
  const isRaw = fixture.body instanceof Uint8Array;
  const isJson = fixture.body !== undefined && !isRaw;
  const jsonPaths = isJson ? pathsOf(fixture.body) : [];
  const textPaths = jsonPaths.filter((path) => path.length > 0 && typeof pathValue(fixture.body, path) === 'string');

  const parts: { weight: number; arbitrary: fc.Arbitrary<Part> }[] = [
    { weight: 2, arbitrary: fc.constant('none') },
    { weight: 2, arbitrary: fc.constant('query') },
    { weight: 1, arbitrary: fc.constant('whole') },
    { weight: 2, arbitrary: fc.constant('bytes') },
  ];
  if (paramNames.length > 0) parts.push({ weight: 3, arbitrary: fc.constant('param') });
  if (jsonPaths.length > 0) parts.push({ weight: 4, arbitrary: fc.constant('value') });
  if (textPaths.length > 0) parts.push({ weight: 2, arbitrary: fc.constant('text') });

  return fc
    .record({
      part: fc.oneof(...parts),
      pick: fc.nat(),
      segment: hostileSegment,
      value: fc.oneof(hostileString, hostileNumber, hostileValue, fc.constant(undefined)),
      text: nastyText,
      whole: hostileValue,
      how: bodyDamage,
      type: hostileContentType,
      extraQuery: fc.array(
        fc.tuple(fc.oneof(fc.constantFrom(...queryNames, '__proto__', 'constructor', 'port', 'after[]'), hostileKey), queryValue, fc.constantFrom('add', 'replace', 'drop')),
        { minLength: 1, maxLength: 3 },
      ),
      bytes: fc.uint8Array({ maxLength: 64 }),
    })
    .map((c): RawRequest => {
      const encoded: Record<string, string> = {};
      for (const [name, value] of Object.entries(fixture.params ?? {})) encoded[name] = encodeURIComponent(value);
      if (c.part === 'param') encoded[paramNames[c.pick % paramNames.length] ?? ''] = c.segment;

      const query = new URLSearchParams(fixture.query ?? {});
      if (c.part === 'query') {
        for (const [name, value, how] of c.extraQuery) {
          if (how === 'drop') query.delete(name);
          else if (how === 'replace') query.set(name, value);
          else query.append(name, value);
        }
      }
      const search = query.toString();
      const path = `${pathOf(encoded)}${search === '' ? '' : `?${search}`}`;

      const headers: Record<string, string> = { ...(isJson ? { 'content-type': 'application/json' } : {}), ...fixture.headers };
      let body: Uint8Array | undefined;
      if (isRaw) body = fixture.body as Uint8Array;
      else if (isJson) body = damage(JSON.stringify(fixture.body), { kind: 'none' });

      switch (c.part) {
        case 'value': {
          const at = jsonPaths[c.pick % jsonPaths.length] ?? [];
          body = damage(JSON.stringify(setAt(fixture.body, at, c.value)) ?? 'null', { kind: 'none' });
          break;
        }
        case 'text': {
          const at = textPaths[c.pick % textPaths.length] ?? [];
          body = damage(JSON.stringify(setAt(fixture.body, at, c.text)), { kind: 'none' });
          break;
        }
        case 'whole':
          body = damage(JSON.stringify(c.whole) ?? 'null', { kind: 'none' });
          if (!isJson && !isRaw) headers['content-type'] = 'application/json';
          break;
        case 'bytes':
          // The body's bytes broken (or, for an upload, other bytes), under any content type.
          body = isRaw ? c.bytes : damage(JSON.stringify(fixture.body ?? {}), c.how);
          if (c.type === undefined) delete headers['content-type'];
          else headers['content-type'] = c.type;
          break;
        default:
          break;
      }
      return { method: fixture.method, path, headers, ...(body === undefined ? {} : { body }) };
    });
}

function pathValue(value: unknown, path: readonly (string | number)[]): unknown {
  let here: unknown = value;
  for (const key of path) here = typeof here === 'object' && here !== null ? (here as Record<string, unknown>)[String(key)] : undefined;
  return here;
}

/** The fixture's request with a body over the limit, sent chunked (no Content-Length): HQ must answer 413 and stop reading. */
export function oversized(fixture: RouteFixture, path: string): RawRequest {
  const piece = 64 * 1024;
  return {
    method: fixture.method,
    path,
    headers: { 'content-type': fixture.body instanceof Uint8Array ? 'application/octet-stream' : 'application/json', ...fixture.headers },
    body: new Uint8Array(piece).fill(0x20),
    repeatChunked: Math.ceil(MAX_BODY_BYTES / piece) + 2,
  };
}
