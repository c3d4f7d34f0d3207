import { createHash } from 'node:crypto';
import {
  type AttachmentContentType,
  BLOB_CHUNK_BYTES,
  type BlobChunkQuery,
  type BlobFinishRequest,
  type BlobStatus,
  checkBlobHash,
  checkChunkBody,
  checkChunkQuery,
  fail,
  isBlobComplete,
  mergeRanges,
  ok,
  type Result,
} from '../../shared/index';
import type { Db, Queryable } from '../db/db';

/**
 * Attachments at HQ: content-addressed blobs kept in the database as 1 MiB bytea chunks
 * (blobs, blob_chunks; why there and not a folder: docs/hq-storage.md "Attachments").
 * A blob is keyed by (port, SHA-256): the same photo sent twice to a port is stored once,
 * and port_id leads the key like every other table of port data.
 *
 * Each write is one transaction that locks the blob's row, so two uploads of one blob
 * (two desks, or a retry racing its original) take turns and never both open it.
 */

interface BlobRow {
  size: number;
  content_type: AttachmentContentType;
  state: 'partial' | 'complete';
}

const absent = (sha256: string): BlobStatus => ({ sha256, state: 'absent', size: null, received: [], chunkBytes: BLOB_CHUNK_BYTES });

async function lockBlob(tx: Queryable, portId: string, sha256: string): Promise<BlobRow | null> {
  const [row] = await tx.query<BlobRow>('SELECT size, content_type, state FROM blobs WHERE port_id = $1 AND sha256 = $2 FOR UPDATE', [portId, sha256]);
  return row ?? null;
}

async function statusOf(q: Queryable, portId: string, sha256: string, blob: BlobRow | null): Promise<BlobStatus> {
  if (blob === null) return absent(sha256);
  const chunks = await q.query<{ chunk_offset: number; length: number }>(
    'SELECT chunk_offset, length FROM blob_chunks WHERE port_id = $1 AND sha256 = $2 ORDER BY chunk_offset',
    [portId, sha256],
  );
  return {
    sha256,
    state: blob.state,
    size: blob.size,
    received: mergeRanges(chunks.map((c) => ({ start: c.chunk_offset, end: c.chunk_offset + c.length }))),
    chunkBytes: BLOB_CHUNK_BYTES,
  };
}

/** What HQ holds of a blob of the port: absent, partial (with the ranges received) or complete. */
export async function blobStatus(db: Db, portId: string, sha256: string): Promise<BlobStatus> {
  const [row] = await db.query<BlobRow>('SELECT size, content_type, state FROM blobs WHERE port_id = $1 AND sha256 = $2', [portId, sha256]);
  return statusOf(db, portId, sha256, row ?? null);
}

