import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { formatFen } from '../../../shared/index';
import { type ConflictChoice, canResolveConflicts, resolveConflict } from '../conflicts/resolve-conflict';
import { reviewQueue } from '../conflicts/review-queries';
import type { DeskDb } from '../db/desk-db';
import { syncSoon } from '../desk/desk-runtime';
import { useT } from '../i18n/use-t';
import { sessionSelectors } from '../store/session/selectors';
import { useSessionStore } from '../store/session/store';
import { useUiStore } from '../store/ui/store';
import { ConflictCard, fieldLabel } from './ConflictCard';

/**
 * The review queue (复核队列): open conflicts, both versions side by side, and the
 * declarations HQ flagged. A supervisor keeps one side of a conflict (a synced change);
 * an officer sees the same queue read-only. Esc goes back to the declarations (DeskScreen).
 */
export function ReviewQueue({ db }: { db: DeskDb }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const setView = useUiStore((s) => s.setView);
  const officer = useSessionStore(sessionSelectors.officer);
  const queue = useLiveQuery(() => reviewQueue(db), [db]);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const canResolve = canResolveConflicts(officer);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const keep = async (conflictId: string, choice: ConflictChoice) => {
    if (officer === null) return;
    const resolved = await resolveConflict(db, { conflictId, choice, officer });
    if (!resolved.ok) {
      setError(resolved.error.message);
      return;
    }
    setError(null);
    syncSoon();
  };

  const conflicts = queue?.conflicts ?? [];
  const flagged = queue?.flagged ?? [];
  return (
    <section className="review" aria-label={t('reviewQueue')}>
      <h2 ref={headingRef} tabIndex={-1}>
        {t('reviewQueue')}
        <button type="button" className="link" onClick={() => setView('desk')}>
          {t('backToDesk')} (Esc)
        </button>
      </h2>
      <h3>
        {t('conflicts')} <small>{conflicts.length}</small>
      </h3>
      <p className="hint">{t('conflictIntro')}</p>
      {!canResolve && (
        <p className="note" role="note">
          {t('supervisorResolves')}
        </p>
      )}
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {conflicts.length === 0 ? (
        <p className="empty">{t('noConflicts')}</p>
      ) : (
        <ul className="conflict-list" aria-label={t('conflicts')}>
          {conflicts.map((row) => (
            <li
              key={row.conflict.id}
              data-testid="conflict-row"
              data-status={row.conflict.status}
              aria-label={`${row.record?.certificateNo ?? row.conflict.recordId} · ${fieldLabel(row.conflict.field, t)}`}
            >
              <ConflictCard
                row={row}
                officers={queue?.officers ?? new Map()}
                canResolve={canResolve}
                onKeep={(choice) => void keep(row.conflict.id, choice)}
              />
            </li>
          ))}
        </ul>
      )}
      <h3>
        {t('flaggedDeclarations')} <small>{flagged.length}</small>
      </h3>
      {flagged.length === 0 ? (
        <p className="empty">{t('noFlagged')}</p>
      ) : (
        <table className="flagged-table" aria-label={t('flaggedDeclarations')}>
          <thead>
            <tr>
              <th scope="col">{t('tradeDate')}</th>
              <th scope="col">{t('certificateNo')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col" className="num">
                {t('total')}
              </th>
              <th scope="col">{t('state')}</th>
            </tr>
          </thead>
          <tbody>
            {flagged.map((d) => (
              <tr key={d.id} data-testid="flagged-row">
                <td>{d.tradeDate}</td>
                <td>{d.certificateNo}</td>
                <td>{d.residentName}</td>
                <td className="num">{formatFen(d.totalFen)}</td>
                <td>{d.flags.map((f) => (lang === 'en' ? f.messageEn : f.message)).join('；')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
