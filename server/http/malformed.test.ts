import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_APP_ORIGIN, MAX_BODY_BYTES, PROTOCOL_VERSION, ROUTES } from '../../shared/index';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

const JSON_TYPE = { 'content-type': 'application/json' };

async function expectError(res: Response, status: number, code: string): Promise<{ message: string; field?: string }> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = await res.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  return body.error;
}

describe.each(STORE_VARIANTS)('malformed requests ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let token: string;

  const push = (body: string, headers: Record<string, string> = JSON_TYPE) =>
    h.request(ROUTES.push, { method: 'POST', token, headers, body });
  const envelope = (mutations: unknown) => JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: 'desk-test-0001', mutations });

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    token = (await h.login('dx.officer1')).accessToken;
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('bad JSON → 400 bad_request', async () => {
    await expectError(await push('{"protocolVersion": 1, "mutations": ['), 400, 'bad_request');
    await expectError(await push(''), 400, 'bad_request');
    await expectError(
      await h.request(ROUTES.login, { method: 'POST', headers: JSON_TYPE, body: "{'username': 'x'}" }),
      400,
      'bad_request',
    );
  });

  it('JSON that is not an object → 400 bad_request', async () => {
    for (const body of ['[]', '"text"', '42', 'null']) await expectError(await push(body), 400, 'bad_request');
  });

  it('wrong types → 400 validation naming the field', async () => {
    const login = await h.request(ROUTES.login, {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ username: 5, password: 'x', deviceId: 'desk-test-0001' }),
    });
    expect((await expectError(login, 400, 'validation')).field).toBe('username');
    expect((await expectError(await push(envelope('all of them')), 400, 'validation')).field).toBe('mutations');
    expect((await expectError(await push(envelope([])), 400, 'validation')).field).toBe('mutations');
    const tooMany = Array.from({ length: 2001 }, () => ({}));
    expect((await expectError(await push(envelope(tooMany)), 400, 'validation')).field).toBe('mutations');
    const noDevice = JSON.stringify({ protocolVersion: 1, mutations: [{}] });
    expect((await expectError(await push(noDevice), 400, 'validation')).field).toBe('deviceId');
  });

  it('a body over the limit → 413, and HQ keeps serving', async () => {
    const huge = envelope([{ pad: 'x'.repeat(MAX_BODY_BYTES) }]);
    await expectError(await push(huge), 413, 'payload_too_large');
    // Without a Content-Length (chunked upload) HQ counts as it reads and stops at the limit.
    const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 12) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const chunked = await h
      .request(ROUTES.push, { method: 'POST', token, headers: JSON_TYPE, body: stream, duplex: 'half' } as RequestInit)
      .catch((error: unknown) => error);
    if (chunked instanceof Response) await expectError(chunked, 413, 'payload_too_large');
    expect((await h.request(ROUTES.health)).status).toBe(200);
  });

  it('deeply nested JSON → 400 bad_request', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    await expectError(await push(envelope('PLACEHOLDER').replace('"PLACEHOLDER"', deep)), 400, 'bad_request');
    const deepObject = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    await expectError(await push(deepObject), 400, 'bad_request');
  });

  it('a body that is not application/json → 415', async () => {
    await expectError(await push(envelope([]), { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
    await expectError(await push(envelope([]), {}), 415, 'unsupported_media_type');
    await expectError(
      await h.request(ROUTES.login, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=a' }),
      415,
      'unsupported_media_type',
    );
  });

  it('a missing or different protocol header → 426 telling the desk to update', async () => {
    const body = envelope([declarationMutation({ certificateNo: 'DX000001' })]);
    const missing = await h.request(ROUTES.push, { method: 'POST', token, protocol: false, headers: JSON_TYPE, body });
    expect((await expectError(missing, 426, 'protocol_version')).message).toMatch(/update/i);
    for (const version of [PROTOCOL_VERSION - 1, PROTOCOL_VERSION + 1]) {
      const other = await h.request(ROUTES.pull, { token, protocol: false, headers: { 'x-borderdesk-protocol': String(version) } });
      await expectError(other, 426, 'protocol_version');
    }
    const oldBody = JSON.stringify({ protocolVersion: 0, deviceId: 'desk-test-0001', mutations: [{}] });
    await expectError(await push(oldBody), 426, 'protocol_version');
  });

  it('unknown routes and methods answer JSON errors, never 500', async () => {
    await expectError(await h.request('/api/v1/nope'), 404, 'not_found');
    await expectError(await h.request(ROUTES.push, { token }), 405, 'bad_request');
    await expectError(await h.request('/api/v1/reports/day', { token }), 400, 'validation');
    await expectError(await h.request('/api/v1/reports/day?date=2026-02-30', { token }), 400, 'validation');
    await expectError(await h.request(ROUTES.push, { method: 'POST', headers: JSON_TYPE, body: envelope([{}]) }), 401, 'unauthorized');
  });

  it('a mutation full of junk is rejected on its own, inside a 200', async () => {
    const junk = [{ id: 'x'.repeat(10_000) }, { type: 'declaration.delete', id: crypto.randomUUID() }, { record: { portId: 'DONGXING' } }];
    const res = await push(envelope(junk));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });

  it('CORS: the desk origin may call, other origins are refused', async () => {
    const preflight = await h.request(ROUTES.push, {
      method: 'OPTIONS',
      headers: { origin: DESK_APP_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(DESK_APP_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-borderdesk-protocol');
    const fromDesk = await h.request(ROUTES.health, { headers: { origin: DESK_APP_ORIGIN } });
    expect(fromDesk.headers.get('access-control-expose-headers')).toBe('Retry-After');
    const own = await h.request(ROUTES.health, { headers: { origin: h.url } });
    expect(own.status).toBe(200);
    await expectError(await h.request(ROUTES.health, { headers: { origin: 'https://evil.example' } }), 403, 'forbidden');
    await expectError(await h.request(ROUTES.health, { headers: { origin: 'app://borderdesk.evil' } }), 403, 'forbidden');
  });

  it('API answers carry security headers', async () => {
    const res = await h.request(ROUTES.health);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
