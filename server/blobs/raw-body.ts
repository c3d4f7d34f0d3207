import type { IncomingMessage } from 'node:http';
import { fail, ok, type Result } from '../../shared/index';

/** The one content type a chunk's raw bytes are sent with. */
export const OCTET_STREAM = 'application/octet-stream';

export function isOctetStream(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [type] = header.split(';');
  return type?.trim().toLowerCase() === OCTET_STREAM;
}

/**
 * A raw request body (an attachment's chunk) of at most `maxBytes`: 415 without
 * application/octet-stream, 413 when the declared or the actual length passes the limit,
 * which the caller sets to the one chunk it expects. Reading stops at the limit: a body
 * that keeps coming is never buffered past it (the connection is then closed, as for JSON).
 */
export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Result<Buffer>> {
  if (!isOctetStream(req.headers['content-type'])) {
    return Promise.resolve(fail('unsupported_media_type', `附件块须以 ${OCTET_STREAM} 发送 / Send the chunk's bytes as ${OCTET_STREAM}`));
  }
  const tooLarge = () => fail<Buffer>('payload_too_large', `附件块超过 ${maxBytes} 字节 / Chunk larger than ${maxBytes} bytes`);
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let isDone = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        isDone = true;
        req.off('data', onData);
        resolve(tooLarge());
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
