import { useT } from '../i18n/use-t';
import type { DayTiming, EntryTiming } from './two-step-queries';

/** An instant as CST wall time, YYYY-MM-DD HH:mm, whatever this computer's zone. */
const cst = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const CHART = { width: 640, height: 180, left: 40, bottom: 24, top: 10 };

/**
 * Time from declaration to release: per day as a chart (bars: released entries, the
 * darker part released the same day; the line: average minutes) and a table, then per
 * entry. Plain SVG: the numbers are few and the desk carries no chart library.
 */
export function TwoStepTiming({ days, entries }: { days: DayTiming[]; entries: EntryTiming[] }) {
  const t = useT();
  if (days.length === 0) return <p className="empty">{t('tsNoTiming')}</p>;
  const shown = days.slice(-31);
  const maxCount = Math.max(1, ...shown.map((d) => d.released));
  const maxMinutes = Math.max(1, ...shown.map((d) => d.averageMinutes));
  const plotWidth = CHART.width - CHART.left;
  const plotHeight = CHART.height - CHART.bottom - CHART.top;
  const slot = plotWidth / shown.length;
  const y = (value: number, max: number) => CHART.top + plotHeight - (value / max) * plotHeight;
  const line = shown.map((d, i) => `${CHART.left + slot * i + slot / 2},${y(d.averageMinutes, maxMinutes)}`).join(' ');
  return (
    <section className="two-step-timing" aria-label={t('tsViewTiming')}>
      <h3>{t('tsReleasedPerDay')}</h3>
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label={t('tsReleasedPerDay')} data-testid="ts-timing-chart">
        <line x1={CHART.left} y1={CHART.top + plotHeight} x2={CHART.width} y2={CHART.top + plotHeight} className="axis" />
        <text x={CHART.left - 4} y={CHART.top + 8} textAnchor="end" className="tick">
          {maxCount}
        </text>
        {shown.map((d, i) => {
          const x = CHART.left + slot * i + slot * 0.15;
          const w = slot * 0.7;
          return (
            <g key={d.day}>
              <rect x={x} y={y(d.released, maxCount)} width={w} height={CHART.top + plotHeight - y(d.released, maxCount)} className="bar">
                <title>{`${d.day}: ${t('tsReleased')} ${d.released}, ${t('tsSameDay')} ${d.sameDay}, ${t('tsAverage')} ${d.averageMinutes}`}</title>
              </rect>
              <rect x={x} y={y(d.sameDay, maxCount)} width={w} height={CHART.top + plotHeight - y(d.sameDay, maxCount)} className="bar same-day" />
              <text x={x + w / 2} y={CHART.height - 8} textAnchor="middle" className="tick">
                {d.day.slice(5)}
              </text>
            </g>
          );
        })}
        <polyline points={line} className="average" fill="none" />
      </svg>
      <table data-testid="ts-timing-days">
        <thead>
          <tr>
            <th>{t('tsDay')}</th>
            <th>{t('tsReleased')}</th>
            <th>{t('tsSameDay')}</th>
            <th>{t('tsAverage')}</th>
            <th>{t('tsLongest')}</th>
          </tr>
        </thead>
        <tbody>
          {[...days].reverse().map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td>{d.released}</td>
              <td>{d.sameDay}</td>
              <td>{d.averageMinutes}</td>
              <td>{d.longestMinutes}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-testid="ts-timing-entries">
        <thead>
          <tr>
            <th>{t('tsEntryNo')}</th>
            <th>{t('tsConsignee')}</th>
            <th>{t('tsDeclaredAt')}</th>
            <th>{t('tsReleasedAt')}</th>
            <th>{t('tsMinutes')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.slice(0, 200).map((e) => (
            <tr key={e.entry.id}>
              <td>{e.entry.entryNo ?? e.entry.billOfLadingNo}</td>
              <td>{e.entry.consignee.name}</td>
              <td>{cst(e.declaredAt)}</td>
              <td>{cst(e.releasedAt)}</td>
              <td>{e.minutes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
