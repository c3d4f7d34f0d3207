import { addDays, daysBetween, type SiteUseSeries } from '../../../shared/index';

/**
 * The site-use chart's geometry, kept apart from React so it can be tested: one line per
 * site and category (shared siteUseSeries), utilisation in percent over the days, and the
 * 100 % capacity line. Days without a row (the category not in use, no consignments) and
 * rows without a capacity leave a gap in the line rather than pretending 0 %.
 */
export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const CHART_BOX: ChartBox = { width: 720, height: 260, left: 48, right: 16, top: 16, bottom: 36 };

export interface ChartLine {
  key: string;
  label: { zh: string; en: string };
  /** SVG path data; one `M` per unbroken run of points. */
  d: string;
  points: { x: number; y: number; date: string; percent: number; isOver: boolean }[];
}

export interface ChartGeometry {
  box: ChartBox;
  /** The y-axis top in percent: at least 100, more when a day went over. */
  maxPercent: number;
  yTicks: { y: number; percent: number }[];
  xTicks: { x: number; date: string }[];
  capacityY: number;
  lines: ChartLine[];
}

const round = (n: number) => Math.round(n * 10) / 10;

export function chartGeometry(series: readonly SiteUseSeries[], from: string, to: string, box: ChartBox = CHART_BOX): ChartGeometry {
  const days = Math.max(1, daysBetween(from, to) + 1);
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  let highest = 0;
  for (const line of series) for (const p of line.points) highest = Math.max(highest, p.utilisationPercent ?? 0);
  const maxPercent = Math.max(100, Math.ceil(highest / 25) * 25);
  const xOf = (date: string) => round(box.left + (days === 1 ? plotW / 2 : (daysBetween(from, date) * plotW) / (days - 1)));
  const yOf = (percent: number) => round(box.top + plotH - (percent * plotH) / maxPercent);

  const lines: ChartLine[] = series.map((line) => {
    const byDate = new Map(line.points.map((p) => [p.date, p]));
    const points: ChartLine['points'] = [];
    const parts: string[] = [];
    let open = false;
    for (let d = 0; d < days; d++) {
      const date = addDays(from, d);
      const percent = byDate.get(date)?.utilisationPercent ?? null;
      if (percent === null) {
        open = false;
        continue;
      }
      const x = xOf(date);
      const y = yOf(percent);
      points.push({ x, y, date, percent, isOver: percent > 100 });
      parts.push(`${open ? 'L' : 'M'}${x},${y}`);
      open = true;
    }
    return { key: `${line.siteId} ${line.category}`, label: line.label, d: parts.join(' '), points };
  });

  const step = days <= 8 ? 1 : Math.ceil(days / 7);
  const xTicks: ChartGeometry['xTicks'] = [];
  for (let d = 0; d < days; d += step) xTicks.push({ x: xOf(addDays(from, d)), date: addDays(from, d) });
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ percent: Math.round(maxPercent * f), y: yOf(maxPercent * f) }));
  return { box, maxPercent, yTicks, xTicks, capacityY: yOf(100), lines };
}
