import type { z } from 'zod';
import {
  type AuditLink,
  auditLinkSchema,
  type DeclarationDraft,
  declarationDraftSchema,
  type GoodsLine,
  goodsLineSchema,
  isStorableText,
  type Mutation,
  mutationSchema,
} from '../../shared/index';

/**
 * A shortcut for the common case of `mutationSchema`: a well-formed declaration.create
 * mutation with its audit link, exactly as a desk sends it. Returns what `mutationSchema.parse` would return
 * (same values, same key order), or null when it is not sure — then the caller runs the
 * schema itself, which also words the error. It may say null to a valid mutation (a key
 * the schema would strip, say); it must never accept one the schema refuses: its test
 * holds it to that on thousands of altered mutations, and fails when a field or a
 * whole-object rule is added to the schemas without being added here.
 *
 * Why: zod took 15–35 ms of a 1,000-mutation push; this takes a few. Formatted strings
 * (uuids, instants, dates, codes) are checked with the patterns read from the schema's
 * own leaves (`shape.<field>`), or by the leaf itself, so those formats are written
 * once, in shared/; the plain bounds below (lengths, amounts) repeat the schema's, and so
 * does the storable-text rule.
 */

const D = declarationDraftSchema.shape;
const L = goodsLineSchema.shape;
const M = mutationSchema.options[0].shape;
const A = auditLinkSchema.shape;
/**
 * The fields read below; a field added to a schema makes such mutations unsure (and the
 * test fail). The draft's two optional fields (remarks, groupDeclarationId) are its
 * last: 18 keys without them.
 */
export const FAST_KEY_COUNTS = { mutation: 5, audit: 3, draft: 20, line: 9 } as const;
const DRAFT_OPTIONAL_KEYS = 2;
const { mutation: MUTATION_KEYS, audit: AUDIT_KEYS, draft: DRAFT_KEYS, line: LINE_KEYS } = FAST_KEY_COUNTS;

/** Not sure: let the schema decide. */
const unsure = new Error('unsure');

/** The object and its own key count, which must be `minKeys`…`maxKeys`. */
function object(value: unknown, minKeys: number, maxKeys = minKeys): { r: Record<string, unknown>; keys: number } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw unsure;
  const record = value as Record<string, unknown>;
  let count = 0;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) throw unsure;
    count++;
  }
  // With every expected key present (each field below reads its own), an equal count
  // means no extra key either.
  if (count < minKeys || count > maxKeys) throw unsure;
  return { r: record, keys: count };
}

/**
 * A field's value. `object` counted exactly as many own keys as the schema has, so a
 * missing key means an extra one: its undefined fails the field's check below (every
 * field is required, and none of their names is inherited from Object.prototype).
 */
function has(record: Record<string, unknown>, key: string): unknown {
  return record[key];
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** A pattern zod tests as is (no global or sticky flag, whose lastIndex would carry over). */
function plainPattern(value: unknown): RegExp | null {
  return value instanceof RegExp && !value.global && !value.sticky ? value : null;
}

/**
 * The check a formatted-string leaf of a schema makes, taken from the schema itself:
 * its format's pattern (uuid, ISO instant) or its one regex check; any other leaf is
 * asked through its own safeParse. Zod's own patterns, not copies of them.
 */
function formatCheck(schema: z.ZodType<string>): (value: string) => boolean {
  const def: unknown = schema.def;
  const checks = field(def, 'checks');
  const checkList = Array.isArray(checks) ? checks : [];
  if (field(def, 'type') === 'string') {
    const format = field(def, 'format');
    const own = plainPattern(field(schema._zod, 'pattern'));
    if ((format === 'uuid' || format === 'datetime') && checkList.length === 0 && own !== null) return (value) => own.test(value);
    if (format === undefined && checkList.length === 1) {
      const check = field(field(checkList[0], '_zod'), 'def');
      const pattern = plainPattern(field(check, 'pattern'));
      if (field(check, 'check') === 'string_format' && field(check, 'format') === 'regex' && pattern !== null) {
        return (value) => pattern.test(value);
      }
    }
  }
  // A refinement (the trade date's calendar check): a pure function of the text, and a
  // batch holds a handful of distinct dates, so its answers are remembered.
  const known = new Map<string, boolean>();
  return (value) => {
    let valid = known.get(value);
    if (valid === undefined) {
      valid = schema.safeParse(value).success;
      if (known.size >= 4096) known.clear();
      known.set(value, valid);
    }
    return valid;
  };
}

const FORMATS = new Map<z.ZodType<string>, (value: string) => boolean>();

/** A formatted string, checked as the schema's own leaf checks it. */
function formatted(schema: z.ZodType<string>, value: unknown): string {
  let check = FORMATS.get(schema);
  if (check === undefined) {
    check = formatCheck(schema);
    FORMATS.set(schema, check);
  }
  if (typeof value !== 'string' || !check(value)) throw unsure;
  return value;
}

function text(value: unknown, min: number, max: number): string {
  if (typeof value !== 'string' || value.length < min || value.length > max || !isStorableText(value)) throw unsure;
  return value;
}

function int(value: unknown, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) throw unsure;
  return value as number;
}

