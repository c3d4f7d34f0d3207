import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Bytes } from '../audit/sha256';
import {
  ATTACHMENT_CONTENT_TYPES,
  attachmentMetaSchema,
  BLOB_CHUNK_BYTES,
  BLOB_ROUTES,
  type ByteRange,
  blobChunkQuerySchema,
  blobStatusSchema,
  byteRangeSchema,
  checkBlobHash,
  checkChunkBody,
  checkChunkQuery,
  chunkBounds,
  chunkPlan,
  isBlobComplete,
  isCovered,
  MAX_BLOB_BYTES,
  mergeRanges,
  missingRanges,
  receivedPercent,
} from './blobs';
import { ROUTES } from './protocol';

const HASH = 'a'.repeat(64);
const UNIVERSE = 200;

/** Ranges inside [0, UNIVERSE), some empty or reversed-free, overlapping or touching at random. */
const rangeArb: fc.Arbitrary<ByteRange> = fc
  .tuple(fc.nat(UNIVERSE), fc.nat(40))
  .map(([start, length]) => ({ start, end: Math.min(UNIVERSE, start + length) }));
const rangesArb = fc.array(rangeArb, { maxLength: 20 });

function bitmap(ranges: readonly ByteRange[], size = UNIVERSE): boolean[] {
  const bits = new Array<boolean>(size).fill(false);
  for (const range of ranges) for (let i = range.start; i < Math.min(range.end, size); i++) bits[i] = true;
  return bits;
}

