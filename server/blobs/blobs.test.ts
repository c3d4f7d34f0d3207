import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_CHUNK_BYTES, BLOB_ROUTES, type BlobStatus, blobStatusSchema, chunkBounds, chunkPlan, type Session } from '../../shared/index';
import { type Harness, startHarness } from '../testing/hq-harness';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { chunkReceipts } from './blob-store';
import { chunkPath, makeUpload, sha, type Upload } from './blob-test-kit';

describe.each(STORE_VARIANTS)('attachments as blobs ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let officer: Session;
  let otherOfficer: Session;
  let pxOfficer: Session;
  let admin: Session;

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    officer = await h.login('dx.officer1', 'desk-blob-0001');
    otherOfficer = await h.login('dx.officer2', 'desk-blob-0002');
    pxOfficer = await h.login('px.officer1', 'desk-blob-0003');
    admin = await h.login('hq.admin', 'console-0000000000000001');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  const sendChunk = (token: string, upload: Upload, offset: number, length: number, body?: Uint8Array, overrides?: Record<string, string>) =>
    h.request(chunkPath(upload, offset, length, overrides), {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(body ?? upload.bytes.subarray(offset, offset + length)),
    });
  const status = async (token: string, sha256: string, port?: string): Promise<BlobStatus> => {
    const res = await h.request(`${BLOB_ROUTES.status}?sha256=${sha256}${port === undefined ? '' : `&port=${port}`}`, { token });
    expect(res.status).toBe(200);
    return blobStatusSchema.parse(await res.json());
  };
  const finish = (token: string, upload: Upload, overrides: object = {}) =>
    h.request(BLOB_ROUTES.finish, {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sha256: upload.sha256, size: upload.bytes.length, contentType: upload.contentType, fileName: 'photo.jpg', ...overrides }),
    });
  const download = (token: string, sha256: string, port?: string) =>
    h.request(`${BLOB_ROUTES.download}?sha256=${sha256}${port === undefined ? '' : `&port=${port}`}`, { token });

  async function uploadWhole(token: string, upload: Upload): Promise<void> {
    const plan = chunkPlan(upload.bytes.length, (await status(token, upload.sha256)).received);
    for (const chunk of plan) expect((await sendChunk(token, upload, chunk.offset, chunk.length)).status).toBe(200);
    expect((await finish(token, upload)).status).toBe(200);
  }

  it('uploads in chunks, finishes against the whole hash, and another officer of the port downloads the same bytes', async () => {
    const upload = makeUpload(BLOB_CHUNK_BYTES * 2 + 12_345);
    expect(await status(officer.accessToken, upload.sha256)).toEqual({ sha256: upload.sha256, state: 'absent', size: null, received: [], chunkBytes: BLOB_CHUNK_BYTES });
    await uploadWhole(officer.accessToken, upload);
    const done = await status(otherOfficer.accessToken, upload.sha256);
    expect(done).toMatchObject({ state: 'complete', size: upload.bytes.length, received: [{ start: 0, end: upload.bytes.length }] });
    const res = await download(otherOfficer.accessToken, upload.sha256);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('content-disposition')).toBe('attachment');
    const got = Buffer.from(await res.arrayBuffer());
    expect(sha(got)).toBe(upload.sha256);
    expect(got.length).toBe(upload.bytes.length);
  });

  it('resumes a cut upload from what HQ holds: no chunk is received twice', async () => {
    const upload = makeUpload(BLOB_CHUNK_BYTES * 5 + 7);
    // The first three chunks arrive, then the connection is gone.
    for (let i = 0; i < 3; i++) {
      const chunk = chunkBounds(upload.bytes.length, i);
      await sendChunk(officer.accessToken, upload, chunk.offset, chunk.length);
    }
    const partial = await status(officer.accessToken, upload.sha256);
    expect(partial).toMatchObject({ state: 'partial', received: [{ start: 0, end: 3 * BLOB_CHUNK_BYTES }] });
    expect(chunkPlan(upload.bytes.length, partial.received).map((c) => c.offset)).toEqual([3, 4, 5].map((i) => i * BLOB_CHUNK_BYTES));
    expect((await finish(officer.accessToken, upload)).status).toBe(409);
    await uploadWhole(officer.accessToken, upload);
    const receipts = await chunkReceipts(h.hq.db, 'DONGXING', upload.sha256);
    expect(receipts.map((r) => r.receipts)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('stores a blob once however often it is sent, and counts a resent chunk', async () => {
    const upload = makeUpload(50_000, 'application/pdf');
    await uploadWhole(officer.accessToken, upload);
    const before = await tableCounts(h.hq.db);
    expect((await sendChunk(otherOfficer.accessToken, upload, 0, 50_000)).status).toBe(200);
    expect((await finish(otherOfficer.accessToken, upload)).status).toBe(200);
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({});
    expect((await chunkReceipts(h.hq.db, 'DONGXING', upload.sha256))[0]?.receipts).toBe(2);
  });

  it('refuses a chunk that does not match its own hash, and stores nothing', async () => {
    const upload = makeUpload(3000);
    const before = await tableCounts(h.hq.db);
    const garbled = Buffer.from(upload.bytes);
    garbled[10] = (garbled[10] ?? 0) ^ 0xff;
    const res = await sendChunk(officer.accessToken, upload, 0, 3000, garbled);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'validation', field: 'chunkSha256' } });
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({});
  });

  it('discards a blob whose bytes do not hash to its name', async () => {
    const real = makeUpload(4000);
    const liar = { ...real, sha256: sha(Buffer.from('something else')) };
    expect((await sendChunk(officer.accessToken, liar, 0, 4000)).status).toBe(200);
    const res = await finish(officer.accessToken, liar);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'validation', field: 'sha256' } });
    expect((await status(officer.accessToken, liar.sha256)).state).toBe('absent');
    expect((await download(officer.accessToken, liar.sha256)).status).toBe(404);
  });

  it('refuses chunks off the grid, of another size or type than the upload opened with, or too long', async () => {
    const upload = makeUpload(BLOB_CHUNK_BYTES + 10);
    expect((await sendChunk(officer.accessToken, upload, 5, 100)).status).toBe(400);
    expect((await sendChunk(officer.accessToken, upload, 0, 100)).status).toBe(400);
    expect((await sendChunk(officer.accessToken, upload, BLOB_CHUNK_BYTES, 10)).status).toBe(200);
    const otherSize = await sendChunk(officer.accessToken, upload, 0, BLOB_CHUNK_BYTES, undefined, { size: String(BLOB_CHUNK_BYTES * 2) });
    expect(await otherSize.json()).toMatchObject({ error: { code: 'validation', field: 'size' } });
    const otherType = await sendChunk(officer.accessToken, upload, 0, BLOB_CHUNK_BYTES, undefined, { contentType: 'image/png' });
    expect(otherType.status).toBe(400);
    const long = await sendChunk(officer.accessToken, upload, BLOB_CHUNK_BYTES, 10, Buffer.alloc(11));
    expect([400, 413]).toContain(long.status);
    const json = await h.request(chunkPath(upload, 0, BLOB_CHUNK_BYTES), {
      method: 'POST',
      token: officer.accessToken,
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array(upload.bytes.subarray(0, BLOB_CHUNK_BYTES)),
    });
    expect(json.status).toBe(415);
  });

  it('keeps ports apart: another port does not see the blob; reading another port is refused and logged, except for an administrator', async () => {
    const upload = makeUpload(2048, 'image/png');
    await uploadWhole(officer.accessToken, upload);
    expect((await status(pxOfficer.accessToken, upload.sha256)).state).toBe('absent');
    expect((await download(pxOfficer.accessToken, upload.sha256)).status).toBe(404);
    const before = await h.hq.db.query<{ n: number }>("SELECT count(*)::int4 AS n FROM refused_requests WHERE route = 'blobs.download'");
    const refused = await download(pxOfficer.accessToken, upload.sha256, 'DONGXING');
    expect(refused.status).toBe(403);
    const after = await h.hq.db.query<{ n: number }>("SELECT count(*)::int4 AS n FROM refused_requests WHERE route = 'blobs.download'");
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(1);
    const asAdmin = await download(admin.accessToken, upload.sha256, 'DONGXING');
    expect(asAdmin.status).toBe(200);
    expect(sha(Buffer.from(await asAdmin.arrayBuffer()))).toBe(upload.sha256);
  });

  it('answers 401 without a token and 426 without the protocol header', async () => {
    const upload = makeUpload(100);
    expect((await h.request(`${BLOB_ROUTES.status}?sha256=${upload.sha256}`)).status).toBe(401);
    expect((await h.request(`${BLOB_ROUTES.status}?sha256=${upload.sha256}`, { token: officer.accessToken, protocol: false })).status).toBe(426);
  });
});
