import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BLOB_CHUNK_BYTES,
  BLOB_ROUTES,
  type BlobStatus,
  blobChunkQuerySchema,
  checkBlobHash,
  checkChunkBody,
  checkChunkQuery,
  isBlobComplete,
  mergeRanges,
  sha256Bytes,
} from '../../../shared/index';
import type { TokenHolder } from '../sync/hq-client';
import { createBlobClient } from './blob-client';
import { type AttachmentTable, addAttachment, openAttachment, type StoredAttachment, sha256Hex, uploadPending } from './attachments';

/** HQ's blob routes in memory, with the same shared checks, counting every chunk received. */
class FakeBlobHq {
  blobs = new Map<string, { size: number; contentType: string; chunks: Map<number, Uint8Array>; complete: boolean }>();
  receipts = new Map<string, number>();
  /** Chunks still answered before the line is cut (null: never cut). */
  cutAfter: number | null = null;

  status(sha256: string): BlobStatus {
    const blob = this.blobs.get(sha256);
    if (blob === undefined) return { sha256, state: 'absent', size: null, received: [], chunkBytes: BLOB_CHUNK_BYTES };
    const received = mergeRanges([...blob.chunks].map(([start, bytes]) => ({ start, end: start + bytes.length })));
    return { sha256, state: blob.complete ? 'complete' : 'partial', size: blob.size, received, chunkBytes: BLOB_CHUNK_BYTES };
  }

  ordered(blob: { chunks: Map<number, Uint8Array> }): BlobPart[] {
    return [...blob.chunks.keys()].sort((x, y) => x - y).map((offset) => blob.chunks.get(offset) ?? new Uint8Array()) as BlobPart[];
  }

  fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const sha256 = url.searchParams.get('sha256') ?? '';
    if (url.pathname === BLOB_ROUTES.status) return json(this.status(sha256));
    if (url.pathname === BLOB_ROUTES.chunk) {
      if (this.cutAfter !== null && this.cutAfter-- <= 0) throw new TypeError('Failed to fetch');
      const query = blobChunkQuerySchema.parse(Object.fromEntries(url.searchParams));
      const bytes = new Uint8Array(await new Response(init?.body as Blob).arrayBuffer());
      const body = checkChunkBody(query, { length: bytes.length, sha256: sha256Bytes(bytes) });
      const held = this.blobs.get(query.sha256);
      const grid = checkChunkQuery(query, held === undefined ? null : { size: held.size, contentType: held.contentType as 'image/jpeg' });
      if (!body.ok || !grid.ok) return json({ error: { code: 'validation', message: 'bad chunk' } }, 400);
      const blob = held ?? { size: query.size, contentType: query.contentType, chunks: new Map(), complete: false };
      this.blobs.set(query.sha256, blob);
      const key = `${query.sha256}@${query.offset}`;
      this.receipts.set(key, (this.receipts.get(key) ?? 0) + 1);
      if (!blob.chunks.has(query.offset)) blob.chunks.set(query.offset, bytes);
      return json(this.status(query.sha256));
    }
    if (url.pathname === BLOB_ROUTES.finish) {
      const meta = JSON.parse(String(init?.body)) as { sha256: string };
      const blob = this.blobs.get(meta.sha256);
      if (blob === undefined) return json({ error: { code: 'not_found', message: 'none' } }, 404);
      if (!isBlobComplete(blob.size, this.status(meta.sha256).received)) return json({ error: { code: 'conflict', message: 'missing' } }, 409);
      const whole = new Uint8Array(await new Blob(this.ordered(blob)).arrayBuffer());
      if (!checkBlobHash(meta.sha256, sha256Bytes(whole)).ok) {
        this.blobs.delete(meta.sha256);
        return json({ error: { code: 'validation', message: 'hash', field: 'sha256' } }, 400);
      }
      blob.complete = true;
      return json(this.status(meta.sha256));
    }
    if (url.pathname === BLOB_ROUTES.download) {
      const blob = this.blobs.get(sha256);
      if (blob === undefined || !blob.complete) return json({ error: { code: 'not_found', message: 'none' } }, 404);
      return new Response(new Blob(this.ordered(blob), { type: blob.contentType }), { status: 200 });
    }
    return json({ error: { code: 'not_found', message: 'route' } }, 404);
  };
}

