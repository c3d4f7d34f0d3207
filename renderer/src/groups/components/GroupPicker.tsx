import { useLiveQuery } from 'dexie-react-hooks';
import { type RefObject, useState } from 'react';
import type { MutualAidGroup } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { useT } from '../../i18n/use-t';
import { findGroups } from '../group-queries';

/** Finds a group by its name or any member's certificate number; Enter picks the highlighted match (the first, or the one ↓/↑ moved to), even before the list has drawn. */
export function GroupPicker({ db, inputRef, onPick }: { db: DeskDb; inputRef: RefObject<HTMLInputElement | null>; onPick(group: MutualAidGroup): void }) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [highlight, setHighlight] = useState(0);
  const matches = useLiveQuery(() => findGroups(db, typed), [db, typed]) ?? [];
  const pick = (group: MutualAidGroup | undefined) => {
    if (group === undefined) return;
    setTyped(group.name);
    onPick(group);
  };
  return (
    <div className="group-picker">
      <label>
        {t('grFind')}
        <input
          ref={inputRef}
          name="group"
          autoComplete="off"
          role="combobox"
          aria-expanded={matches.length > 0}
          aria-controls="group-matches"
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            setHighlight(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setHighlight((h) => (matches.length === 0 ? 0 : (h + step + matches.length) % matches.length));
            } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              // Asked again rather than read from the list on screen, which may not have
              // caught up with the last key yet: a fast Enter still picks what was typed.
              void findGroups(db, typed).then((found) => pick(found[highlight] ?? found[0]));
            }
          }}
        />
      </label>
      <span className="hint">{t('grFindHint')}</span>
      {typed.trim() !== '' && matches.length === 0 && <p className="hint">{t('grNoMatch')}</p>}
      {matches.length > 0 && (
        <div id="group-matches" role="listbox" className="group-matches">
          {matches.map((group, index) => (
            <div
              key={group.id}
              role="option"
              aria-selected={index === highlight}
              tabIndex={-1}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(group);
              }}
            >
              {group.name} · {t('grMembers', { n: group.memberIds.length })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
