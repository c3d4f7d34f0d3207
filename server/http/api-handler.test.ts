import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail } from '../../shared/index';
import { memoryLogger } from '../log';
import { createApiHandler } from './api-handler';
import { createRouter, json } from './router';

describe('API edge', () => {
  const logger = memoryLogger();
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const match = createRouter([
      {
        method: 'GET',
        path: '/api/v1/boom',
        handler: async () => {
          throw new Error('secret internals at line 42');
        },
      },
      { method: 'GET', path: '/api/v1/refuse', handler: async () => fail('conflict', 'already there', 'record.id') },
      { method: 'GET', path: '/api/v1/fine', handler: async () => ({ ok: true, data: json({ fine: true }) }) },
    ]);
    const api = createApiHandler(match, { corsOrigins: [], logger });
    server = createServer((req, res) => void api(req, res, new URL(req.url ?? '/', 'http://x')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
  });

  it('turns a throw into 500 internal, with the stack in the log only', async () => {
    const res = await fetch(`${url}/api/v1/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe('internal');
    expect(text).not.toContain('secret internals');
    const logged = logger.entries.find((e) => e.event === 'request.failed');
    expect(String(logged?.fields.error)).toContain('secret internals at line 42');
  });

  it('sends a Result error with the status of its code', async () => {
    const res = await fetch(`${url}/api/v1/refuse`);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'conflict', message: 'already there', field: 'record.id' } });
    expect((await fetch(`${url}/api/v1/fine`)).status).toBe(200);
  });
});
