import { useEffect } from 'react';
import type { MessageKey } from '../i18n/messages';
import type { DeskView } from '../store/ui/initialState';
import { useUiStore } from '../store/ui/store';

/**
 * The desk's sections, in the order of the nav row under the header. Each opens with
 * Alt+its letter and closes with the same keys or Esc (back to 申报, the entry form and
 * today's list). One table serves the nav buttons and the keyboard, so a section cannot
 * have one without the other.
 */
export const DESK_VIEWS: readonly { view: DeskView; label: MessageKey; key: string | null }[] = [
  { view: 'desk', label: 'deskNav', key: null },
  { view: 'review', label: 'reviewQueue', key: 'R' },
  { view: 'twostep', label: 'tsNav', key: 'T' },
  { view: 'inspections', label: 'inNav', key: 'I' },
  { view: 'processing', label: 'prNav', key: 'P' },
  { view: 'groups', label: 'grNav', key: 'G' },
  { view: 'day', label: 'dayNav', key: 'S' },
  { view: 'residents', label: 'resNav', key: 'B' },
];

/** The section Alt+`event`'s letter opens, if any. */
export function viewForKey(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'code' | 'key'>): DeskView | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  const found = DESK_VIEWS.find(({ key }) => key !== null && (event.code === `Key${key}` || event.key.toUpperCase() === key));
  return found?.view ?? null;
}

/**
 * Alt+letter toggles a section from anywhere on the desk; Esc leaves a section unless a
 * field already used the key (to close a list, say).
 */
export function useDeskViewKeys(): void {
  const view = useUiStore((s) => s.view);
  const setView = useUiStore((s) => s.setView);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = viewForKey(event);
      if (target !== null) {
        event.preventDefault();
        setView(view === target ? 'desk' : target);
      } else if (event.key === 'Escape' && view !== 'desk' && !event.defaultPrevented) {
        event.preventDefault();
        setView('desk');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setView, view]);
}
