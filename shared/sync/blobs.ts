import { z } from 'zod';
import { portIdSchema } from '../model/common';
import { fail, ok, type Result } from '../result';
import { isStorableText } from '../storable-text';

/**
 * Attachments (photos, scanned documents) travel as content-addressed blobs: a blob's
 * name is the SHA-256 of its bytes, so HQ stores it once however often it is sent, and
 * anyone can check what they received against its name.
 *
 * Upload: the desk asks what HQ already holds (status), sends the missing chunks (each
 * with its own hash, so a chunk garbled on the way is refused at once rather than
 * spoiling the whole file), then asks HQ to finish: HQ hashes the whole and keeps the
 * blob only when the hash is its name. A cut upload resumes from the status: chunks HQ
 * holds are never sent again (`chunkPlan`).
 *
 * Routes are fixed paths with the hash in the query, because HQ's router matches exact
 * paths (server/http/router.ts); the chunk's bytes are the raw request body, not JSON or
 * base64. These routes are not in `ROUTES` (protocol.ts) so that adding them changes no
 * existing contract.
 */

/** Chunk size: the grid every upload is cut on. Well under HQ's body limit (MAX_BODY_BYTES, 8 MiB). */
export const BLOB_CHUNK_BYTES = 1024 * 1024;
/** Largest attachment accepted: 50 MiB, a phone photo is 3–8 MB and a scanned document a few MB. */
export const MAX_BLOB_BYTES = 50 * 1024 * 1024;
/** Only photos and scanned documents: nothing a browser would run or render as a page. */
export const ATTACHMENT_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 须为64位小写十六进制数字 / SHA-256: 64 lower-case hex digits');

/** Path separators and control characters: a name with them could be taken for a path when saved. */
function isPlainFileName(name: string): boolean {
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '/' || char === '\\' || code < 0x20 || code === 0x7f) return false;
  }
  return isStorableText(name) && name !== '.' && name !== '..';
}

/** A file name as the officer chose it: shown and offered on download, never a path. */
export const attachmentFileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(isPlainFileName, '文件名不能含路径分隔符或控制字符 / file name: no path separators or control characters');

/** What a record says about one attachment; the bytes live in the blob store under `sha256`. */
export const attachmentMetaSchema = z.object({
  sha256: sha256HexSchema,
  size: z.int().min(1).max(MAX_BLOB_BYTES),
  contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
  fileName: attachmentFileNameSchema,
});
export type AttachmentMeta = z.infer<typeof attachmentMetaSchema>;

/** Bytes [start, end): start included, end excluded. */
export const byteRangeSchema = z
  .object({
    start: z.int().min(0).max(MAX_BLOB_BYTES),
    end: z.int().min(1).max(MAX_BLOB_BYTES),
  })
  .refine((range) => range.end > range.start, { message: '区间终点须大于起点 / range: end after start', path: ['end'] });
export type ByteRange = z.infer<typeof byteRangeSchema>;

// ── Routes and bodies ────────────────────────────────────────────────────────────────

export const BLOB_ROUTES = {
  /** GET ?sha256=…: what HQ holds of a blob (BlobStatus). */
  status: '/api/v1/blobs/status',
  /** POST ?sha256=…&offset=…&length=…&chunkSha256=…&size=…&contentType=…, body: the chunk's raw bytes. Answers BlobStatus. */
  chunk: '/api/v1/blobs/chunk',
  /** POST JSON BlobFinishRequest: HQ checks the whole hash and keeps the blob. Answers BlobStatus. */
  finish: '/api/v1/blobs/finish',
  /** GET ?sha256=…: the bytes, with the content type they were stored with. */
  download: '/api/v1/blobs/download',
} as const;

/** The query of status and download. `port`: another port's blob, for an HQ administrator only (as pull). */
export const blobQuerySchema = z.object({
  sha256: sha256HexSchema,
  port: portIdSchema.optional(),
});
export type BlobQuery = z.infer<typeof blobQuerySchema>;

export const BLOB_STATES = ['absent', 'partial', 'complete'] as const;