/** The chunk query against the upload HQ holds (grid, size, type), before the body is read. */
export async function checkChunkAgainstHq(db: Db, portId: string, query: BlobChunkQuery): Promise<Result<true>> {
  const [row] = await db.query<BlobRow>('SELECT size, content_type, state FROM blobs WHERE port_id = $1 AND sha256 = $2', [portId, query.sha256]);
  const checked = checkChunkQuery(query, row === undefined ? null : { size: row.size, contentType: row.content_type });
  return checked.ok ? ok(true) : checked;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * One chunk: checked against the grid and the upload's announced size and type, its
 * bytes against their own hash, then stored unless HQ holds that chunk already (a
 * resend only counts a receipt). A chunk of a complete blob changes nothing but its
 * receipt count.
 */
export async function receiveChunk(db: Db, portId: string, officerId: string, query: BlobChunkQuery, bytes: Buffer, now: Date): Promise<Result<BlobStatus>> {
  const body = checkChunkBody(query, { length: bytes.length, sha256: sha256Hex(bytes) });
  if (!body.ok) return body;
  // The grid alone first, so that a chunk off the grid never opens an upload.
  const onGrid = checkChunkQuery(query, null);
  if (!onGrid.ok) return onGrid;
  return db.transaction(async (tx) => {
    // The first chunk opens the upload; ON CONFLICT keeps the opener's size and type.
    await tx.query(
      `INSERT INTO blobs (port_id, sha256, size, content_type, state, opened_by, opened_at)
       VALUES ($1, $2, $3, $4, 'partial', $5, $6) ON CONFLICT (port_id, sha256) DO NOTHING`,
      [portId, query.sha256, query.size, query.contentType, officerId, now],
    );
    const blob = await lockBlob(tx, portId, query.sha256);
    if (blob === null) throw new Error('blob row missing right after its insert');
    const grid = checkChunkQuery(query, { size: blob.size, contentType: blob.content_type });
    if (!grid.ok) return grid;
    await tx.query(
      `INSERT INTO blob_chunks (port_id, sha256, chunk_offset, length, data, received_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (port_id, sha256, chunk_offset) DO UPDATE SET receipts = blob_chunks.receipts + 1`,
      [portId, query.sha256, query.offset, query.length, bytes, now],
    );
    return ok(await statusOf(tx, portId, query.sha256, blob));
  });
}

/** Reads a stored chunk as a Buffer: PGlite hands bytea back as a Uint8Array, node-postgres as a Buffer. */
function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

async function* chunksOf(q: Queryable, portId: string, sha256: string): AsyncGenerator<Buffer> {
  // One chunk a query: a 50 MiB blob is never whole in HQ's memory.
  const offsets = await q.query<{ chunk_offset: number }>('SELECT chunk_offset FROM blob_chunks WHERE port_id = $1 AND sha256 = $2 ORDER BY chunk_offset', [
    portId,
    sha256,
  ]);
  for (const { chunk_offset } of offsets) {
    const [row] = await q.query<{ data: Uint8Array }>('SELECT data FROM blob_chunks WHERE port_id = $1 AND sha256 = $2 AND chunk_offset = $3', [
      portId,
      sha256,
      chunk_offset,
    ]);
    if (row === undefined) throw new Error(`blob chunk ${chunk_offset} vanished`);
    yield asBuffer(row.data);
  }
}

/**
 * Finishing an upload: every byte received, the announced size and type the same, and
 * the whole hashing to the blob's name. A blob whose bytes do not hash to its name is
 * discarded (all its chunks: which one is wrong cannot be told) and must be sent again.
 * Finishing a complete blob again answers its status.
 */
export async function finishBlob(db: Db, portId: string, request: BlobFinishRequest, now: Date): Promise<Result<BlobStatus>> {
  const outcome = await db.transaction(async (tx): Promise<Result<BlobStatus> | { discard: Result<BlobStatus> }> => {
    const blob = await lockBlob(tx, portId, request.sha256);
    if (blob === null) return fail('not_found', 'HQ 尚未收到该附件的任何部分 / HQ holds no part of this blob: send its chunks first', 'sha256');
    if (blob.size !== request.size || blob.content_type !== request.contentType) {
      return fail(
        'validation',
        `该附件按 ${blob.size} 字节、${blob.content_type} 上传，完成请求为 ${request.size} 字节、${request.contentType} / the blob was uploaded as ${blob.size} bytes of ${blob.content_type}, not ${request.size} bytes of ${request.contentType}`,
        'size',
      );
    }
    const status = await statusOf(tx, portId, request.sha256, blob);
    if (blob.state === 'complete') return ok(status);
    if (!isBlobComplete(blob.size, status.received)) {
      return fail('conflict', '附件尚未传完，请先补传缺少的块 / Not every chunk has arrived: send the missing ones first', 'sha256');
    }
    const hash = createHash('sha256');
    for await (const chunk of chunksOf(tx, portId, request.sha256)) hash.update(chunk);
    const checked = checkBlobHash(request.sha256, hash.digest('hex'));
    if (!checked.ok) return { discard: checked };
    await tx.query("UPDATE blobs SET state = 'complete', completed_at = $3 WHERE port_id = $1 AND sha256 = $2", [portId, request.sha256, now]);
    return ok({ ...status, state: 'complete' });
  });
  if ('discard' in outcome) {
    await db.query("DELETE FROM blobs WHERE port_id = $1 AND sha256 = $2 AND state = 'partial'", [portId, request.sha256]);
    return outcome.discard;
  }
  return outcome;
}

export interface StoredBlob {
  size: number;
  contentType: AttachmentContentType;
  pieces: () => AsyncIterable<Buffer>;
}

/** A complete blob of the port, read chunk by chunk; null when absent or still partial. */
export async function openBlob(db: Db, portId: string, sha256: string): Promise<StoredBlob | null> {
  const [row] = await db.query<BlobRow>("SELECT size, content_type, state FROM blobs WHERE port_id = $1 AND sha256 = $2 AND state = 'complete'", [
    portId,
    sha256,
  ]);
  if (row === undefined) return null;
  return { size: row.size, contentType: row.content_type, pieces: () => chunksOf(db, portId, sha256) };
}

export interface ChunkReceipt {
  offset: number;
  length: number;
  /** How many times the chunk arrived: 1 unless it was sent again. */
  receipts: number;
}

/** Per chunk, how often it arrived (administrators; tests of resumed uploads). */
export async function chunkReceipts(db: Db, portId: string, sha256: string): Promise<ChunkReceipt[]> {
  const rows = await db.query<{ chunk_offset: number; length: number; receipts: number }>(
    'SELECT chunk_offset, length, receipts FROM blob_chunks WHERE port_id = $1 AND sha256 = $2 ORDER BY chunk_offset',
    [portId, sha256],
  );
  return rows.map((r) => ({ offset: r.chunk_offset, length: r.length, receipts: r.receipts }));
}
