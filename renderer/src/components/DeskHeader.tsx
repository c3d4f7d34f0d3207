import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { openConflictCount } from '../conflicts/review-queries';
import type { DeskDb } from '../db/desk-db';
import { useT } from '../i18n/use-t';
import { sessionSelectors } from '../store/session/selectors';
import { useSessionStore } from '../store/session/store';
import { useUiStore } from '../store/ui/store';
import { LanguageToggle } from './LanguageToggle';
import { ReferenceVersions } from './ReferenceVersions';

export function DeskHeader({ db, today }: { db: DeskDb; today: string }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const view = useUiStore((s) => s.view);
  const toggleReview = useUiStore((s) => s.toggleReview);
  const setView = useUiStore((s) => s.setView);
  const officer = useSessionStore(sessionSelectors.officer);
  const pointId = useSessionStore(sessionSelectors.pointId);
  const selectPoint = useSessionStore((s) => s.selectPoint);
  const lock = useSessionStore((s) => s.lock);
  const portId = officer?.portId ?? '';
  const points = useLiveQuery(
    async () => (await db.marketPoints.toArray()).filter((p) => p.portId === portId).sort((a, b) => a.id.localeCompare(b.id)),
    [db, portId],
  );
  const openConflicts = useLiveQuery(() => openConflictCount(db), [db]) ?? 0;

  useEffect(() => {
    const first = points?.[0];
    if (first !== undefined && (pointId === null || !points?.some((p) => p.id === pointId))) selectPoint(first.id);
  }, [points, pointId, selectPoint]);

  return (
    <header className="desk-header">
      <div className="brand">
        <strong>{t('appName')}</strong>
        <span className="port" title={t('port')}>
          {t('port')}: {portId}
        </span>
        <ReferenceVersions db={db} portId={portId} today={today} />
      </div>
      <button
        type="button"
        className={openConflicts > 0 ? 'review-toggle attention' : 'review-toggle'}
        aria-pressed={view === 'review'}
        aria-keyshortcuts="Alt+R"
        title="Alt+R"
        onClick={toggleReview}
      >
        {t('reviewQueue')}{' '}
        <span className="count-badge" data-testid="conflict-count" title={t('openConflictsCount', { n: openConflicts })}>
          {openConflicts}
        </span>
      </button>
      <button type="button" aria-pressed={view === 'twostep'} aria-keyshortcuts="Alt+T" title="Alt+T" onClick={() => setView(view === 'twostep' ? 'desk' : 'twostep')} data-testid="nav-two-step">
        {t('tsNav')}
      </button>
      <button type="button" aria-pressed={view === 'inspections'} aria-keyshortcuts="Alt+I" title="Alt+I" onClick={() => setView(view === 'inspections' ? 'desk' : 'inspections')} data-testid="nav-inspections">
        {t('inNav')}
      </button>
      <button type="button" aria-pressed={view === 'processing'} aria-keyshortcuts="Alt+P" title="Alt+P" onClick={() => setView(view === 'processing' ? 'desk' : 'processing')} data-testid="nav-processing">
        {t('prNav')}
      </button>
      <button type="button" aria-pressed={view === 'groups'} aria-keyshortcuts="Alt+G" title="Alt+G" onClick={() => setView(view === 'groups' ? 'desk' : 'groups')} data-testid="nav-groups">
        {t('grNav')}
      </button>
      <button type="button" aria-pressed={view === 'day'} aria-keyshortcuts="Alt+S" title="Alt+S" onClick={() => setView(view === 'day' ? 'desk' : 'day')} data-testid="nav-day">
        {t('dayNav')}
      </button>
      <button type="button" aria-pressed={view === 'residents'} aria-keyshortcuts="Alt+B" title="Alt+B" onClick={() => setView(view === 'residents' ? 'desk' : 'residents')} data-testid="nav-residents">
        {t('resNav')}
      </button>
      <label className="point">
        {t('marketPoint')}
        <select value={pointId ?? ''} onChange={(e) => selectPoint(e.target.value)}>
          {pointId === null && <option value="">{t('choosePoint')}</option>}
          {(points ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.id} {lang === 'en' ? p.nameEn || p.name : p.name}
            </option>
          ))}
        </select>
      </label>
      <span className="officer" title={t('officer')}>
        {officer?.name} · {officer?.username}
      </span>
      <button type="button" onClick={lock}>
        {t('lock')}
      </button>
      <LanguageToggle />
    </header>
  );
}
