import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { addDays, cstDateOf, SITE_CATEGORY_LABELS, type SiteUseRow, siteUseRows, siteUseSeries } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { useT } from '../../i18n/use-t';
import { type ChartGeometry, chartGeometry } from '../site-use-chart';
import { useLabel } from './use-desk-identity';

const COLOURS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7ea4', '#57606a'];

export function SiteUseChart({ geometry, title }: { geometry: ChartGeometry; title: string }) {
  const label = useLabel();
  const t = useT();
  const { box } = geometry;
  return (
    <figure className="in-chart">
      <svg viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-label={title} data-testid="in-site-use-chart">
        <title>{title}</title>
        {geometry.yTicks.map((tick) => (
          <g key={tick.percent}>
            <line x1={box.left} x2={box.width - box.right} y1={tick.y} y2={tick.y} className="grid" />
            <text x={box.left - 6} y={tick.y + 4} textAnchor="end">
              {tick.percent}%
            </text>
          </g>
        ))}
        {geometry.xTicks.map((tick) => (
          <text key={tick.date} x={tick.x} y={box.height - box.bottom + 18} textAnchor="middle">
            {tick.date.slice(5)}
          </text>
        ))}
        <line x1={box.left} x2={box.width - box.right} y1={geometry.capacityY} y2={geometry.capacityY} className="capacity">
          <title>{t('inCapacityLine')}</title>
        </line>
        {geometry.lines.map((line, i) => (
          <g key={line.key} style={{ color: COLOURS[i % COLOURS.length] }}>
            <path d={line.d} fill="none" stroke="currentColor" strokeWidth={2} />
            {line.points.map((p) => (
              <circle key={p.date} cx={p.x} cy={p.y} r={p.isOver ? 4.5 : 3} fill={p.isOver ? '#d1242f' : 'currentColor'}>
                <title>{`${label(line.label)} ${p.date}: ${p.percent}%`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="in-legend">
          {geometry.lines.map((line, i) => (
            <li key={line.key}>
              <span className="swatch" style={{ background: COLOURS[i % COLOURS.length] }} />
              {label(line.label)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

export function SiteUseTable({ rows }: { rows: readonly SiteUseRow[] }) {
  const t = useT();
  const label = useLabel();
  return (
    <table className="in-table" aria-label={t('inSiteUseTable')} data-testid="in-site-use-table">
      <thead>
        <tr>
          <th>{t('inDate')}</th>
          <th>{t('inSite')}</th>
          <th>{t('inCategory')}</th>
          <th>{t('inConsignments')}</th>
          <th>{t('inKg')}</th>
          <th>{t('inCapacity')}</th>
          <th>{t('inUtilisation')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={7}>{t('inNoSiteUse')}</td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={`${r.date} ${r.siteId} ${r.category}`} className={r.isOverCapacity ? 'over' : undefined} data-testid="in-site-use-row">
            <td>{r.date}</td>
            <td>{label(r.siteName)}</td>
            <td>{label(SITE_CATEGORY_LABELS[r.category])}</td>
            <td>{r.consignments}</td>
            <td>{r.kg}</td>
            <td>
              {r.consignmentsPerDay ?? '—'} / {r.kgPerDay ?? '—'}
            </td>
            <td>
              {r.utilisationPercent === null ? '—' : `${r.utilisationPercent}%`}
              {r.isOverCapacity && <strong> {t('inOver')}</strong>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 场地使用: consignments per site, category and day against capacity (shared siteUseRows), as a table and a chart. */
export function SiteUsePanel({ db }: { db: DeskDb }) {
  const t = useT();
  const today = cstDateOf(new Date());
  const [from, setFrom] = useState(() => addDays(today, -6));
  const [to, setTo] = useState(today);
  const sites = useLiveQuery(() => db.sites.toArray(), [db]) ?? [];
  const consignments = useLiveQuery(() => db.consignments.toArray(), [db]) ?? [];
  const rows = useMemo(() => siteUseRows(sites, consignments, from, to), [sites, consignments, from, to]);
  const geometry = useMemo(() => (rows.ok ? chartGeometry(siteUseSeries(rows.data), from, to) : null), [rows, from, to]);
  return (
    <section className="in-site-use">
      <div className="in-range">
        <label>
          {t('inFrom')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('inTo')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      {!rows.ok && (
        <p className="error" role="alert">
          {rows.error.message}
        </p>
      )}
      {geometry !== null && <SiteUseChart geometry={geometry} title={t('inSiteUseChart')} />}
      {rows.ok && <SiteUseTable rows={rows.data} />}
    </section>
  );
}