/**
 * What HQ holds of a blob. `received` is merged and sorted (`mergeRanges`); `chunkBytes`
 * is HQ's chunk grid, which the desk cuts on, so that a desk and HQ built with different
 * constants still agree on where chunks start.
 */
export const blobStatusSchema = z
  .object({
    sha256: sha256HexSchema,
    state: z.enum(BLOB_STATES),
    /** The size announced by the first chunk; null while absent. */
    size: z.int().min(1).max(MAX_BLOB_BYTES).nullable(),
    // At most one range per chunk of the finest grid allowed (1 KiB).
    received: z.array(byteRangeSchema).max(Math.ceil(MAX_BLOB_BYTES / 1024)),
    chunkBytes: z.int().min(1024).max(MAX_BLOB_BYTES),
  })
  .refine((status) => (status.state === 'absent') === (status.size === null), { message: '除 absent 外须有大小 / size: known unless absent', path: ['size'] });
export type BlobStatus = z.infer<typeof blobStatusSchema>;

/** The query of one chunk upload; the body holds `length` raw bytes. */
export const blobChunkQuerySchema = z.object({
  sha256: sha256HexSchema,
  offset: z.coerce.number().int().min(0).max(MAX_BLOB_BYTES),
  length: z.coerce.number().int().min(1).max(MAX_BLOB_BYTES),
  /** SHA-256 of this chunk's bytes alone. */
  chunkSha256: sha256HexSchema,
  /** The whole blob's size and type, so that the first chunk to arrive can open the upload. */
  size: z.coerce.number().int().min(1).max(MAX_BLOB_BYTES),
  contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
});
export type BlobChunkQuery = z.infer<typeof blobChunkQuerySchema>;

export const blobFinishRequestSchema = attachmentMetaSchema;
export type BlobFinishRequest = z.infer<typeof blobFinishRequestSchema>;

// ── Ranges and chunk plans ───────────────────────────────────────────────────────────

/**
 * Ranges sorted by start, overlapping or touching ones joined: [0,5) and [5,9) are
 * [0,9). The bytes covered are exactly those of the input. Empty ranges are dropped.
 */
export function mergeRanges(ranges: readonly ByteRange[]): ByteRange[] {
  const sorted = ranges.filter((range) => range.end > range.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: ByteRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ start: range.start, end: range.end });
  }
  return merged;
}

/** Whether [start, end) lies wholly inside the received ranges. */
export function isCovered(received: readonly ByteRange[], start: number, end: number): boolean {
  return mergeRanges(received).some((range) => range.start <= start && end <= range.end);
}

/** The bytes of [0, size) not in `received`, merged and sorted. */
export function missingRanges(size: number, received: readonly ByteRange[]): ByteRange[] {
  const missing: ByteRange[] = [];
  let at = 0;
  for (const range of mergeRanges(received)) {
    if (range.start >= size) break;
    if (range.start > at) missing.push({ start: at, end: range.start });
    at = Math.max(at, range.end);
  }
  if (at < size) missing.push({ start: at, end: size });
  return missing;
}

export function isBlobComplete(size: number, received: readonly ByteRange[]): boolean {
  return missingRanges(size, received).length === 0;
}

export interface PlannedChunk {
  offset: number;
  length: number;
}

/** The chunk grid of a blob: every chunk full but the last. */
export function chunkBounds(size: number, index: number, chunkBytes = BLOB_CHUNK_BYTES): PlannedChunk {
  const offset = index * chunkBytes;
  return { offset, length: Math.min(chunkBytes, size - offset) };
}

/**
 * The chunks still to send, in order, on the chunk grid. A chunk is left out only when
 * every one of its bytes is received, so a resume never sends a chunk HQ holds and never
 * leaves a byte unsent; a chunk HQ holds only part of (an older grid, a cut write) is
 * sent whole.
 */
