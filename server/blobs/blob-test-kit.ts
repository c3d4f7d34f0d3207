import { createHash, randomBytes } from 'node:crypto';
import { BLOB_ROUTES } from '../../shared/index';

/** Helpers for the blob tests (plain code, no vitest): an upload of random bytes and its chunk paths. */
export const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface Upload {
  bytes: Buffer;
  sha256: string;
  contentType: 'image/jpeg' | 'image/png' | 'application/pdf';
}

export const makeUpload = (size: number, contentType: Upload['contentType'] = 'image/jpeg'): Upload => {
  const bytes = randomBytes(size);
  return { bytes, sha256: sha(bytes), contentType };
};

export function chunkPath(upload: Upload, offset: number, length: number, overrides: Record<string, string> = {}): string {
  const piece = upload.bytes.subarray(offset, offset + length);
  const query = new URLSearchParams({
    sha256: upload.sha256,
    offset: String(offset),
    length: String(length),
    chunkSha256: sha(piece),
    size: String(upload.bytes.length),
    contentType: upload.contentType,
    ...overrides,
  });
  return `${BLOB_ROUTES.chunk}?${query}`;
}

