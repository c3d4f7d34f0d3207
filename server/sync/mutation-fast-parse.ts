import type { z } from 'zod';
import {
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
 * mutation, exactly as a desk sends it. Returns what `mutationSchema.parse` would return
 * (same values, same key order), or null when it is not sure — then the caller runs the
 * schema itself, which also words the error. It may say null to a valid mutation (a key
 * the schema would strip, say); it must never accept one the schema refuses: its test
 * holds it to that on thousands of altered mutations, and fails when a field or a
 * whole-object rule is added to the schemas without being added here.
 *
 * Why: zod took 15–35 ms of a 1,000-mutation push; this takes a few. Formatted strings
 * (uuids, instants, dates, codes) are still checked by the schema's own leaf
 * (`shape.<field>`), so those formats are written once, in shared/; the plain bounds
 * below (lengths, amounts) repeat the schema's, and so does the storable-text rule.
 */

const D = declarationDraftSchema.shape;
const L = goodsLineSchema.shape;
const M = mutationSchema.options[0].shape;
/** The fields read below; a field added to a schema makes such mutations unsure (and the test fail). */
export const FAST_KEY_COUNTS = { mutation: 4, draft: 18, line: 9 } as const;
const { mutation: MUTATION_KEYS, draft: DRAFT_KEYS, line: LINE_KEYS } = FAST_KEY_COUNTS;

/** Not sure: let the schema decide. */
const unsure = new Error('unsure');

function object(value: unknown, keyCount: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw unsure;
  const record = value as Record<string, unknown>;
  let count = 0;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) throw unsure;
    count++;
  }
  // With every expected key present (each field below reads its own), an equal count
  // means no extra key either.
  if (count !== keyCount) throw unsure;
  return record;
}

function has(record: Record<string, unknown>, key: string): unknown {
  if (!Object.hasOwn(record, key)) throw unsure;
  return record[key];
}

/** A formatted string, checked by the schema's own leaf. */
function formatted<S extends z.ZodType<string>>(schema: S, value: unknown): string {
  if (typeof value !== 'string' || !schema.safeParse(value).success) throw unsure;
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
  const r = object(raw, LINE_KEYS);
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
  const r = object(raw, DRAFT_KEYS);
  const plate = has(r, 'vehiclePlate');
  const carPool = has(r, 'carPool');
  const lines = has(r, 'lines');
  if (typeof carPool !== 'boolean' || !Array.isArray(lines) || lines.length < 1 || lines.length > 50) throw unsure;
  return {
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
}

export function fastParseMutation(raw: unknown): Mutation | null {
  try {
    const r = object(raw, MUTATION_KEYS);
    if (has(r, 'type') !== 'declaration.create') return null;
    return {
      id: formatted(M.id, has(r, 'id')),
      type: 'declaration.create',
      deskTime: formatted(M.deskTime, has(r, 'deskTime')),
      record: draft(has(r, 'record')),
    };
  } catch (error) {
    if (error === unsure) return null;
    throw error;
  }
}
