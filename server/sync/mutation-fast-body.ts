import { declarationDraftSchema, goodsLineSchema, mutationSchema } from '../../shared/index';

/**
 * The audit body (shared/audit/chain.ts `auditBody`: canonical JSON of the mutation as
 * received, without `audit`) of a mutation that fastParseMutation ACCEPTED, written
 * straight from the known shape: every key is known, so the sorted key orders are fixed
 * and no object needs its keys listed and sorted again. Byte for byte what
 * `auditBody(raw)` returns (its test holds it to that on every input the shortcut takes);
 * for any other input, call `auditBody`.
 *
 * Why: the general canonical JSON took ~35 ms of a 2,000-mutation push, this ~8.
 */
const sortedKeys = (shape: object, leaveOut: readonly string[] = []) =>
  Object.keys(shape)
    .filter((key) => !leaveOut.includes(key))
    .sort()
    .map((key) => ({ key, label: `${JSON.stringify(key)}:` }));

const MUTATION = sortedKeys(mutationSchema.options[0].shape, ['audit']);
const DRAFT = sortedKeys(declarationDraftSchema.shape);
const LINE = sortedKeys(goodsLineSchema.shape);

/** A leaf the shortcut checked: a string, a finite number, a boolean or null. */
function leaf(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function objectText(record: Record<string, unknown>, keys: typeof DRAFT, nested?: (key: string, value: unknown) => string | null): string {
  let text = '{';
  for (const { key, label } of keys) {
    const value = record[key];
    if (value === undefined) continue;
    if (text.length > 1) text += ',';
    text += label;
    text += nested?.(key, value) ?? leaf(value);
  }
  return `${text}}`;
}

function linesText(lines: unknown): string {
  return `[${(lines as Record<string, unknown>[]).map((line) => objectText(line, LINE)).join(',')}]`;
}

const draftText = (draft: unknown) => objectText(draft as Record<string, unknown>, DRAFT, (key, value) => (key === 'lines' ? linesText(value) : null));

export function fastCreateBody(raw: unknown): string {
  return objectText(raw as Record<string, unknown>, MUTATION, (key, value) => (key === 'record' ? draftText(value) : null));
}
