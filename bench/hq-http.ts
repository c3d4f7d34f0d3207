import { type Agent, request } from 'node:http';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../shared/index';

/**
 * One JSON POST to HQ over the caller's own agent (its own keep-alive connections), with
 * the protocol header every desk sends. The body is ready bytes: bench:hq serialises
 * request bodies before it starts the clock.
 */
export interface Answer {
  status: number;
  text: string;
}

export function postJson(agent: Agent, base: URL, path: string, body: Buffer, token: string | null): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': body.length,
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const req = request({ agent, host: base.hostname, port: base.port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(body);
  });
}

export const jsonBytes = (value: unknown) => Buffer.from(JSON.stringify(value));
