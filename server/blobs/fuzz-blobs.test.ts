import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_CHUNK_BYTES, BLOB_ROUTES, PROTOCOL_HEADER, PROTOCOL_VERSION, type Session } from '../../shared/index';
import { edgeProblems } from '../testing/edge-invariants';
import { type Harness, startHarness } from '../testing/hq-harness';
import { hostileContentType, hostileString, percentEncode } from '../testing/hostile';
import { sendRaw } from '../testing/raw-http';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { chunkPath, makeUpload, type Upload } from './blob-test-kit';

/**
 * Property-based fuzzing of the attachment routes: hostile queries, bodies, content
 * types, methods and tokens. Every case: never a 5xx, every refusal a JSON error with a
 * known code; a refusal writes nothing but, for a 403, its one refusal row; an accepted
 * chunk writes at most one blob row and one chunk row.
 */
const RUNS = Number(process.env.BORDERDESK_FUZZ_RUNS ?? 40);
const QUERY_NAMES = ['sha256', 'offset', 'length', 'chunkSha256', 'size', 'contentType', 'port'] as const;

describe.each(STORE_VARIANTS)('blob routes under fuzzing ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let officer: Session;
  let upload: Upload;

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    officer = await h.login('dx.officer1', 'desk-fuzzb-0001');
    upload = makeUpload(BLOB_CHUNK_BYTES + 333);
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  /** A good chunk path with some parameters replaced, dropped or repeated by hostile values. */
  const hostileQuery = fc
    .array(
      fc.record({
        name: fc.constantFrom(...QUERY_NAMES),
        how: fc.constantFrom('replace', 'drop', 'repeat'),
        value: fc.oneof(hostileString, fc.integer({ min: -5, max: BLOB_CHUNK_BYTES * 60 }).map(String), fc.constant('<the upload>')),
      }),
      { maxLength: 3 },
    )
    .map((changes) => {
      const params = new URLSearchParams(chunkPath(upload, 0, BLOB_CHUNK_BYTES).split('?')[1]);
      for (const change of changes) {
        if (change.how === 'drop') params.delete(change.name);
        else if (change.how === 'repeat') params.append(change.name, change.value === '<the upload>' ? upload.sha256 : change.value);
        else params.set(change.name, change.value === '<the upload>' ? upload.sha256 : change.value);
      }
      return params.toString();
    });

  const hostileBody = fc.oneof(
    fc.constant(undefined),
    fc.uint8Array({ maxLength: 64 }),
    fc.constant(new Uint8Array(BLOB_CHUNK_BYTES + 1)),
    fc.integer({ min: 0, max: 3 }).map((n) => upload.bytes.subarray(0, BLOB_CHUNK_BYTES - n)),
  );

  it('chunk: never a 5xx; refusals change nothing; an accepted chunk writes at most one blob and one chunk', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileQuery,
        hostileBody,
        fc.oneof(fc.constant('application/octet-stream'), hostileContentType),
        fc.constantFrom('POST', 'GET', 'PATCH', 'PUT', 'HEAD'),
        fc.boolean(),
        async (query, body, contentType, method, withToken) => {
          const before = await tableCounts(h.hq.db);
          const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
          if (contentType !== undefined) headers['content-type'] = contentType;
          if (withToken) headers.authorization = `Bearer ${officer.accessToken}`;
          const res = await sendRaw(h.url, { method, path: `${BLOB_ROUTES.chunk}?${query}`, headers, ...(body === undefined ? {} : { body }) });
          expect(edgeProblems(res, method)).toEqual([]);
          const changes = countChanges(before, await tableCounts(h.hq.db));
          if (res.status === 403) expect(changes).toEqual({ refused_requests: 1 });
          else if (res.status >= 400) expect(changes).toEqual({});
          else {
            expect(changes.blobs ?? 0).toBeLessThanOrEqual(1);
            expect(changes.blob_chunks ?? 0).toBeLessThanOrEqual(1);
            expect(Object.keys(changes).filter((t) => t !== 'blobs' && t !== 'blob_chunks')).toEqual([]);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('status, download and finish: never a 5xx whatever the query or body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(BLOB_ROUTES.status, BLOB_ROUTES.download, BLOB_ROUTES.finish),
        fc.oneof(hostileString.map((s) => `sha256=${percentEncode(s)}`), fc.constant(`sha256=${upload.sha256}`), hostileString.map((s) => `sha256=${upload.sha256}&port=${percentEncode(s)}`)),
        fc.oneof(
          fc.constant(undefined),
          hostileString,
          fc.record({ sha256: fc.oneof(hostileString, fc.constant(upload.sha256)), size: fc.oneof(fc.integer(), fc.constant(upload.bytes.length)), contentType: hostileString, fileName: hostileString }).map((o) => JSON.stringify(o)),
        ),
        async (path, query, body) => {
          const method = path === BLOB_ROUTES.finish ? 'POST' : 'GET';
          const before = await tableCounts(h.hq.db);
          const res = await sendRaw(h.url, {
            method,
            path: `${path}?${query}`,
            headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${officer.accessToken}`, 'content-type': 'application/json' },
            ...(body === undefined || method === 'GET' ? {} : { body }),
          });
          expect(edgeProblems(res, method)).toEqual([]);
          const changes = countChanges(before, await tableCounts(h.hq.db));
          if (res.status === 403) expect(changes).toEqual({ refused_requests: 1 });
          else if (method === 'GET') expect(changes).toEqual({});
        },
      ),
      { numRuns: RUNS },
    );
  });
});
