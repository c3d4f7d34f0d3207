import { request } from 'node:http';

/**
 * One HTTP request sent exactly as given: any bytes as the body, any method, a chosen
 * source address (127.0.0.0/8 all reaches this machine), optionally chunked without a
 * Content-Length. fetch normalises too much to send what an attacker would.
 */
export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Send the body as this many chunks of `body` (chunked transfer, no Content-Length). */
  repeatChunked?: number;
  localAddress?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function sendRaw(baseUrl: string, raw: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let isAnswered = false;
    const headers: Record<string, string | number> = { ...raw.headers };
    const body = raw.body === undefined ? undefined : typeof raw.body === 'string' ? Buffer.from(raw.body, 'utf8') : Buffer.from(raw.body);
    const isLengthGiven = Object.keys(headers).some((name) => name.toLowerCase() === 'content-length');
    if (body !== undefined && raw.repeatChunked === undefined && !isLengthGiven) headers['content-length'] = body.length;
    const req = request(
      `${baseUrl}${raw.path}`,
      { method: raw.method, headers, ...(raw.localAddress === undefined ? {} : { localAddress: raw.localAddress }) },
      (res) => {
        isAnswered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // HQ may answer (413) and close before the whole upload is written: what counts is
    // the answer, not the broken pipe after it.
    req.on('error', (error) => {
      if (!isAnswered) reject(error);
    });
    if (body === undefined) {
      req.end();
      return;
    }
    if (raw.repeatChunked === undefined) {
      req.end(body);
      return;
    }
    let sent = 0;
    const pump = (): void => {
      while (sent < (raw.repeatChunked ?? 0) && !isAnswered && !req.destroyed) {
        sent++;
        if (!req.write(body)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}
