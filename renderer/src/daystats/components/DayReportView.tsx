import { useMemo } from 'react';
import { type DayStats, formatFen } from '../../../../shared/index';
import { columnBars, horizontalBars } from '../day-chart';
import { dayCsvFile, downloadFile, dayXlsxFile } from '../day-export';
import { type DayLabel, type DayLang, dayLabel } from '../day-labels';
import { ColumnChart, HorizontalBarChart } from './DayCharts';
import './day-stats.css';

/**
 * The day at a port as tables and charts, with CSV and XLSX export: the same view on the
 * desk (当日统计, from Dexie) and in the console (日报, from HQ's report).
 */
export function DayReportView({ stats, portId, lang }: { stats: DayStats; portId: string; lang: DayLang }) {
  const l = (key: DayLabel, params?: Record<string, string | number>) => dayLabel(lang, key, params);
  const goodsChart = useMemo(
    () => horizontalBars(stats.byGoods.map((g) => ({ key: `${g.hsCode} ${g.name}`, label: `${g.hsCode} ${g.name}`, value: g.valueFen / 100 }))),
    [stats.byGoods],
  );
  const pointChart = useMemo(
    () => horizontalBars(stats.byPoint.map((p) => ({ key: p.pointId, label: `${p.pointId} ${lang === 'en' ? p.nameEn : p.name}`, value: p.totalFen / 100 }))),
    [stats.byPoint, lang],
  );
  const trendChart = useMemo(() => columnBars(stats.trend.map((t) => ({ key: t.date, label: t.date.slice(5), value: t.tickets }))), [stats.trend]);
  const yuan = (v: number) => formatFen(Math.round(v * 100));
  return (
    <div className="day-report" data-testid="day-report">
      <dl className="day-totals" data-testid="day-totals">
        <div>
          <dt>{l('tickets')}</dt>
          <dd data-testid="day-tickets">{stats.declarations}</dd>
        </div>
        <div>
          <dt>{l('residents')}</dt>
          <dd data-testid="day-residents">{stats.residents}</dd>
        </div>
        <div>
          <dt>{l('total')}</dt>
          <dd data-testid="day-total">{formatFen(stats.totalFen)}</dd>
        </div>
        <div>
          <dt>{l('exempt')}</dt>
          <dd>{formatFen(stats.exemptFen)}</dd>
        </div>
        <div>
          <dt>{l('taxable')}</dt>
          <dd>{formatFen(stats.taxableFen)}</dd>
        </div>
        <div>
          <dt>{l('flagged')}</dt>
          <dd data-testid="day-flagged">{stats.flagged}</dd>
        </div>
      </dl>
      {stats.declarations > 0 && (
        <p className="day-source" data-testid="day-source">
          {stats.hqAssessed === stats.declarations ? l('allAtHq') : l('hqAssessed', { n: stats.hqAssessed })}
        </p>
      )}
      <div className="day-export">
        <button type="button" data-testid="day-export-csv" onClick={() => downloadFile(dayCsvFile(stats, portId))}>
          {l('exportCsv')}
        </button>
        <button type="button" data-testid="day-export-xlsx" onClick={() => downloadFile(dayXlsxFile(stats, portId))}>
          {l('exportXlsx')}
        </button>
      </div>
      {stats.declarations === 0 && <p className="empty">{l('none')}</p>}
      <section aria-label={l('byGoods')}>
        <h3>{l('byGoods')}</h3>
        {stats.byGoods.length > 0 && <HorizontalBarChart chart={goodsChart} title={l('valueByGoodsChart')} format={yuan} testId="day-goods-chart" />}
        <table className="day-table" data-testid="day-goods-table">
          <thead>
            <tr>
              <th>{l('hsCode')}</th>
              <th>{l('goods')}</th>
              <th>{l('tickets')}</th>
              <th>{l('value')}</th>
              <th>{l('netKg')}</th>
              <th>{l('share')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.byGoods.map((g) => (
              <tr key={`${g.hsCode} ${g.name}`} data-testid="day-goods-row">
                <td>{g.hsCode}</td>
                <td>{g.name}</td>
                <td>{g.tickets}</td>
                <td>{formatFen(g.valueFen)}</td>
                <td>{g.netKg}</td>
                <td>{g.sharePercent}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-label={l('byPoint')}>
        <h3>{l('byPoint')}</h3>
        {stats.byPoint.length > 0 && <HorizontalBarChart chart={pointChart} title={l('valueByPointChart')} format={yuan} testId="day-point-chart" />}
        <table className="day-table" data-testid="day-point-table">
          <thead>
            <tr>
              <th>{l('point')}</th>
              <th>{l('tickets')}</th>
              <th>{l('residents')}</th>
              <th>{l('total')}</th>
              <th>{l('exempt')}</th>
              <th>{l('taxable')}</th>
              <th>{l('flagged')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.byPoint.map((p) => (
              <tr key={p.pointId} data-testid="day-point-row">
                <td>
                  {p.pointId} {lang === 'en' ? p.nameEn : p.name}
                </td>
                <td>{p.tickets}</td>
                <td>{p.residents}</td>
                <td>{formatFen(p.totalFen)}</td>
                <td>{formatFen(p.exemptFen)}</td>
                <td>{formatFen(p.taxableFen)}</td>
                <td>{p.flagged}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-label={l('trend')}>
        <h3>{l('trend')}</h3>
        <ColumnChart chart={trendChart} title={l('trend')} testId="day-trend-chart" />
      </section>
    </div>
  );
}
