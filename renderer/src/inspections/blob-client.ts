import {
  type AttachmentMeta,
  BLOB_ROUTES,
  type BlobStatus,
  blobStatusSchema,
  errorBodySchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type PlannedChunk,
} from '../../../shared/index';
import type { TokenHolder } from '../sync/hq-client';
import { callJson, type FetchFn, type HttpResult, jsonInit } from '../sync/http';

/**
 * HQ's attachment routes (shared/sync/blobs.ts BLOB_ROUTES) as the desk calls them:
 * bearer token and protocol header like the sync routes, one refresh and retry on 401.
 * Never throws: no HQ is `offline` (status 0), as for push and pull.
 */
export interface BlobClient {
  status(sha256: string): Promise<HttpResult<BlobStatus>>;
  /** One chunk's raw bytes with their own SHA-256. */
  sendChunk(meta: AttachmentMeta, chunk: PlannedChunk, bytes: Blob, chunkSha256: string): Promise<HttpResult<BlobStatus>>;
  finish(meta: AttachmentMeta): Promise<HttpResult<BlobStatus>>;
  /** The bytes HQ holds under the hash (not yet checked against it: the caller does). */
  download(sha256: string): Promise<HttpResult<Blob>>;
}

export interface BlobClientOptions {
  baseUrl: string;
  tokens: TokenHolder;
  fetch?: FetchFn;
}

const offline = <T>(): HttpResult<T> => ({ ok: false, error: { code: 'offline', message: 'HQ 无法连接 / HQ unreachable', status: 0 } });

export function createBlobClient(options: BlobClientOptions): BlobClient {
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const { baseUrl, tokens } = options;

  async function authed<T>(call: (headers: Record<string, string>) => Promise<HttpResult<T>>): Promise<HttpResult<T>> {
    const headers = (token: string) => ({ Authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });
    const token = tokens.accessToken();
    if (token !== null) {
      const first = await call(headers(token));
      if (first.ok || first.error.status !== 401) return first;
    }
    const refreshed = await tokens.refresh();
    if (!refreshed.ok) return refreshed;
    const fresh = tokens.accessToken();
    if (fresh === null) return { ok: false, error: { code: 'unauthorized', message: '请重新登录 / Sign in again', status: 401 } };
    return call(headers(fresh));
  }

  async function downloadOnce(url: string, headers: Record<string, string>): Promise<HttpResult<Blob>> {
    let response: Response;
    try {
      response = await fetchFn(url, { method: 'GET', headers });
    } catch {
      return offline();
    }
    if (!response.ok) {
      let body: unknown = null;
      try {
        body = JSON.parse(await response.text());
      } catch {
        body = null;
      }
      const parsed = errorBodySchema.safeParse(body);
      const error = parsed.success ? parsed.data.error : { code: 'internal' as const, message: `HQ 返回 ${response.status} / HQ answered ${response.status}` };
      return { ok: false, error: { ...error, status: response.status } };
    }
    try {
      return { ok: true, data: await response.blob() };
    } catch {
      return offline();
    }
  }

  return {
    status: (sha256) => authed((headers) => callJson(fetchFn, `${baseUrl}${BLOB_ROUTES.status}?sha256=${sha256}`, { method: 'GET', headers }, blobStatusSchema)),
    sendChunk(meta, chunk, bytes, chunkSha256) {
      const query = new URLSearchParams({
        sha256: meta.sha256,
        offset: String(chunk.offset),
        length: String(chunk.length),
        chunkSha256,
        size: String(meta.size),
        contentType: meta.contentType,
      });
      return authed((headers) =>
        callJson(
          fetchFn,
          `${baseUrl}${BLOB_ROUTES.chunk}?${query}`,
          { method: 'POST', headers: { ...headers, 'Content-Type': 'application/octet-stream' }, body: bytes },
          blobStatusSchema,
        ),
      );
    },
    finish: (meta) => authed((headers) => callJson(fetchFn, `${baseUrl}${BLOB_ROUTES.finish}`, jsonInit('POST', meta, headers), blobStatusSchema)),
    download: (sha256) => authed((headers) => downloadOnce(`${baseUrl}${BLOB_ROUTES.download}?sha256=${sha256}`, headers)),
  };
}