export function chunkPlan(size: number, received: readonly ByteRange[], chunkBytes = BLOB_CHUNK_BYTES): PlannedChunk[] {
  const merged = mergeRanges(received);
  const plan: PlannedChunk[] = [];
  const count = Math.ceil(size / chunkBytes);
  let r = 0;
  for (let index = 0; index < count; index++) {
    const chunk = chunkBounds(size, index, chunkBytes);
    const end = chunk.offset + chunk.length;
    while (r < merged.length && (merged[r]?.end ?? 0) <= chunk.offset) r++;
    const range = merged[r];
    const isHeld = range !== undefined && range.start <= chunk.offset && end <= range.end;
    if (!isHeld) plan.push(chunk);
  }
  return plan;
}

/** How much of the blob HQ holds, 0–100, for a progress bar. */
export function receivedPercent(size: number, received: readonly ByteRange[]): number {
  if (size <= 0) return 100;
  const held = mergeRanges(received).reduce((sum, range) => sum + Math.max(0, Math.min(range.end, size) - range.start), 0);
  return Math.floor((held * 100) / size);
}

// ── Checks HQ (and the desk, before sending) makes ───────────────────────────────────

const refuse = <T>(zh: string, en: string, field: string): Result<T> => fail('validation', `${zh} / ${en}`, field);

/**
 * A chunk upload against the chunk grid and the blob's announced size: it must start on
 * the grid, be exactly the grid's chunk there, and match the size and type the upload
 * was opened with (`opened`, null for the first chunk HQ sees of this blob).
 */
export function checkChunkQuery(
  query: BlobChunkQuery,
  opened: { size: number; contentType: AttachmentContentType } | null,
  chunkBytes = BLOB_CHUNK_BYTES,
): Result<PlannedChunk> {
  if (opened !== null && (opened.size !== query.size || opened.contentType !== query.contentType)) {
    return refuse(
      `该附件已按 ${opened.size} 字节、${opened.contentType} 开始上传，本块声明 ${query.size} 字节、${query.contentType}`,
      `this blob's upload was opened as ${opened.size} bytes of ${opened.contentType}; this chunk says ${query.size} bytes of ${query.contentType}`,
      'size',
    );
  }
  if (query.offset % chunkBytes !== 0 || query.offset >= query.size) {
    return refuse(`块偏移 ${query.offset} 不在分块边界上或超出文件`, `chunk offset ${query.offset} is not on the ${chunkBytes}-byte grid or lies past the end`, 'offset');
  }
  const expected = chunkBounds(query.size, query.offset / chunkBytes, chunkBytes);
  if (query.length !== expected.length) {
    return refuse(`偏移 ${query.offset} 处的块应为 ${expected.length} 字节，而非 ${query.length}`, `the chunk at ${query.offset} must be ${expected.length} bytes, not ${query.length}`, 'length');
  }
  return ok(expected);
}

/**
 * The received body against the query: its length and its own hash. The caller hashes
 * the bytes (HQ with node:crypto, the desk with WebCrypto or audit/sha256.ts), so this
 * stays pure and fast.
 */
export function checkChunkBody(query: BlobChunkQuery, body: { length: number; sha256: string }): Result<PlannedChunk> {
  if (body.length !== query.length) {
    return fail('bad_request', `收到 ${body.length} 字节，声明 ${query.length} 字节 / received ${body.length} bytes, the query says ${query.length}`, 'length');
  }
  if (body.sha256 !== query.chunkSha256) {
    return refuse(`块内容与其 SHA-256 不符（传输中损坏？），请重传此块`, `the chunk does not match its SHA-256 (damaged on the way?): send it again`, 'chunkSha256');
  }
  return ok({ offset: query.offset, length: query.length });
}

/** The whole blob's hash against its name, at finish. */
export function checkBlobHash(sha256: string, actualSha256: string): Result<string> {
  if (actualSha256 === sha256) return ok(sha256);
  return refuse(
    `附件内容的 SHA-256 为 ${actualSha256.slice(0, 12)}…，与其名称 ${sha256.slice(0, 12)}… 不符：已丢弃，请重新上传`,
    `the blob hashes to ${actualSha256.slice(0, 12)}…, not its name ${sha256.slice(0, 12)}…: discarded, upload it again`,
    'sha256',
  );
}