function real(value: unknown, min: number, max: number, minExclusive: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value > max) throw unsure;
  if (minExclusive ? value <= min : value < min) throw unsure;
  return value;
}

const FEN_MAX = 100_000_000_000_000;
const KG_MAX = 1_000_000;

function line(raw: unknown): GoodsLine {
  const { r } = object(raw, LINE_KEYS);
  const name = has(r, 'name');
  const trimmed = typeof name === 'string' ? name.trim() : name;
  return {
    hsCode: formatted(L.hsCode, has(r, 'hsCode')),
    name: text(trimmed, 1, 100),
    originCountry: formatted(L.originCountry, has(r, 'originCountry')),
    quantity: real(has(r, 'quantity'), 0, KG_MAX, true),
    unit: text(has(r, 'unit'), 1, 8),
    grossKg: real(has(r, 'grossKg'), 0, KG_MAX, false),
    netKg: real(has(r, 'netKg'), 0, KG_MAX, false),
    unitPriceFen: int(has(r, 'unitPriceFen'), 0, FEN_MAX),
    valueFen: int(has(r, 'valueFen'), 0, FEN_MAX),
  };
}

function draft(raw: unknown): DeclarationDraft {
  const { r, keys } = object(raw, DRAFT_KEYS - DRAFT_OPTIONAL_KEYS, DRAFT_KEYS);
  const plate = has(r, 'vehiclePlate');
  const carPool = has(r, 'carPool');
  const lines = has(r, 'lines');
  if (typeof carPool !== 'boolean' || !Array.isArray(lines) || lines.length < 1 || lines.length > 50) throw unsure;
  // Every required field is checked below, so the keys beyond them must be exactly the
  // optional fields present, or the draft is unsure (a foreign key stands in for one).
  const rawRemarks = has(r, 'remarks');
  const rawGroup = has(r, 'groupDeclarationId');
  if (keys !== DRAFT_KEYS - DRAFT_OPTIONAL_KEYS + (rawRemarks === undefined ? 0 : 1) + (rawGroup === undefined ? 0 : 1)) throw unsure;
  const remarks = rawRemarks === undefined ? undefined : text(rawRemarks, 0, 200);
  const groupDeclarationId = rawGroup === undefined ? undefined : formatted(D.groupDeclarationId.unwrap(), rawGroup);
  const parsed: DeclarationDraft = {
    id: formatted(D.id, has(r, 'id')),
    portId: formatted(D.portId, has(r, 'portId')),
    pointId: formatted(D.pointId, has(r, 'pointId')),
    residentId: formatted(D.residentId, has(r, 'residentId')),
    certificateNo: text(has(r, 'certificateNo'), 0, 32),
    residentName: text(has(r, 'residentName'), 0, 64),
    tradeDate: formatted(D.tradeDate, has(r, 'tradeDate')),
    declaredAt: formatted(D.declaredAt, has(r, 'declaredAt')),
    vehiclePlate: plate === null ? null : text(plate, 0, 16),
    carPool,
    lines: lines.map(line),
    totalFen: int(has(r, 'totalFen'), 0, FEN_MAX),
    exemptFen: int(has(r, 'exemptFen'), 0, FEN_MAX),
    taxableFen: int(has(r, 'taxableFen'), 0, FEN_MAX),
    policyVersion: int(has(r, 'policyVersion'), 1, Number.MAX_SAFE_INTEGER),
    goodsListVersion: int(has(r, 'goodsListVersion'), 1, Number.MAX_SAFE_INTEGER),
    officerId: formatted(D.officerId, has(r, 'officerId')),
    deviceId: formatted(D.deviceId, has(r, 'deviceId')),
  };
  // The schema's order: remarks, then groupDeclarationId, each absent (not undefined) when not sent.
  if (remarks !== undefined) parsed.remarks = remarks;
  if (groupDeclarationId !== undefined) parsed.groupDeclarationId = groupDeclarationId;
  return parsed;
}

function auditLink(raw: unknown): AuditLink {
  const { r } = object(raw, AUDIT_KEYS);
  return {
    n: int(has(r, 'n'), 1, Number.MAX_SAFE_INTEGER),
    prev: formatted(A.prev, has(r, 'prev')),
    hash: formatted(A.hash, has(r, 'hash')),
  };
}

/**
 * The other mutation types (declaration.update, conflict.resolve) are rarer and small:
 * the schema parses them.
 */
export function fastParseMutation(raw: unknown): Mutation | null {
  try {
    const { r } = object(raw, MUTATION_KEYS);
    if (has(r, 'type') !== 'declaration.create') return null;
    return {
      id: formatted(M.id, has(r, 'id')),
      deskTime: formatted(M.deskTime, has(r, 'deskTime')),
      audit: auditLink(has(r, 'audit')),
      type: 'declaration.create',
      record: draft(has(r, 'record')),
    };
  } catch (error) {
    if (error === unsure) return null;
    throw error;
  }
}
