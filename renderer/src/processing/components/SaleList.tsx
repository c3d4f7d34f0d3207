import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useRef } from 'react';
import { formatFen } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { cstInputOf } from '../../inspections/inspection-forms';
import { useT } from '../../i18n/use-t';
import { RecordStatus } from './RecordStatus';
import { useRecordState } from './use-record-state';

const ROW_HEIGHT = 36;

/** Every sale this desk holds, newest first, virtualized (a busy point makes thousands), with HQ's flags and refusals. */
export function SaleList({ db }: { db: DeskDb }) {
  const t = useT();
  const state = useRecordState(db, ['processing_sale.create']);
  const rows =
    useLiveQuery(async () => {
      const [sales, firms] = await Promise.all([db.processingSales.toArray(), db.firms.toArray()]);
      const declarations = new Map((await db.declarations.bulkGet([...new Set(sales.map((s) => s.declarationId))])).flatMap((d) => (d === undefined ? [] : [[d.id, d] as const])));
      const firmNames = new Map(firms.map((f) => [f.id, f.name]));
      return sales
        .sort((a, b) => b.soldAt.localeCompare(a.soldAt))
        .map((sale) => {
          const declaration = declarations.get(sale.declarationId);
          const goods = sale.lines.map((l) => {
            const declared = declaration?.lines[l.declarationLine];
            return `${declared?.name ?? `#${l.declarationLine + 1}`} ${l.quantity} ${declared?.unit ?? ''}`;
          });
          return { sale, certificateNo: declaration?.certificateNo ?? '', goods: goods.join('，'), firm: firmNames.get(sale.firmId) ?? sale.firmId };
        });
    }, [db]) ?? [];
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: useCallback(() => scrollRef.current, []),
    estimateSize: useCallback(() => ROW_HEIGHT, []),
    overscan: 12,
  });
  return (
    <section className="pr-list" aria-label={t('prSales')}>
      <h3>{t('prSales')}</h3>
      <div className="pr-list-head">
        <span>{t('prSoldAt')}</span>
        <span>{t('prResident')}</span>
        <span>{t('prGoods')}</span>
        <span>{t('prFirm')}</span>
        <span>{t('prValue')}</span>
        <span>{t('prState')}</span>
      </div>
      {rows.length === 0 && <p>{t('prNoSales')}</p>}
      <div ref={scrollRef} className="pr-scroll" style={{ maxHeight: 320, overflow: 'auto' }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            const { sale } = row;
            return (
              <div
                key={sale.id}
                className={`pr-row${sale.flags.length > 0 ? ' flagged' : ''}`}
                data-testid="pr-sale-row"
                data-flagged={sale.flags.length > 0 ? 'true' : undefined}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, minHeight: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                ref={virtualizer.measureElement}
                data-index={item.index}
              >
                <span>{cstInputOf(new Date(sale.soldAt)).replace('T', ' ')}</span>
                <span>{row.certificateNo}</span>
                <span>{row.goods}</span>
                <span>{row.firm}</span>
                <span>{formatFen(sale.lines.reduce((s, l) => s + l.valueFen, 0))}</span>
                <RecordStatus id={sale.id} flags={sale.flags} hqReceivedAt={sale.hqReceivedAt} state={state} />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