describe('mergeRanges', () => {
  it('joins overlapping and touching ranges, sorted', () => {
    expect(mergeRanges([{ start: 10, end: 20 }, { start: 0, end: 5 }, { start: 5, end: 8 }, { start: 15, end: 30 }, { start: 40, end: 41 }])).toEqual([
      { start: 0, end: 8 },
      { start: 10, end: 30 },
      { start: 40, end: 41 },
    ]);
    expect(mergeRanges([])).toEqual([]);
    expect(mergeRanges([{ start: 3, end: 3 }])).toEqual([]);
  });

  it('covers exactly the bytes of its input, sorted, disjoint and never touching', () => {
    fc.assert(
      fc.property(rangesArb, (ranges) => {
        const merged = mergeRanges(ranges);
        expect(bitmap(merged)).toEqual(bitmap(ranges));
        for (const range of merged) expect(range.end).toBeGreaterThan(range.start);
        for (let i = 1; i < merged.length; i++) expect(merged[i]?.start).toBeGreaterThan(merged[i - 1]?.end ?? Number.POSITIVE_INFINITY);
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent, ignores order and never changes its input', () => {
    fc.assert(
      fc.property(rangesArb, (ranges) => {
        const copy = structuredClone(ranges);
        const merged = mergeRanges(ranges);
        expect(ranges).toEqual(copy);
        expect(mergeRanges(merged)).toEqual(merged);
        expect(mergeRanges([...ranges].reverse())).toEqual(merged);
      }),
      { numRuns: 500 },
    );
  });
});

describe('missingRanges and completeness', () => {
  it('is the complement of what was received within the blob', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: UNIVERSE }), rangesArb, (size, received) => {
        const missing = missingRanges(size, received);
        const have = bitmap(received, size);
        expect(bitmap(missing, size)).toEqual(have.map((bit) => !bit));
        expect(isBlobComplete(size, received)).toBe(have.every(Boolean));
        expect(missing.every((range) => range.end <= size)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('counts the received percentage within the blob only, rounded down', () => {
    expect(receivedPercent(200, [{ start: 0, end: 100 }, { start: 150, end: 400 }])).toBe(75);
    expect(receivedPercent(3, [{ start: 0, end: 2 }])).toBe(66);
    expect(receivedPercent(3, [{ start: 0, end: 3 }])).toBe(100);
  });

  it('isCovered looks across touching ranges', () => {
    expect(isCovered([{ start: 0, end: 5 }, { start: 5, end: 10 }], 3, 8)).toBe(true);
    expect(isCovered([{ start: 0, end: 5 }, { start: 6, end: 10 }], 3, 8)).toBe(false);
  });
});

describe('chunkPlan', () => {
  it('plans every chunk of a fresh upload, each full but the last', () => {
    expect(chunkPlan(25, [], 10)).toEqual([
      { offset: 0, length: 10 },
      { offset: 10, length: 10 },
      { offset: 20, length: 5 },
    ]);
    expect(chunkPlan(20, [], 10)).toEqual([
      { offset: 0, length: 10 },
      { offset: 10, length: 10 },
    ]);
    const twentyMb = 20 * 1024 * 1024;
    expect(chunkPlan(twentyMb, [])).toHaveLength(20);
    expect(chunkPlan(twentyMb, [{ start: 0, end: 10 * BLOB_CHUNK_BYTES }]).map((c) => c.offset / BLOB_CHUNK_BYTES)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('resends a chunk HQ holds only in part, whole', () => {
    expect(chunkPlan(30, [{ start: 0, end: 15 }], 10)).toEqual([
      { offset: 10, length: 10 },
      { offset: 20, length: 10 },
    ]);
    expect(chunkPlan(30, [{ start: 0, end: 10 }, { start: 12, end: 30 }], 10)).toEqual([{ offset: 10, length: 10 }]);
    expect(chunkPlan(30, [{ start: 0, end: 10 }, { start: 10, end: 20 }], 10)).toEqual([{ offset: 20, length: 10 }]);
  });

  it('never resends a chunk wholly received, and with what was received always covers every byte', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: UNIVERSE }), fc.integer({ min: 1, max: 40 }), rangesArb, (size, chunkBytes, received) => {
        const plan = chunkPlan(size, received, chunkBytes);
        for (const chunk of plan) {
          expect(chunk.offset % chunkBytes).toBe(0);
          expect(chunk).toEqual(chunkBounds(size, chunk.offset / chunkBytes, chunkBytes));
          expect(isCovered(received, chunk.offset, chunk.offset + chunk.length)).toBe(false);
        }
        for (let i = 1; i < plan.length; i++) expect(plan[i]?.offset).toBeGreaterThan(plan[i - 1]?.offset ?? Number.POSITIVE_INFINITY);
        const sent = plan.map((chunk) => ({ start: chunk.offset, end: chunk.offset + chunk.length }));
        expect(isBlobComplete(size, [...received, ...sent])).toBe(true);
        // Every chunk left out is wholly held.
        const planned = new Set(plan.map((chunk) => chunk.offset));
        for (let offset = 0; offset < size; offset += chunkBytes) {
          if (!planned.has(offset)) expect(isCovered(received, offset, Math.min(size, offset + chunkBytes))).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('an upload cut any number of times sends each chunk exactly once and ends complete', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 16, max: 700 }), fc.array(fc.nat(12), { maxLength: 8 }), (size, chunkBytes, cuts) => {
        let held: ByteRange[] = [];
        const sentOffsets: number[] = [];
        // Each session sends some chunks of the current plan, then the connection is cut.
        for (const sendBeforeCut of [...cuts, Number.POSITIVE_INFINITY]) {
          const plan = chunkPlan(size, held, chunkBytes);
          for (const chunk of plan.slice(0, sendBeforeCut)) {
            sentOffsets.push(chunk.offset);
            held = mergeRanges([...held, { start: chunk.offset, end: chunk.offset + chunk.length }]);
          }
        }
        expect(isBlobComplete(size, held)).toBe(true);
        expect(new Set(sentOffsets).size).toBe(sentOffsets.length);
        expect(sentOffsets).toHaveLength(Math.ceil(size / chunkBytes));
      }),
      { numRuns: 500 },
    );
  });
});

describe('chunk and blob checks', () => {
  const query = (change: Partial<Record<string, unknown>> = {}) =>
    blobChunkQuerySchema.parse({ sha256: HASH, offset: '0', length: '10', chunkSha256: 'b'.repeat(64), size: '25', contentType: 'image/jpeg', ...change });

  it('reads the chunk query from URL text', () => {
    expect(query()).toMatchObject({ offset: 0, length: 10, size: 25 });
    expect(blobChunkQuerySchema.safeParse({ ...query(), contentType: 'text/html' }).success).toBe(false);
    expect(blobChunkQuerySchema.safeParse({ ...query(), size: MAX_BLOB_BYTES + 1 }).success).toBe(false);
    expect(blobChunkQuerySchema.safeParse({ ...query(), chunkSha256: 'B'.repeat(64) }).success).toBe(false);
  });

  it('accepts a chunk exactly on the grid, the last one short', () => {
    expect(checkChunkQuery(query(), null, 10)).toEqual({ ok: true, data: { offset: 0, length: 10 } });
    expect(checkChunkQuery(query({ offset: 20, length: 5 }), { size: 25, contentType: 'image/jpeg' }, 10)).toEqual({ ok: true, data: { offset: 20, length: 5 } });
  });

  it('refuses chunks off the grid, of the wrong length, past the end, or disagreeing with the open upload', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ offset: 5 }, 'offset'],
      [{ offset: 30 }, 'offset'],
      [{ offset: 20, length: 10 }, 'length'],
      [{ length: 9 }, 'length'],
    ];
    for (const [change, field] of cases) {
      const result = checkChunkQuery(query(change), null, 10);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.field).toBe(field);
        expect(result.error.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
      }
    }
    const other = checkChunkQuery(query(), { size: 26, contentType: 'image/jpeg' }, 10);
    expect(other.ok || other.error.field).toBe('size');
    const otherType = checkChunkQuery(query(), { size: 25, contentType: 'application/pdf' }, 10);
    expect(otherType.ok).toBe(false);
  });

  it('checks the chunk body against its declared length and its own hash', () => {
    const bytes = new Uint8Array(10).map((_, i) => i * 7);
    const digest = sha256Bytes(bytes);
    const q = query({ chunkSha256: digest });
    expect(checkChunkBody(q, { length: 10, sha256: digest }).ok).toBe(true);
    const garbled = bytes.slice();
    garbled[3] = 0xff;
    const bad = checkChunkBody(q, { length: 10, sha256: sha256Bytes(garbled) });
    expect(bad.ok || bad.error).toMatchObject({ code: 'validation', field: 'chunkSha256' });
    const short = checkChunkBody(q, { length: 9, sha256: digest });
    expect(short.ok || short.error).toMatchObject({ code: 'bad_request', field: 'length' });
  });

  it('keeps a blob only when its whole hash is its name', () => {
    expect(checkBlobHash(HASH, HASH)).toEqual({ ok: true, data: HASH });
    const bad = checkBlobHash(HASH, 'c'.repeat(64));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('cccccccccccc');
  });
});

