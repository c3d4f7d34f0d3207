import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callJson, type FetchFn } from './http';

/** An answer whose headers arrived but whose body stops after `text` (the network dropped). */
function cutAnswer(text: string): FetchFn {
  return async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.error(new TypeError('network error'));
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

describe('callJson when the connection is cut', () => {
  it('reports a body cut part-way as offline (status 0), not as an unreadable answer from HQ', async () => {
    const answer = await callJson(cutAnswer('{"changes":[{"seq":1,'), 'http://hq.test/x', {}, z.object({}));
    expect(answer).toMatchObject({ ok: false, error: { code: 'offline', status: 0 } });
  });

  it('still reports a complete answer that is not the expected JSON as internal', async () => {
    const fetchFn: FetchFn = async () => new Response('{"changes":[{"seq":1,', { status: 200 });
    const answer = await callJson(fetchFn, 'http://hq.test/x', {}, z.object({ changes: z.array(z.unknown()) }));
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal', status: 200 } });
  });
});
