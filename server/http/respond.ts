import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { AppError } from '../../shared/index';
import { STATUS_OF } from './status';

/** Headers every answer carries, API or file. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
}

/** An API answer is data, never a page: nothing may run or be framed from it. */
function setApiHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  res.setHeader('Cache-Control', 'no-store');
}

export function sendJsonText(res: ServerResponse, status: number, text: string): void {
  setApiHeaders(res);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

/**
 * An attachment's bytes. Offered as a download, never rendered as a page (the API's CSP
 * and nosniff stay on). The pieces are read after the headers are out: a failure then
 * can only cut the connection, which the desk sees as a short body and retries.
 */
export async function sendBytes(res: ServerResponse, reply: { status: number; contentType: string; length: number; pieces: () => AsyncIterable<Uint8Array> }): Promise<void> {
  setApiHeaders(res);
  res.statusCode = reply.status;
  res.setHeader('Content-Type', reply.contentType);
  res.setHeader('Content-Length', reply.length);
  res.setHeader('Content-Disposition', 'attachment');
  try {
    for await (const piece of reply.pieces()) {
      if (res.destroyed) return;
      if (!res.write(piece)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    res.end();
  } catch (error) {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

export function sendEmpty(res: ServerResponse, status: number): void {
  setApiHeaders(res);
  res.statusCode = status;
  res.end();
}

export function sendError(res: ServerResponse, error: AppError): void {
  const status = STATUS_OF[error.code];
  // After a refused upload the rest of the body is not worth reading: close the connection.
  if (status === 413) res.setHeader('Connection', 'close');
  sendJson(res, status, { error });
}
