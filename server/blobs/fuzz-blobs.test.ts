import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_CHUNK_BYTES, BLOB_ROUTES, PROTOCOL_HEADER, PROTOCOL_VERSION, type Session } from '../../shared/index';
import { edgeProblems } from '../testing/edge-invariants';
import { type Harness, startHarness } from '../testing/hq-harness';
import { hostileContentType, hostileString, percentEncode } from '../testing/hostile';
import { sendRaw } from '../testing/raw-http';
import { changedTables, type StoreDigest, storeDigest } from '../testing/store-digest';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { chunkPath, makeUpload, type Upload } from './blob-test-kit';

/**
 * Property-based fuzzing of the attachment routes: hostile queries, bodies, content
 * types, methods and tokens. Every case: never a 5xx, every refusal a JSON error with a
 * known code; a refusal and a read leave the digest of every table as it was but, for a
 * 403, its one refusal row; an accepted chunk writes at most one blob row and one chunk
 * row, and nothing outside blobs and blob_chunks.
 */
const RUNS = Number(process.env.BORDERDESK_FUZZ_RUNS ?? 40);
const QUERY_NAMES = ['sha256', 'offset', 'length', 'chunkSha256', 'size', 'contentType', 'port'] as const;

describe.each(STORE_VARIANTS)('blob routes under fuzzing ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let officer: Session;
  let upload: Upload;
  /** The digest after the last case, reused as the next one's before (nothing else writes between cases): one digest a case, not two, as each reads every row. */
  let digest: StoreDigest | undefined;

  /** The counts and digest before a case, and a function that takes them after it (and keeps the digest for the next). */
  async function snapshot() {
    const [counts, before] = await Promise.all([tableCounts(h.hq.db), digest ?? storeDigest(h.hq.db)]);
    digest = undefined;
    return async () => {
      const [after, digestAfter] = await Promise.all([tableCounts(h.hq.db), storeDigest(h.hq.db)]);
      digest = digestAfter;
      return { changes: countChanges(counts, after), changed: changedTables(before, digestAfter) };
    };
  }

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
          const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
          if (contentType !== undefined) headers['content-type'] = contentType;
          if (withToken) headers.authorization = `Bearer ${officer.accessToken}`;
          const taken = await snapshot();
          const res = await sendRaw(h.url, { method, path: `${BLOB_ROUTES.chunk}?${query}`, headers, ...(body === undefined ? {} : { body }) });
          const label = `${method} ${query.slice(0, 200)} → ${res.status} ${res.text.slice(0, 300)}`;
          expect(edgeProblems(res, method), label).toEqual([]);
          const { changes, changed } = await taken();
          if (res.status === 403) {
            expect(changes, label).toEqual({ refused_requests: 1 });
            expect(changed, label).toEqual(['refused_requests']);
          } else if (res.status >= 400) expect(changed, label).toEqual([]);
          else {
            expect(changes.blobs ?? 0, label).toBeLessThanOrEqual(1);
            expect(changes.blob_chunks ?? 0, label).toBeLessThanOrEqual(1);
            // A chunk sent again counts a receipt in place: no other table changes.
            expect(changed.filter((t) => t !== 'blobs' && t !== 'blob_chunks'), label).toEqual([]);
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
          const taken = await snapshot();
          const res = await sendRaw(h.url, {
            method,
            path: `${path}?${query}`,
            headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${officer.accessToken}`, 'content-type': 'application/json' },
            ...(body === undefined || method === 'GET' ? {} : { body }),
          });
          const label = `${method} ${path}?${query.slice(0, 200)} → ${res.status} ${res.text.slice(0, 300)}`;
          expect(edgeProblems(res, method), label).toEqual([]);
          const { changes, changed } = await taken();
          if (res.status === 403) {
            expect(changes, label).toEqual({ refused_requests: 1 });
            expect(changed, label).toEqual(['refused_requests']);
          } else if (method === 'GET') expect(changed, label).toEqual([]);
          else if (res.status >= 400) {
            // A refused finish writes nothing but the discard of a blob whose bytes do not hash to its name (finishBlob): its rows go.
            const discarded = changes.blobs === -1 && (changes.blob_chunks ?? 0) <= 0;
            expect(changed.filter((t) => !discarded || (t !== 'blobs' && t !== 'blob_chunks')), label).toEqual([]);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
