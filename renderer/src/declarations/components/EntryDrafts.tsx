import { useLiveQuery } from 'dexie-react-hooks';
import { DECLARATION_LIFE_STATUS_LABELS } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { useT } from '../../i18n/use-t';
import { cstTimeOf } from '../format';
import { type EntryDraft, listEntryDrafts, removeEntryDraft } from '../entry-drafts';

/**
 * The entry form's drafts (草稿), newest first: each resumes into the form (then Ctrl+Enter
 * declares it) or is deleted. Shown only while there are drafts; they never leave the desk.
 */
export function EntryDrafts({ db, onResume }: { db: DeskDb; onResume: (draft: EntryDraft) => void }) {
  const t = useT();
  const drafts = useLiveQuery(() => listEntryDrafts(db), [db]);
  if (drafts === undefined || drafts.length === 0) return null;
  const label = DECLARATION_LIFE_STATUS_LABELS.draft;
  return (
    <section className="entry-drafts" aria-label={t('lfDrafts')}>
      <h3>{t('lfDrafts')}</h3>
      <ul>
        {drafts.map((draft) => (
          <li key={draft.id} data-testid="entry-draft">
            <span className="life-chip draft">
              {label.zh} <small>{label.en}</small>
            </span>{' '}
            {draft.certificateNo || '—'} {draft.residentName} · {t('lfDraftLines', { n: draft.lines.filter((l) => l.hsCode !== '').length })} ·{' '}
            {cstTimeOf(draft.savedAt)}{' '}
            <button type="button" onClick={() => onResume(draft)}>
              {t('lfDraftResume')}
            </button>{' '}
            <button type="button" onClick={() => void removeEntryDraft(db, draft.id)}>
              {t('lfDraftDelete')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
