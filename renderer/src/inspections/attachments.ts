import type { Table } from 'dexie';
import {
  ATTACHMENT_CONTENT_TYPES,
  type AttachmentContentType,
  type AttachmentMeta,
  attachmentMetaSchema,
  type BlobStatus,
  chunkPlan,
  fail,
  MAX_BLOB_BYTES,
  ok,
  type Result,
  receivedPercent,
} from '../../../shared/index';
import { toResult } from '../sync/http';
import type { BlobClient } from './blob-client';

/**
 * Attachments on the desk: photos and scanned documents kept in IndexedDB as Blobs
 * under their SHA-256, taken offline and uploaded when HQ can be reached.
 *
 * Upload states: `pending` (taken here, not yet confirmed at HQ) → `uploaded` (HQ's
 * finish hashed the whole and found its name). `downloaded`: fetched from HQ for a
 * record another desk made, its bytes checked against the hash here before keeping.
 * An attachment is marked uploaded only after finish: a cut upload stays pending and
 * resumes from what HQ reports (chunkPlan), never from the start.
 */
export type AttachmentState = 'pending' | 'uploaded' | 'downloaded';

export interface StoredAttachment {
  sha256: string;
  blob: Blob;
  size: number;
  contentType: AttachmentContentType;
  fileName: string;
  state: AttachmentState;
  addedAt: string;
  /** The last failure of an upload (kept to show; the queue tries again at the next sync). */
  lastError: string | null;
}

/** The attachments table of the desk's database (Dexie v4: `sha256, state`). */
export type AttachmentTable = Table<StoredAttachment, string>;

/** SHA-256 in lower-case hex, by WebCrypto. Never inside a Dexie transaction: its promise is not Dexie's. */
export async function sha256Hex(data: Blob | ArrayBuffer): Promise<string> {
  const buffer = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The content type an officer's file is kept as, or why it is not taken. */
export function attachmentTypeOf(file: { type: string; name: string }): Result<AttachmentContentType> {
  const type = file.type.toLowerCase();
  if ((ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(type)) return ok(type as AttachmentContentType);
  const name = file.name.toLowerCase();
  if (name.endsWith('.jpg') || name.endsWith('.jpeg')) return ok('image/jpeg');
  if (name.endsWith('.png')) return ok('image/png');
  if (name.endsWith('.pdf')) return ok('application/pdf');
  return fail('validation', `只能附加照片（JPEG、PNG）或扫描件（PDF）：${file.name} / Only photos (JPEG, PNG) or scans (PDF): ${file.name}`, 'attachments');
}

/**
 * Keeps a file as an attachment: hashed first (outside any transaction), then stored
 * once under its hash. The same file added twice is one attachment.
 */
export async function addAttachment(table: AttachmentTable, file: Blob, fileName: string, now: Date): Promise<Result<AttachmentMeta>> {
  const type = attachmentTypeOf({ type: file.type, name: fileName });
  if (!type.ok) return type;
  if (file.size === 0 || file.size > MAX_BLOB_BYTES) {
    return fail('validation', `附件须为 1 字节至 ${MAX_BLOB_BYTES / 1024 / 1024} MB：${fileName} / An attachment is 1 byte to ${MAX_BLOB_BYTES / 1024 / 1024} MB`, 'attachments');
  }
  const sha256 = await sha256Hex(file);
  const meta = attachmentMetaSchema.safeParse({ sha256, size: file.size, contentType: type.data, fileName });
  if (!meta.success) return fail('validation', meta.error.issues[0]?.message ?? 'attachment', 'attachments');
  await table.db.transaction('rw', table, async () => {
    if ((await table.get(sha256)) !== undefined) return;
    await table.add({ ...meta.data, blob: file, state: 'pending', addedAt: now.toISOString(), lastError: null });
  });
  return ok(meta.data);
}

export interface UploadProgress {
  sha256: string;
  percent: number;
}

/**
 * One attachment to HQ: ask what HQ holds, send the missing chunks in order (each with
 * its own hash), then finish. Stops at the first failure; a later call resumes from
 * HQ's status, so chunks HQ already holds are never sent again.
 */
export async function uploadBlob(client: BlobClient, file: Blob, meta: AttachmentMeta, onProgress?: (progress: UploadProgress) => void): Promise<Result<BlobStatus>> {
  const status = await client.status(meta.sha256);
  if (!status.ok) return toResult(status);
  if (status.data.state === 'complete') return ok(status.data);
  const plan = chunkPlan(meta.size, status.data.received, status.data.chunkBytes);
  for (const chunk of plan) {
    const bytes = file.slice(chunk.offset, chunk.offset + chunk.length);
    const sent = await client.sendChunk(meta, chunk, bytes, await sha256Hex(bytes));
    if (!sent.ok) return toResult(sent);
    onProgress?.({ sha256: meta.sha256, percent: receivedPercent(meta.size, sent.data.received) });
  }
  const done = await client.finish(meta);
  if (!done.ok) return toResult(done);
  if (done.data.state !== 'complete') return fail('internal', 'HQ 未确认附件完整 / HQ did not confirm the attachment complete', 'sha256');
  return ok(done.data);
}

export interface UploadRun {
  uploaded: number;
  /** The first failure that stopped the run (offline, refused…), null when all went. */
  error: { code: string; message: string } | null;
}

const metaOf = (row: StoredAttachment): AttachmentMeta => ({ sha256: row.sha256, size: row.size, contentType: row.contentType, fileName: row.fileName });

/**
 * The upload queue: every pending attachment, oldest first, one at a time. Offline stops
 * the run (the next sync resumes); a refusal (a blob HQ discarded because its bytes did
 * not match) is noted on the row and the queue goes on with the next.
 */
export async function uploadPending(table: AttachmentTable, client: BlobClient, onProgress?: (progress: UploadProgress) => void): Promise<UploadRun> {
  const pending = (await table.where('state').equals('pending').toArray()).sort((a, b) => (a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : 0));
  let uploaded = 0;
  for (const row of pending) {
    const result = await uploadBlob(client, row.blob, metaOf(row), onProgress);
    if (result.ok) {
      await table.update(row.sha256, { state: 'uploaded', lastError: null });
      uploaded++;
      continue;
    }
    const error = { code: result.error.code, message: result.error.message };
    if (['offline', 'unauthorized', 'access_revoked', 'protocol_version', 'internal'].includes(result.error.code)) return { uploaded, error };
    await table.update(row.sha256, { lastError: result.error.message });
  }
  return { uploaded, error: null };
}

/**
 * An attachment's bytes for showing: from the desk when it holds them, else downloaded
 * from HQ, checked against the hash, and kept for next time.
 */
export async function openAttachment(table: AttachmentTable, client: BlobClient, meta: AttachmentMeta, now: Date): Promise<Result<Blob>> {
  const local = await table.get(meta.sha256);
  if (local !== undefined) return ok(local.blob);
  const got = await client.download(meta.sha256);
  if (!got.ok) return toResult(got);
  const sha256 = await sha256Hex(got.data);
  if (sha256 !== meta.sha256) {
    return fail('validation', '下载的附件与其 SHA-256 不符，未保存 / The downloaded attachment does not match its SHA-256: not kept', 'sha256');
  }
  const blob = got.data.type === meta.contentType ? got.data : new Blob([got.data], { type: meta.contentType });
  await table.put({ ...meta, blob, state: 'downloaded', addedAt: now.toISOString(), lastError: null });
  return ok(blob);
}
