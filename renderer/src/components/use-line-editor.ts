import { useEffect, useRef, useState } from 'react';
import { emptyLine, isBlankLine, type LineInput } from '../declarations/entry-lines';
import type { LineField } from './GoodsLineRow';

/**
 * The goods lines being typed, and keyboard focus between their fields: Enter moves on,
 * Enter on the last price adds a line, removing a line focuses its neighbour.
 * `committed` holds the lines whose HS code the officer has finished typing: only those
 * show list problems, so "08" on its way to "0801" is not called "not on the list".
 */
export function useLineEditor() {
  const [lines, setLines] = useState<LineInput[]>(() => [emptyLine()]);
  const [committed, setCommitted] = useState<ReadonlySet<string>>(() => new Set());
  const fields = useRef(new Map<string, HTMLInputElement>());
  const focusAfterRender = useRef<string | null>(null);

  useEffect(() => {
    const id = focusAfterRender.current;
    if (id === null) return;
    focusAfterRender.current = null;
    fields.current.get(id)?.focus();
  });

  const focusField = (key: string | undefined, field: LineField) => {
    if (key !== undefined) fields.current.get(`${key}:${field}`)?.focus();
  };

  const commitCode = (key: string, isCommitted: boolean) =>
    setCommitted((current) => {
      if (current.has(key) === isCommitted) return current;
      const next = new Set(current);
      if (isCommitted) next.add(key);
      else next.delete(key);
      return next;
    });

  const addLine = () => {
    const line = emptyLine();
    setLines((current) => [...current, line]);
    focusAfterRender.current = `${line.key}:hs`;
  };

  const removeLine = (key: string) => {
    setLines((current) => {
      const index = current.findIndex((l) => l.key === key);
      const rest = current.filter((l) => l.key !== key);
      const kept = rest.length === 0 ? [emptyLine()] : rest;
      const target = kept[Math.min(Math.max(index - 1, 0), kept.length - 1)];
      if (target !== undefined) focusAfterRender.current = `${target.key}:hs`;
      return kept;
    });
  };

  /**
   * Fills a line from a pick (the resident's recent goods) and moves to its quantity:
   * the line `key` when given, else the first blank line, else a new one.
   */
  const fillLine = (key: string | null, patch: Omit<Partial<LineInput>, 'key'>) => {
    const target = key ?? lines.find(isBlankLine)?.key ?? null;
    if (target === null) {
      const line = { ...emptyLine(), ...patch };
      setLines((current) => [...current, line]);
      commitCode(line.key, true);
      focusAfterRender.current = `${line.key}:qty`;
      return;
    }
    setLines((current) => current.map((l) => (l.key === target ? { ...l, ...patch } : l)));
    commitCode(target, true);
    focusAfterRender.current = `${target}:qty`;
  };

  return {
    lines,
    committed,
    fillLine,
    focusField,
    addLine,
    removeLine,
    commitCode,
    commitAll: () => setCommitted(new Set(lines.map((l) => l.key))),
    updateLine(key: string, patch: Partial<LineInput>) {
      setLines((current) => current.map((l) => (l.key === key ? { ...l, ...patch } : l)));
      if (patch.hsCode !== undefined) commitCode(key, false);
    },
    lineDone(index: number, field: LineField) {
      const key = lines[index]?.key;
      if (field === 'hs') {
        if (key !== undefined) commitCode(key, true);
        focusField(key, 'qty');
      } else if (field === 'qty') focusField(key, 'price');
      else if (index === lines.length - 1) addLine();
      else focusField(lines[index + 1]?.key, 'hs');
    },
    register(key: string, field: LineField, element: HTMLInputElement | null) {
      const id = `${key}:${field}`;
      if (element === null) fields.current.delete(id);
      else fields.current.set(id, element);
    },
    reset() {
      setLines([emptyLine()]);
      setCommitted(new Set());
    },
    /** The lines of a draft, as typed (their codes count as finished). */
    restore(typedLines: readonly Omit<LineInput, 'key'>[]) {
      const restored = typedLines.length === 0 ? [emptyLine()] : typedLines.map((l) => ({ ...emptyLine(), ...l }));
      setLines(restored);
      setCommitted(new Set(restored.filter((l) => l.hsCode !== '').map((l) => l.key)));
    },
  };
}
