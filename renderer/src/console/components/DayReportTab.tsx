import { useState } from 'react';
import { addDays, cstDateOf, isIsoDate } from '../../../../shared/index';
import { DayReportView } from '../../daystats/components/DayReportView';
import { fetchDayReport } from '../day-report-client';
import { useConsoleT } from '../i18n/use-console-t';
import { consoleSelectors } from '../store/selectors';
import { useConsoleStore } from '../store/store';
import { useLoad } from '../use-load';
import { Notice } from './Notice';

/** 日报: the port's day as HQ holds it (GET reports/day, HQ's amounts), the desk's tables and charts, CSV and XLSX export. */
export function DayReportTab({ portId }: { portId: string }) {
  const t = useConsoleT();
  const lang = useConsoleStore(consoleSelectors.lang);
  const [date, setDate] = useState(() => cstDateOf(Date.now()));
  const isDate = isIsoDate(date);
  const report = useLoad(isDate ? () => fetchDayReport(portId, date) : null, `day ${portId} ${date}`);
  return (
    <div className="day-report-tab" data-testid="console-day-report">
      <div className="day-range">
        <label>
          {t('dayDate')}{' '}
          <input
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            onKeyDown={(e) => {
              const step = e.key === 'PageUp' ? -1 : e.key === 'PageDown' ? 1 : 0;
              if (step === 0 || !isDate) return;
              e.preventDefault();
              setDate(addDays(date, step));
            }}
            data-testid="console-day-date"
          />
        </label>
        <button type="button" onClick={report.reload}>
          {t('dayReload')}
        </button>
      </div>
      <Notice error={report.error} />
      {report.isLoading && report.data === null && <p>{t('dayLoading')}</p>}
      {report.data !== null && <DayReportView stats={report.data} portId={report.data.portId} lang={lang} />}
    </div>
  );
}
