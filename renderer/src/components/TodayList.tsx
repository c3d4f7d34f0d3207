import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef } from 'react';
import { formatFen } from '../../../shared/index';
import type { DeclarationState, TodayRow } from '../declarations/desk-queries';
import { cstTimeOf } from '../declarations/format';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/use-t';
import { useUiStore } from '../store/ui/store';

const ROW_HEIGHT = 34;
const EMPTY: TodayRow[] = [];

const STATE_LABEL: Record<DeclarationState, MessageKey> = {
  pending: 'statePending',
  synced: 'stateSynced',
  flagged: 'stateFlagged',
  rejected: 'stateRejected',
};

/**
 * Today's declarations at the port, newest first. Virtualized: only the rows in view
 * (plus a few) are in the DOM, so 10,000 rows scroll like 20.
 */
export function TodayList({ rows }: { rows: TodayRow[] | undefined }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const scrollRef = useRef<HTMLDivElement>(null);
  const list = rows ?? EMPTY;
  // Stable callbacks: a new getItemKey makes the virtualizer re-measure all 10,000 rows.
  const getItemKey = useCallback((index: number) => list[index]?.declaration.id ?? index, [list]);
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: useCallback(() => scrollRef.current, []),
    estimateSize: useCallback(() => ROW_HEIGHT, []),
    overscan: 12,
    getItemKey,
  });

  const note = (row: TodayRow): string => {
    if (row.rejection !== null) return `${row.rejection.code}: ${row.rejection.message}`;
    return row.declaration.flags.map((f) => (lang === 'en' ? f.messageEn : f.message)).join('；');
  };

  return (
    <section className="today" aria-label={t('today')}>
      <h2>
        {t('today')} <small>{t('countRows', { n: list.length })}</small>
      </h2>
      <div ref={scrollRef} className="today-scroll">
        <table className="today-table" aria-label={t('today')} aria-rowcount={list.length + 1}>
          <thead>
            <tr className="today-row head" aria-rowindex={1}>
              <th scope="col">{t('time')}</th>
              <th scope="col">{t('certificateNo')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col" className="num">
                {t('total')}
              </th>
              <th scope="col" className="num">
                {t('exempt')}
              </th>
              <th scope="col" className="num">
                {t('taxable')}
              </th>
              <th scope="col">{t('state')}</th>
            </tr>
          </thead>
          <tbody style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = list[item.index];
              if (row === undefined) return null;
              const d = row.declaration;
              const text = note(row);
              return (
                <tr
                  key={item.key}
                  aria-rowindex={item.index + 2}
                  className={`today-row ${row.state}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <td>{cstTimeOf(d.declaredAt)}</td>
                  <td>{d.certificateNo}</td>
                  <td>{d.residentName}</td>
                  <td className="num">{formatFen(d.totalFen)}</td>
                  <td className="num">{formatFen(d.hqExemptFen ?? d.exemptFen)}</td>
                  <td className="num">{formatFen(d.hqTaxableFen ?? d.taxableFen)}</td>
                  <td className="state" title={text}>
                    <span className={`chip ${row.state}`}>{t(STATE_LABEL[row.state])}</span>
                    {text !== '' && <span className="note">{text}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {list.length === 0 && <p className="empty">{t('noDeclarations')}</p>}
      </div>
    </section>
  );
}
