import { describe, expect, it } from 'vitest';
import { COLUMNS, columnBars, HBAR, horizontalBars, niceMax } from './day-chart';

describe('niceMax', () => {
  it.each([
    [0, 1],
    [-5, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [21, 25],
    [26, 50],
    [99, 100],
    [101, 200],
    [1_234_567, 2_000_000],
    [0.3, 0.5],
  ])('%d → %d', (value, nice) => {
    expect(niceMax(value)).toBe(nice);
  });
});

describe('horizontalBars', () => {
  const plot = HBAR.width - HBAR.left - HBAR.right;

  it('scales bars to the nice top, one row per item, in order', () => {
    const chart = horizontalBars([
      { key: 'a', label: '香蕉', value: 80 },
      { key: 'b', label: '火龙果', value: 40 },
      { key: 'c', label: '米', value: 0 },
    ]);
    expect(chart.max).toBe(100);
    expect(chart.bars.map((b) => b.key)).toEqual(['a', 'b', 'c']);
    expect(chart.bars[0]?.width).toBeCloseTo(plot * 0.8, 1);
    expect(chart.bars[1]?.width).toBeCloseTo(plot * 0.4, 1);
    expect(chart.bars[2]?.width).toBe(0);
    expect(chart.bars[1]?.y).toBe(HBAR.top + HBAR.barHeight + HBAR.gap);
    expect(chart.height).toBe(HBAR.top + 3 * (HBAR.barHeight + HBAR.gap) + HBAR.bottom);
    expect(chart.ticks.at(-1)).toEqual({ at: HBAR.left + plot, value: 100 });
  });

  it('keeps at most `limit` rows', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ key: String(i), label: String(i), value: 30 - i }));
    expect(horizontalBars(items, 5).bars).toHaveLength(5);
  });

  it('an empty chart has no bars and a scale of 1', () => {
    const chart = horizontalBars([]);
    expect(chart.bars).toEqual([]);
    expect(chart.max).toBe(1);
  });
});

describe('columnBars', () => {
  it('stands columns on the baseline in equal slots, the tallest reaching the top when the max is nice', () => {
    const chart = columnBars([
      { key: 'd1', label: '12-01', value: 0 },
      { key: 'd2', label: '12-02', value: 50 },
      { key: 'd3', label: '12-03', value: 100 },
      { key: 'd4', label: '12-04', value: 25 },
    ]);
    const plotH = COLUMNS.height - COLUMNS.top - COLUMNS.bottom;
    expect(chart.axis).toBe(COLUMNS.top + plotH);
    expect(chart.bars[0]?.height).toBe(0);
    expect(chart.bars[2]?.y).toBe(COLUMNS.top);
    expect(chart.bars[1]?.height).toBeCloseTo(plotH / 2, 1);
    for (const bar of chart.bars) expect(bar.y + bar.height).toBeCloseTo(chart.axis, 1);
    const [x0 = 0, x1 = 0, x2 = 0] = chart.bars.map((b) => b.x);
    expect(x1 - x0).toBeCloseTo(x2 - x1, 1);
  });
});
