import { describe, expect, it } from 'vitest';
import { assessmentBars, CHART } from './assessment-chart';

describe('assessment chart geometry', () => {
  it('draws sales, exempt and taxable on one scale, the largest at full width', () => {
    const bars = assessmentBars({ salesFen: 100_000, exemptFen: 80_000, taxableFen: 20_000 });
    const room = CHART.width - CHART.labelWidth;
    expect(bars.map((b) => [b.key, b.width])).toEqual([
      ['salesFen', room],
      ['exemptFen', Math.round(room * 0.8)],
      ['taxableFen', Math.round(room * 0.2)],
    ]);
    expect(bars[2]?.y).toBe(2 * (CHART.barHeight + CHART.gap));
  });

  it('draws nothing wide for an empty bundle instead of dividing by zero', () => {
    expect(assessmentBars({ salesFen: 0, exemptFen: 0, taxableFen: 0 }).map((b) => b.width)).toEqual([0, 0, 0]);
  });
});
