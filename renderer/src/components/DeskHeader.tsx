import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
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
  const officer = useSessionStore(sessionSelectors.officer);
  const pointId = useSessionStore(sessionSelectors.pointId);
  const selectPoint = useSessionStore((s) => s.selectPoint);
  const lock = useSessionStore((s) => s.lock);
  const port = useSessionStore(sessionSelectors.port);
  const portId = officer?.portId ?? '';
  const portName = port === null ? portId : lang === 'en' ? port.nameEn || port.name : port.name;
  const points = useLiveQuery(
    async () => (await db.marketPoints.toArray()).filter((p) => p.portId === portId).sort((a, b) => a.id.localeCompare(b.id)),
    [db, portId],
  );

  useEffect(() => {
    const first = points?.[0];
    if (first !== undefined && (pointId === null || !points?.some((p) => p.id === pointId))) selectPoint(first.id);
  }, [points, pointId, selectPoint]);

  return (
    <header className="desk-header">
      <div className="brand">
        <strong>{t('appName')}</strong>
        <span className="port" title={`${t('port')} ${portId}`} data-testid="desk-port">
          {portName}
        </span>
        <ReferenceVersions db={db} portId={portId} today={today} />
      </div>
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
