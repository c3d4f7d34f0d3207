/**
 * Geometry of the day's bar charts, kept apart from React so it can be tested (as
 * inspections/site-use-chart.ts): horizontal bars for value by goods and by point (the
 * labels are long), columns for tickets per day. Zero gets no bar; the scale's top is a
 * "nice" number at or above the largest value, so bars of equal values are equal.
 */
export interface BarInput {
  key: string;
  label: string;
  value: number;
}

export interface Bar {
  key: string;
  label: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BarChart {
  width: number;
  height: number;
  /** Where the bars start (horizontal: x of the axis; columns: y of the baseline). */
  axis: number;
  max: number;
  ticks: { at: number; value: number }[];
  bars: Bar[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above `value` (1 for 0). */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export const HBAR = { width: 640, left: 180, right: 24, top: 8, bottom: 24, barHeight: 18, gap: 8 } as const;

/** Horizontal bars, one row per item in the given order; at most `limit` rows. */
export function horizontalBars(items: readonly BarInput[], limit = 12): BarChart {
  const shown = items.slice(0, limit);
  const max = niceMax(Math.max(0, ...shown.map((i) => i.value)));
  const plot = HBAR.width - HBAR.left - HBAR.right;
  const height = HBAR.top + shown.length * (HBAR.barHeight + HBAR.gap) + HBAR.bottom;
  const bars = shown.map((item, i) => ({
    ...item,
    x: HBAR.left,
    y: HBAR.top + i * (HBAR.barHeight + HBAR.gap),
    width: round((Math.max(0, item.value) * plot) / max),
    height: HBAR.barHeight,
  }));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ at: round(HBAR.left + f * plot), value: max * f }));
  return { width: HBAR.width, height, axis: HBAR.left, max, ticks, bars };
}

export const COLUMNS = { width: 640, height: 180, left: 48, right: 16, top: 10, bottom: 26 } as const;

/** Columns in the given order (days, oldest first), each in an equal slot. */
export function columnBars(items: readonly BarInput[]): BarChart {
  const max = niceMax(Math.max(0, ...items.map((i) => i.value)));
  const plotW = COLUMNS.width - COLUMNS.left - COLUMNS.right;
  const plotH = COLUMNS.height - COLUMNS.top - COLUMNS.bottom;
  const base = COLUMNS.top + plotH;
  const slot = items.length === 0 ? plotW : plotW / items.length;
  const bars = items.map((item, i) => {
    const h = round((Math.max(0, item.value) * plotH) / max);
    return { ...item, x: round(COLUMNS.left + slot * i + slot * 0.15), y: round(base - h), width: round(slot * 0.7), height: h };
  });
  const ticks = [0, 0.5, 1].map((f) => ({ at: round(base - f * plotH), value: max * f }));
  return { width: COLUMNS.width, height: COLUMNS.height, axis: base, max, ticks, bars };
}
