import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { AUDIT_GENESIS, auditBody, auditHashOfText, nextAuditLink, type StoredAuditEntry, verifyAuditChain } from './chain';
import { sha256Hex } from './sha256';


describe('sha256Hex', () => {
  it('gives the standard answers', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
  // Agreement with node:crypto on any text is tested in server/audit/sha256-agreement.test.ts
  // (shared/ may not import Node).
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('is the same text whatever order the keys were written in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        return canonicalJson(record) === canonicalJson(reversed) && canonicalJson(JSON.parse(canonicalJson(record))) === canonicalJson(record);
      }),
    );
  });
});

function chainOf(changes: object[]): StoredAuditEntry[] {
  const entries: StoredAuditEntry[] = [];
  let head: { n: number; hash: string } | null = null;
  for (const change of changes) {
    const link = nextAuditLink(head, change);
    entries.push({ ...link, body: auditBody({ ...change, audit: link }) });
    head = link;
  }
  return entries;
}

describe('the audit chain', () => {
  const changes = Array.from({ length: 6 }, (_, i) => ({ id: `m${i}`, type: 'declaration.create', value: i }));

  it('starts at the genesis hash and links each entry to the one before', () => {
    const entries = chainOf(changes);
    expect(entries[0]?.prev).toBe(AUDIT_GENESIS);
    expect(entries[1]?.prev).toBe(entries[0]?.hash);
    expect(auditHashOfText(1, AUDIT_GENESIS, entries[0]?.body ?? '')).toBe(entries[0]?.hash);
  });

  it('verifies an intact chain in any order', () => {
    const verdict = verifyAuditChain([...chainOf(changes)].reverse());
    expect(verdict).toEqual({ checked: 6, head: { n: 6, hash: chainOf(changes)[5]?.hash }, problems: [] });
  });

  it('names the entry whose content changed', () => {
    const entries = chainOf(changes);
    entries[2] = { ...(entries[2] as StoredAuditEntry), body: entries[2]?.body.replace('"value":2', '"value":20') ?? '' };
    const verdict = verifyAuditChain(entries);
    expect(verdict.problems.map((p) => [p.n, p.kind])).toEqual([[3, 'hash_mismatch']]);
    expect(verdict.head.n).toBe(2);
  });

  it('names a removed entry (a gap) and a re-hashed replacement (the next link breaks)', () => {
    const removed = chainOf(changes).filter((e) => e.n !== 4);
    expect(verifyAuditChain(removed).problems.map((p) => [p.n, p.kind])).toEqual([[5, 'gap']]);
    const entries = chainOf(changes);
    const forged = { ...(entries[3] as StoredAuditEntry), body: '{"forged":true}' };
    forged.hash = auditHashOfText(forged.n, forged.prev, forged.body);
    entries[3] = forged;
    expect(verifyAuditChain(entries).problems.map((p) => [p.n, p.kind])).toEqual([[5, 'link_mismatch']]);
  });

  it('names two different entries with one number (a fork), and passes a harmless duplicate', () => {
    const entries = chainOf(changes);
    const other = chainOf([{ id: 'x' }])[0] as StoredAuditEntry;
    expect(verifyAuditChain([...entries, other]).problems.map((p) => [p.n, p.kind])).toEqual([[1, 'fork']]);
    expect(verifyAuditChain([...entries, entries[0] as StoredAuditEntry]).problems).toEqual([]);
  });

  it('never reports an intact chain, and always catches one changed body', () => {
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 12 }), fc.nat(), (bodies, pick) => {
        const entries = chainOf(bodies);
        if (verifyAuditChain(entries).problems.length > 0) return false;
        const at = pick % entries.length;
        const target = entries[at] as StoredAuditEntry;
        entries[at] = { ...target, body: `${target.body} ` };
        return verifyAuditChain(entries).problems.some((p) => p.n === at + 1 && p.kind === 'hash_mismatch');
      }),
    );
  });
});
