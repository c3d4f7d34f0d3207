import { useEffect } from 'react';
import { useUiStore } from '../store/ui/store';

/**
 * Alt+G: the group declaration screen (互助组申报) and back, from anywhere on the desk;
 * Esc leaves it (unless a field used the key, e.g. to close a list). Kept here so the
 * desk screen only calls it.
 */
export function useGroupShortcut(): void {
  const view = useUiStore((s) => s.view);
  const setView = useUiStore((s) => s.setView);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'g' || event.key === 'G' || event.code === 'KeyG')) {
        event.preventDefault();
        setView(view === 'groups' ? 'desk' : 'groups');
      } else if (event.key === 'Escape' && view === 'groups' && !event.defaultPrevented) {
        event.preventDefault();
        setView('desk');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setView, view]);
}
