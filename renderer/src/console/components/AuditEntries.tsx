import { useEffect, useState } from 'react';
import type { AppError, AuditEntry } from '../../../../shared/index';
import { adminApi } from '../admin-client';
import { useConsoleT } from '../i18n/use-console-t';
import { Notice } from './Notice';
import { cstDateTime } from './time';

/** A desk's stored audit entries, a page at a time: who, what, both clocks, the link. */
export function AuditEntries(props: { portId: string; deviceId: string; officerNames: ReadonlyMap<string, string>; onClose: () => void }) {
  const t = useConsoleT();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [nextAfter, setNextAfter] = useState<number | null>(0);
  const [error, setError] = useState<AppError | null>(null);
  const [isBusy, setBusy] = useState(false);

  const more = async (after: number, isFirst: boolean) => {
    setBusy(true);
    const answer = await adminApi.auditEntries(props.portId, props.deviceId, after);
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setError(null);
    setEntries((shown) => (isFirst ? answer.data.entries : [...shown, ...answer.data.entries]));
    setNextAfter(answer.data.nextAfter);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again only when another desk is shown.
  useEffect(() => {
    void more(0, true);
  }, [props.portId, props.deviceId]);

  const title = t('entriesOf', { device: props.deviceId });
  return (
    <section className="form-card" aria-label={title}>
      <div className="card-head">
        <h2>{title}</h2>
        <button type="button" onClick={props.onClose}>
          {t('close')}
        </button>
      </div>
      <Notice error={error} />
      <table className="grid" aria-label={title}>
        <thead>
          <tr>
            <th>{t('entryN')}</th>
            <th>{t('entryType')}</th>
            <th>{t('officer')}</th>
            <th>{t('deskTime')}</th>
            <th>{t('hqTime')}</th>
            <th>{t('hash')}</th>
            <th>{t('prev')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.mutationId} data-testid="audit-entry-row">
              <td className="num">{entry.n}</td>
              <td>{entry.type ?? '—'}</td>
              <td title={entry.officerId}>{props.officerNames.get(entry.officerId) ?? entry.officerId.slice(0, 8)}</td>
              <td>{cstDateTime(entry.deskTime)}</td>
              <td>{cstDateTime(entry.hqTime)}</td>
              <td className="mono" title={entry.hash}>
                {entry.hash.slice(0, 12)}…
              </td>
              <td className="mono" title={entry.prev}>
                {entry.prev.slice(0, 12)}…
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {nextAfter !== null && entries.length > 0 && (
        <button type="button" onClick={() => void more(nextAfter, false)} disabled={isBusy}>
          {t('more')}
        </button>
      )}
    </section>
  );
}
