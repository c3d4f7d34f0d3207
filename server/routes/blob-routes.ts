import { BLOB_CHUNK_BYTES, BLOB_ROUTES, blobChunkQuerySchema, blobFinishRequestSchema, blobQuerySchema, fail, ok } from '../../shared/index';
import type { AuthService } from '../auth/auth-service';
import { blobStatus, checkChunkAgainstHq, finishBlob, openBlob, receiveChunk } from '../blobs/blob-store';
import { readRawBody } from '../blobs/raw-body';
import type { Db } from '../db/db';
import { readJsonBody } from '../http/json-body';
import { singleQuery } from '../http/query';
import { json, type Route } from '../http/router';
import { parseWith } from '../http/validate';
import type { Logger } from '../log';
import { checkProtocol } from './guards';
import { portAsked } from './scope';

/**
 * Attachments (shared/sync/blobs.ts BLOB_ROUTES): status, chunk, finish, download. An
 * attachment belongs to a port, like the inspection record that names it: officers of
 * the port read and write that port's blobs; an HQ administrator may read another
 * port's (`?port=`, as pull); anyone else naming another port is refused and logged.
 * Writes always go to the token's own port, so there is nothing to refuse there.
 * A blob of another port is simply not found in one's own: the store is per port, so a
 * hash tells nothing about what other ports hold.
 */
export interface BlobDeps {
  db: Db;
  auth: AuthService;
  logger: Logger;
  now: () => Date;
}

export function blobRoutes(deps: BlobDeps): Route[] {
  const { db, auth, logger, now } = deps;

  /** Protocol, token (with the officer's access as HQ holds it now), then the port read. */
  async function readerPort(req: Parameters<Route['handler']>[0]['req'], url: URL, route: string) {
    const protocol = checkProtocol(req);
    if (!protocol.ok) return protocol;
    const claims = await auth.authorize(req.headers.authorization);
    if (!claims.ok) return claims;
    const params = singleQuery(url);
    if (!params.ok) return params;
    const query = parseWith(blobQuerySchema, params.data);
    if (!query.ok) return query;
    const port = await portAsked(deps, claims.data, query.data.port, {
      route,
      message: `只能读取本口岸（${claims.data.port}）的附件 / Only your own port's attachments can be read`,
    });
    if (!port.ok) return port;
    return ok({ portId: port.data, sha256: query.data.sha256 });
  }

  return [
    {
      method: 'GET',
      path: BLOB_ROUTES.status,
      async handler({ req, url }) {
        const asked = await readerPort(req, url, 'blobs.status');
        if (!asked.ok) return asked;
        return ok(json(await blobStatus(db, asked.data.portId, asked.data.sha256)));
      },
    },
    {
      method: 'POST',
      path: BLOB_ROUTES.chunk,
      async handler({ req, url }) {
        const protocol = checkProtocol(req);
        if (!protocol.ok) return protocol;
        const claims = await auth.authorize(req.headers.authorization);
        if (!claims.ok) return claims;
        const params = singleQuery(url);
        if (!params.ok) return params;
        const query = parseWith(blobChunkQuerySchema, params.data);
        if (!query.ok) return query;
        // The query against what HQ holds before a byte of the body is read.
        const fits = await checkChunkAgainstHq(db, claims.data.port, query.data);
        if (!fits.ok) return fits;
        const bytes = await readRawBody(req, Math.min(query.data.length, BLOB_CHUNK_BYTES));
        if (!bytes.ok) return bytes;
        const status = await receiveChunk(db, claims.data.port, claims.data.sub, query.data, bytes.data, now());
        if (!status.ok) return status;
        if (status.data.state === 'partial' && status.data.received.length === 1 && status.data.received[0]?.end === status.data.size) {
          logger.log('info', 'blob.received', { portId: claims.data.port, sha256: query.data.sha256.slice(0, 12), size: query.data.size });
        }
        return ok(json(status.data));
      },
    },
    {
      method: 'POST',
      path: BLOB_ROUTES.finish,
      async handler({ req }) {
        const protocol = checkProtocol(req);
        if (!protocol.ok) return protocol;
        const claims = await auth.authorize(req.headers.authorization);
        if (!claims.ok) return claims;
        const body = await readJsonBody(req);
        if (!body.ok) return body;
        const request = parseWith(blobFinishRequestSchema, body.data);
        if (!request.ok) return request;
        const status = await finishBlob(db, claims.data.port, request.data, now());
        if (!status.ok && status.error.field === 'sha256' && status.error.code === 'validation') {
          logger.log('warn', 'blob.discarded', { portId: claims.data.port, officerId: claims.data.sub, sha256: request.data.sha256.slice(0, 12) });
        }
        return status.ok ? ok(json(status.data)) : status;
      },
    },
    {
      method: 'GET',
      path: BLOB_ROUTES.download,
      async handler({ req, url }) {
        const asked = await readerPort(req, url, 'blobs.download');
        if (!asked.ok) return asked;
        const blob = await openBlob(db, asked.data.portId, asked.data.sha256);
        if (blob === null) return fail('not_found', 'HQ 没有此附件（或尚未传完）/ HQ holds no complete blob of that hash', 'sha256');
        return ok({ kind: 'bytes', status: 200, contentType: blob.contentType, length: blob.size, pieces: blob.pieces });
      },
    },
  ];
}
