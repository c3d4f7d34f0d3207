import type { IncomingMessage } from 'node:http';
import { fail, MAX_BODY_BYTES, ok, type Result } from '../../shared/index';

/** Deeper than any body HQ expects; deeper input is refused before it is parsed. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a JSON text nests arrays/objects deeper than `limit`, outside strings. One pass
 * over the structure: a string is jumped over to its closing quote with indexOf (most of
 * a push body's characters are inside strings), a quote counting as closing when an even
 * number of backslashes stands before it. It stops as soon as `limit` is passed; text
 * that is not JSON is left for JSON.parse to refuse.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end === -1) return false;
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === 92 /* \ */) backslashes++;
        if (backslashes % 2 === 0) break;
      }
      i = end;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [type] = header.split(';');
  return type?.trim().toLowerCase() === 'application/json';
}

/** Reads the body up to `maxBytes`; past that it answers 413 and reads no further. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Result<Buffer>> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.resolve(fail('payload_too_large', `请求体超过 ${maxBytes} 字节 / Body larger than ${maxBytes} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let isDone = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        isDone = true;
        req.off('data', onData);
        resolve(fail('payload_too_large', `请求体超过 ${maxBytes} 字节 / Body larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (!isDone) resolve(ok(Buffer.concat(chunks, size)));
    });
    req.once('error', (error) => {
      if (!isDone) reject(error);
    });
  });
}

/**
 * A JSON request body as `unknown`, ready for a schema: 415 without
 * `application/json`, 413 when too large, 400 `bad_request` when it is not JSON, nests
 * too deep, or is not an object.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number = MAX_BODY_BYTES): Promise<Result<unknown>> {
  const bytes = await readJsonBytes(req, maxBytes);
  return bytes.ok ? parseJsonBody(bytes.data) : bytes;
}

/** readJsonBody's first half: the body's bytes, with its 415 and 413 (for a route that parses them later). */
export async function readJsonBytes(req: IncomingMessage, maxBytes: number = MAX_BODY_BYTES): Promise<Result<Buffer>> {
  if (!isJsonContentType(req.headers['content-type'])) {
    return fail('unsupported_media_type', '请求体须为 JSON（Content-Type: application/json）/ Send JSON with Content-Type: application/json');
  }
  return readBody(req, maxBytes);
}

/** readJsonBody's second half: the bytes as a JSON object, with its 400s. */
export function parseJsonBody(bytes: Buffer): Result<unknown> {
  const text = bytes.toString('utf8');
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    return fail('bad_request', `JSON 嵌套超过 ${MAX_JSON_DEPTH} 层 / JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('bad_request', '请求体不是有效的 JSON / Body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('bad_request', '请求体须为 JSON 对象 / Body must be a JSON object');
  }
  return ok(value);
}
