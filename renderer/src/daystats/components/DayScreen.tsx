import { useLiveQuery } from 'dexie-react-hooks';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { addDays, isIsoDate } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { useT } from '../../i18n/use-t';
import { sessionSelectors } from '../../store/session/selectors';
import { useSessionStore } from '../../store/session/store';
import { useUiStore } from '../../store/ui/store';
import { deskDayStats } from '../day-queries';
import { DayReportView } from './DayReportView';

/**
 * 当日统计 (Alt+S): the port's day as this desk holds it, read live from Dexie through the
 * [tradeDate+declaredAt] index. The date field has the focus; PageUp / PageDown move a day.
 */
export function DayScreen({ db, today }: { db: DeskDb; today: string }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const portId = useSessionStore(sessionSelectors.officer)?.portId ?? '';
  const [date, setDate] = useState(today);
  const dateRef = useRef<HTMLInputElement>(null);
  useEffect(() => dateRef.current?.focus(), []);
  const stats = useLiveQuery(() => (isIsoDate(date) ? deskDayStats(db, portId, date) : undefined), [db, portId, date]);

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = event.key === 'PageUp' ? -1 : event.key === 'PageDown' ? 1 : 0;
    if (step === 0 || !isIsoDate(date)) return;
    event.preventDefault();
    setDate(addDays(date, step));
  };

  return (
    <section className="day-screen" aria-label={t('dayTitle')} data-testid="day-screen">
      <h2>{t('dayTitle')}</h2>
      <div className="day-range">
        <label>
          {t('dayDate')}{' '}
          <input ref={dateRef} type="date" value={date} onChange={(e) => setDate(e.target.value)} onKeyDown={onKey} data-testid="day-date" />
        </label>
        <span className="hint">{t('dayDateHint')}</span>
      </div>
      {stats === undefined ? <p>{t('dayLoading')}</p> : <DayReportView stats={stats} portId={portId} lang={lang} />}
    </section>
  );
}