describe('blob schemas', () => {
  const meta = { sha256: HASH, size: 1234, contentType: 'image/png', fileName: '查验照片-1.png' };

  it('accepts photos and scanned documents up to the maximum size', () => {
    for (const contentType of ATTACHMENT_CONTENT_TYPES) expect(attachmentMetaSchema.safeParse({ ...meta, contentType }).success).toBe(true);
    expect(attachmentMetaSchema.safeParse({ ...meta, size: MAX_BLOB_BYTES }).success).toBe(true);
  });

  it('refuses other types, empty or oversized files, bad hashes and names that are paths', () => {
    const bad: Record<string, unknown>[] = [
      { contentType: 'text/html' },
      { contentType: 'image/svg+xml' },
      { size: 0 },
      { size: MAX_BLOB_BYTES + 1 },
      { size: 1.5 },
      { sha256: 'a'.repeat(63) },
      { sha256: 'g'.repeat(64) },
      { fileName: '../etc/passwd' },
      { fileName: 'a\\b.png' },
      { fileName: 'a\u0000.png' },
      { fileName: 'line\nbreak.png' },
      { fileName: '  ' },
      { fileName: '..' },
      { fileName: 'x'.repeat(201) },
    ];
    for (const change of bad) expect(attachmentMetaSchema.safeParse({ ...meta, ...change }).success, JSON.stringify(change)).toBe(false);
  });

  it('ranges end after they start; a status knows the size unless absent', () => {
    expect(byteRangeSchema.safeParse({ start: 5, end: 5 }).success).toBe(false);
    expect(byteRangeSchema.safeParse({ start: 0, end: 1 }).success).toBe(true);
    const status = { sha256: HASH, state: 'partial', size: 30, received: [{ start: 0, end: 10 }], chunkBytes: BLOB_CHUNK_BYTES };
    expect(blobStatusSchema.safeParse(status).success).toBe(true);
    expect(blobStatusSchema.safeParse({ ...status, state: 'absent' }).success).toBe(false);
    expect(blobStatusSchema.safeParse({ ...status, state: 'absent', size: null, received: [] }).success).toBe(true);
  });

  it('routes are their own, apart from the sync routes', () => {
    const syncPaths = new Set<string>(Object.values(ROUTES));
    for (const path of Object.values(BLOB_ROUTES)) {
      expect(syncPaths.has(path)).toBe(false);
      expect(path.startsWith('/api/v1/blobs/')).toBe(true);
    }
    expect(new Set(Object.values(BLOB_ROUTES)).size).toBe(Object.values(BLOB_ROUTES).length);
  });
});
