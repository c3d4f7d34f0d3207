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
