import type { CentralAssessment } from '../../../shared/index';

/**
 * Geometry of the assessment chart: three horizontal bars (sales, exempt, taxable) on one
 * scale, the longest the full width. Pure, so the figures can be checked without a DOM.
 */
export interface AssessmentBar {
  key: 'salesFen' | 'exemptFen' | 'taxableFen';
  fen: number;
  y: number;
  width: number;
}

export const CHART = { width: 320, barHeight: 18, gap: 8, labelWidth: 72 } as const;

export function assessmentBars(assessment: Pick<CentralAssessment, 'salesFen' | 'exemptFen' | 'taxableFen'>): AssessmentBar[] {
  const keys = ['salesFen', 'exemptFen', 'taxableFen'] as const;
  const max = Math.max(1, ...keys.map((k) => assessment[k]));
  const room = CHART.width - CHART.labelWidth;
  return keys.map((key, i) => ({ key, fen: assessment[key], y: i * (CHART.barHeight + CHART.gap), width: Math.round((assessment[key] / max) * room) }));
}
