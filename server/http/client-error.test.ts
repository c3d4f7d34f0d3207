import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHq, type Hq } from '../app';
import { silentLogger } from '../log';

/** Raw bytes on a socket: what Node's HTTP parser refuses before any handler runs. */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, 3000);
  });
}

describe('HTTP that Node itself cannot parse', () => {
  let hq: Hq;
  let port: number;
  beforeAll(async () => {
    hq = await createHq({ store: { kind: 'pglite' }, staticDir: null, logger: silentLogger });
    port = Number(new URL(await hq.listen(0)).port);
  });
  afterAll(() => hq.close());

  it.each([
    ['a broken request line', 'GARBAGE\r\n\r\n'],
    ['a lying Content-Length', 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
    ['a header without a colon', 'GET /api/v1/health HTTP/1.1\r\nHost x\r\n\r\n'],
  ])('%s gets a 400 with a JSON error, never an empty answer', async (_name, bytes) => {
    const answer = await rawRequest(port, bytes);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/Malformed HTTP request/);
  });
});
