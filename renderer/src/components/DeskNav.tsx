import { useLiveQuery } from 'dexie-react-hooks';
import { openConflictCount } from '../conflicts/review-queries';
import type { DeskDb } from '../db/desk-db';
import { useT } from '../i18n/use-t';
import { useUiStore } from '../store/ui/store';
import { DESK_VIEWS } from './desk-views';

/** The row of desk sections under the header (desk-views.ts has the table and the keys). */
export function DeskNav({ db }: { db: DeskDb }) {
  const t = useT();
  const view = useUiStore((s) => s.view);
  const setView = useUiStore((s) => s.setView);
  const openConflicts = useLiveQuery(() => openConflictCount(db), [db]) ?? 0;

  return (
    <nav className="desk-nav" aria-label={t('deskNavLabel')}>
      {DESK_VIEWS.map(({ view: name, label, key }) => {
        const shortcut = key === null ? 'Esc' : `Alt+${key}`;
        const attention = name === 'review' && openConflicts > 0;
        return (
          <button
            key={name}
            type="button"
            className={attention ? 'attention' : undefined}
            aria-pressed={view === name}
            aria-keyshortcuts={shortcut}
            title={shortcut}
            onClick={() => setView(view === name ? 'desk' : name)}
            data-testid={`nav-${name}`}
          >
            {t(label)}
            {name === 'review' && (
              <span className="count-badge" data-testid="conflict-count" title={t('openConflictsCount', { n: openConflicts })}>
                {openConflicts}
              </span>
            )}
            <kbd>{shortcut}</kbd>
          </button>
        );
      })}
    </nav>
  );
}