const tokens: TokenHolder = { accessToken: () => 'token', refresh: async () => ({ ok: true, data: null }) };

class AttachmentDb extends Dexie {
  declare attachments: AttachmentTable;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ attachments: 'sha256, state' });
  }
}

function randomFile(size: number, type = 'image/jpeg'): Blob {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536) crypto.getRandomValues(bytes.subarray(i, Math.min(size, i + 65_536)));
  return new Blob([bytes], { type });
}

let hq: FakeBlobHq;
let a: AttachmentDb;
let b: AttachmentDb;
const now = new Date('2026-11-21T02:00:00Z');

beforeEach(() => {
  hq = new FakeBlobHq();
  a = new AttachmentDb(`att-a-${Math.random()}`);
  b = new AttachmentDb(`att-b-${Math.random()}`);
});
afterEach(async () => {
  await a.delete();
  await b.delete();
});

describe('attachments on the desk', () => {
  it('hashes with WebCrypto exactly as node:crypto does', async () => {
    const file = randomFile(100_000);
    expect(await sha256Hex(file)).toBe(sha256Bytes(new Uint8Array(await file.arrayBuffer())));
  });

  it('keeps a file once under its hash, pending until HQ has confirmed the whole', async () => {
    const file = randomFile(5000);
    const first = await addAttachment(a.attachments, file, '现场照片1.jpg', now);
    const again = await addAttachment(a.attachments, file, 'copy.jpg', now);
    expect(first.ok && again.ok && first.data.sha256 === again.data.sha256).toBe(true);
    expect(await a.attachments.count()).toBe(1);
    expect((await a.attachments.toArray())[0]?.state).toBe('pending');
    expect((await addAttachment(a.attachments, new Blob(['x'], { type: 'text/html' }), 'page.html', now)).ok).toBe(false);
  });

  it('resumes a cut upload from what HQ holds, sends no chunk twice, and marks it uploaded only after finish', async () => {
    const client = createBlobClient({ baseUrl: 'http://hq.test', tokens, fetch: hq.fetch });
    const file = randomFile(BLOB_CHUNK_BYTES * 4 + 99);
    const added = await addAttachment(a.attachments, file, 'big.jpg', now);
    if (!added.ok) throw new Error(added.error.message);
    hq.cutAfter = 2;
    const cut = await uploadPending(a.attachments, client);
    expect(cut).toMatchObject({ uploaded: 0, error: { code: 'offline' } });
    expect((await a.attachments.get(added.data.sha256))?.state).toBe('pending');
    hq.cutAfter = null;
    const resumed = await uploadPending(a.attachments, client);
    expect(resumed).toEqual({ uploaded: 1, error: null });
    expect((await a.attachments.get(added.data.sha256))?.state).toBe('uploaded');
    expect([...hq.receipts.values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it('another desk opens the attachment from HQ, checked against its hash, and keeps it', async () => {
    const client = createBlobClient({ baseUrl: 'http://hq.test', tokens, fetch: hq.fetch });
    const file = randomFile(300_000, 'image/png');
    const added = await addAttachment(a.attachments, file, 'scan.png', now);
    if (!added.ok) throw new Error(added.error.message);
    await uploadPending(a.attachments, client);
    const opened = await openAttachment(b.attachments, client, added.data, now);
    expect(opened.ok).toBe(true);
    if (opened.ok) expect(await sha256Hex(opened.data)).toBe(added.data.sha256);
    expect((await b.attachments.get(added.data.sha256) as StoredAttachment).state).toBe('downloaded');
    // Bytes that do not match the hash are not kept.
    const stored = hq.blobs.get(added.data.sha256);
    stored?.chunks.set(0, new Uint8Array(300_000));
    await b.attachments.clear();
    expect((await openAttachment(b.attachments, client, added.data, now)).ok).toBe(false);
    expect(await b.attachments.count()).toBe(0);
  });
});
