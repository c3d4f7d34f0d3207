import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditBody, auditLinkSchema, declarationDraftSchema, goodsLineSchema, mutationSchema } from '../../shared/index';
import { declarationMutation } from '../testing/hq-harness';
import { fastCreateBody } from './mutation-fast-body';
import { FAST_KEY_COUNTS, fastParseMutation } from './mutation-fast-parse';

type Json = Record<string, unknown>;

const GROUP_DECLARATION_ID = '3c9e1f20-7a4b-4c1d-9e2f-5a6b7c8d9e0f';

/** A mutation with every field, the optional remarks and group declaration id included. */
function valid(): Json {
  const mutation = declarationMutation({ certificateNo: 'DX000001' });
  const second = { ...mutation.record.lines[0], name: '坚果 nuts', hsCode: '08013200', quantity: 2.5, grossKg: 0 };
  const record = {
    ...mutation.record,
    vehiclePlate: '桂P12345',
    carPool: true,
    lines: [...mutation.record.lines, second],
    remarks: '复查 ok',
    groupDeclarationId: GROUP_DECLARATION_ID,
  };
  return JSON.parse(JSON.stringify({ ...mutation, record }));
}

/**
 * Must never say yes where the schema says no, and must say what the schema says; and
 * where it says yes, the audit body written from the known shape (mutation-fast-body.ts)
 * is auditBody's, byte for byte.
 */
function agrees(input: unknown): boolean {
  const fast = fastParseMutation(input);
  const slow = mutationSchema.safeParse(input);
  if (fast === null) return true;
  expect(slow.success, JSON.stringify(input)).toBe(true);
  if (slow.success) {
    expect(fast).toStrictEqual(slow.data);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.data));
  }
  expect(fastCreateBody(input)).toBe(auditBody(input as object));
  return true;
}

