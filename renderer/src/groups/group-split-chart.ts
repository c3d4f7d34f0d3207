import type { MemberRow } from './group-plan';

/**
 * The split chart's geometry (kept apart from React so it can be tested): one horizontal
 * bar per member, the day's duty-free amount as its full width, cut into what the member
 * had used before, what this group declaration places on them, and what is still left.
 */
export interface BarBox {
  width: number;
  rowHeight: number;
  gap: number;
  labelWidth: number;
  top: number;
}

export const BAR_BOX: BarBox = { width: 560, rowHeight: 22, gap: 6, labelWidth: 120, top: 4 };

export interface MemberBar {
  residentId: string;
  y: number;
  used: { x: number; width: number };
  placed: { x: number; width: number };
  left: { x: number; width: number };
}

const round = (n: number) => Math.round(n * 10) / 10;

export function memberBars(rows: readonly MemberRow[], dailyExemptFen: number, box: BarBox = BAR_BOX): { bars: MemberBar[]; height: number } {
  const plot = box.width - box.labelWidth;
  const scale = (fen: number) => (dailyExemptFen <= 0 ? 0 : (Math.min(Math.max(fen, 0), dailyExemptFen) * plot) / dailyExemptFen);
  const bars = rows.map((row, index): MemberBar => {
    // An inactive member has no room: the whole bar reads as not available (used).
    const usedFen = dailyExemptFen - row.share.leftBeforeFen;
    const usedW = round(scale(usedFen));
    const placedW = round(scale(row.share.valueFen));
    const leftW = round(Math.max(0, plot - usedW - placedW));
    const x0 = box.labelWidth;
    return {
      residentId: row.residentId,
      y: box.top + index * (box.rowHeight + box.gap),
      used: { x: x0, width: usedW },
      placed: { x: round(x0 + usedW), width: placedW },
      left: { x: round(x0 + usedW + placedW), width: leftW },
    };
  });
  return { bars, height: box.top * 2 + rows.length * (box.rowHeight + box.gap) };
}