/** Paths to every value of a mutation, e.g. ['record', 'lines', 0, 'name']. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((item, i) => paths(item, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) {
    return [prefix, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...prefix, key]))];
  }
  return [prefix];
}

function setAt(root: Json, path: (string | number)[], value: unknown, remove: boolean): Json {
  const copy: Json = structuredClone(root);
  if (path.length === 0) return copy;
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  const last = path[path.length - 1] as string | number;
  const parent = node as Record<string | number, unknown>;
  if (remove) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = value;
  return copy;
}

const nasty = fc.oneof(
  fc.constantFrom(
    '', ' ', ' 香蕉 ', '\u0000', 'a\u0000b', '\ud800', 'x\udc00', '😀', 'VN', 'vn', '0803', '08', '0', '12345678901',
    'DX-01', 'dx-01', 'DONGXING', 'PINGXIANG', 'd', '2026-02-29', '2024-02-29', '2026-13-01', '2026-11-21T09:12:44.120+08:00',
    '2026-11-21T09:12:44Z', '2026-11-21T09:12', '2026-11-21 09:12:44Z', '00000000-0000-0000-0000-000000000000',
    '6f1c0000-0000-4000-8000-000000000000', '6F1C0000-0000-4000-8000-000000000000', '6f1c0000-0000-0000-8000-000000000000',
    'x'.repeat(65), 'x'.repeat(101), 'declaration.create', 'declaration.update', 'desk-test-0001', 'bad id!',
  ),
  fc.constantFrom(0, -1, 1, 1.5, 2 ** 53, 1e14, 1e14 + 1, 1_000_000, 1_000_001, Number.MAX_SAFE_INTEGER, -0, 0.1),
  fc.constantFrom(null, true, false, [], {}, [{}], { a: 1 }, Array.from({ length: 51 }, () => ({}))),
  fc.string({ maxLength: 120 }),
  fc.integer({ min: 0, max: 120 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom(...[8, 9, 16, 17, 32, 33, 64, 65, 100, 101].map((n) => '9'.repeat(n))),
  fc.double(),
  fc.integer(),
);

describe('fastParseMutation', () => {
  it('takes a well-formed mutation exactly as the schema does (values and key order)', () => {
    const input = valid();
    expect(fastParseMutation(input)).not.toBeNull();
    agrees(input);
    // The input's key order does not leak into the output: the schema's order does.
    const reordered = Object.fromEntries(Object.entries(input).reverse());
    expect(fastParseMutation(reordered)).not.toBeNull();
    agrees(reordered);
  });

  it('takes a mutation without the optional remarks, and leaves it absent as the schema does', () => {
    const input = setAt(valid(), ['record', 'remarks'], undefined, true);
    const parsed = fastParseMutation(input);
    expect(parsed?.type).toBe('declaration.create');
    expect(parsed?.type === 'declaration.create' && Object.hasOwn(parsed.record, 'remarks')).toBe(false);
    agrees(input);
  });

  it("keeps a group member's groupDeclarationId, with or without remarks, and leaves it absent when not sent", () => {
    const withGroup = setAt(valid(), ['record', 'remarks'], undefined, true);
    const parsed = fastParseMutation(withGroup);
    expect(parsed?.type === 'declaration.create' ? parsed.record.groupDeclarationId : null).toBe(GROUP_DECLARATION_ID);
    agrees(withGroup);
    expect(fastCreateBody(withGroup)).toContain(`"groupDeclarationId":"${GROUP_DECLARATION_ID}"`);
    const both = fastParseMutation(valid());
    expect(both?.type === 'declaration.create' ? [both.record.remarks, both.record.groupDeclarationId] : null).toEqual(['复查 ok', GROUP_DECLARATION_ID]);
    const own = setAt(valid(), ['record', 'groupDeclarationId'], undefined, true);
    const ownParsed = fastParseMutation(own);
    expect(ownParsed?.type === 'declaration.create' && Object.hasOwn(ownParsed.record, 'groupDeclarationId')).toBe(false);
    agrees(own);
    // A malformed id, or a foreign key in its place: the schema decides.
    expect(fastParseMutation(setAt(valid(), ['record', 'groupDeclarationId'], 'not-a-uuid', false))).toBeNull();
    expect(fastParseMutation(setAt(setAt(valid(), ['record', 'groupDeclarationId'], 0, true), ['record', 'groupId'], GROUP_DECLARATION_ID, false))).toBeNull();
  });

  it('leaves the other mutation types to the schema', () => {
    const update = { ...valid(), type: 'declaration.update' };
    expect(fastParseMutation(update)).toBeNull();
    agrees(update);
  });

  it('leaves trimming to the schema: a name with spaces comes out trimmed, as from zod', () => {
    const input = setAt(valid(), ['record', 'lines', 0, 'name'], '  香蕉  ', false);
    agrees(input);
    const parsed = fastParseMutation(input);
    expect(parsed?.type === 'declaration.create' ? parsed.record.lines[0]?.name : null).toBe('香蕉');
  });

  it('is unsure about keys the schema would strip, and about anything that is not a plain mutation', () => {
    expect(fastParseMutation({ ...valid(), extra: 1 })).toBeNull();
    expect(fastParseMutation(setAt(valid(), ['record', 'extra'], 1, false))).toBeNull();
    expect(fastParseMutation(setAt(valid(), ['audit', 'extra'], 1, false))).toBeNull();
    // Without remarks but with another key instead: the schema strips it, the shortcut is unsure.
    expect(fastParseMutation(setAt(setAt(valid(), ['record', 'remarks'], 0, true), ['record', 'remark'], 'x', false))).toBeNull();
    // As many keys as the schema has, one of them foreign: the missing field is caught.
    const swapped = setAt(setAt(valid(), ['record', 'carPool'], 0, true), ['record', 'carpool'], false, false);
    expect(fastParseMutation(swapped)).toBeNull();
    const swappedLine = setAt(setAt(valid(), ['record', 'lines', 0, 'unit'], 0, true), ['record', 'lines', 0, 'Unit'], 'kg', false);
    expect(fastParseMutation(swappedLine)).toBeNull();
    for (const input of [null, 'x', 42, [], [valid()], {}]) {
      expect(fastParseMutation(input)).toBeNull();
      agrees(input);
    }
  });

  it('knows every key of the schema (a field added in shared/ must be added here too)', () => {
    const input = valid();
    expect(Object.keys(input.record as Json).sort()).toEqual(Object.keys(declarationDraftSchema.shape).sort());
    const line = ((input.record as Json).lines as Json[])[0] as Json;
    expect(Object.keys(line).sort()).toEqual(Object.keys(goodsLineSchema.shape).sort());
    expect(Object.keys(input.audit as Json).sort()).toEqual(Object.keys(auditLinkSchema.shape).sort());
    expect(FAST_KEY_COUNTS).toEqual({
      mutation: Object.keys(mutationSchema.options[0].shape).length,
      audit: Object.keys(auditLinkSchema.shape).length,
      draft: Object.keys(declarationDraftSchema.shape).length,
      line: Object.keys(goodsLineSchema.shape).length,
    });
    // The shortcut takes remarks and groupDeclarationId as the draft's only optional fields.
    const optional = Object.entries(declarationDraftSchema.shape).filter(([, schema]) => schema.safeParse(undefined).success);
    expect(optional.map(([key]) => key)).toEqual(['remarks', 'groupDeclarationId']);
  });

  it('repeats every whole-object rule of the schemas (today: only the storable-text rule of the mutation)', () => {
    // A refine added to an object schema in shared/ would be skipped by the shortcut:
    // this fails until the shortcut learns it.
    expect(mutationSchema.def.checks ?? []).toHaveLength(1);
    for (const schema of [mutationSchema.options[0], auditLinkSchema, declarationDraftSchema, goodsLineSchema]) {
      expect(schema.def.checks ?? []).toHaveLength(0);
    }
    expect(declarationDraftSchema.shape.lines.def.checks?.length).toBe(2);
  });

  it('never accepts what the schema refuses: every string of every length 0–130, every bound, at every field', () => {
    const base = valid();
    const strings = Array.from({ length: 131 }, (_, n) => ['x'.repeat(n), '9'.repeat(n), ` ${'y'.repeat(n)} `]).flat();
    const numbers = [-1, -0, 0, 0.5, 1, 2 ** 31, 1e6, 1e6 + 1, 1e6 + 0.5, 1e14, 1e14 + 1, 2 ** 53 - 1, 2 ** 53, Infinity];
    for (const path of paths(base)) {
      for (const value of [...strings, ...numbers, null, true]) agrees(setAt(base, path, value, false));
    }
  });

  it('never accepts what the schema refuses: any one value replaced or removed (property)', () => {
    const base = valid();
    const all = paths(base);
    fc.assert(
      fc.property(fc.constantFrom(...all), nasty, fc.boolean(), (path, value, remove) => agrees(setAt(base, path, value, remove))),
      { numRuns: 3000 },
    );
  });

  it('never accepts what the schema refuses: two values replaced at once (property)', () => {
    const base = valid();
    const all = paths(base);
    fc.assert(
      fc.property(fc.constantFrom(...all), nasty, fc.constantFrom(...all), nasty, (p1, v1, p2, v2) => {
        const once = setAt(base, p1, v1, false);
        try {
          return agrees(setAt(once, p2, v2, false));
        } catch (error) {
          // The second path no longer exists in the changed value: nothing to compare.
          if (error instanceof TypeError) return true;
          throw error;
        }
      }),
      { numRuns: 1500 },
    );
  });
});
