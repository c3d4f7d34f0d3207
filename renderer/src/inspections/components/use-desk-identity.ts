import { useUiStore } from '../../store/ui/store';
import { useSessionStore } from '../../store/session/store';
import type { DeskIdentity } from '../inspection-forms';

/** Who records: the signed-in officer on this desk (null while signed out or locked away). */
export function useDeskIdentity(): DeskIdentity | null {
  const session = useSessionStore((s) => s.session);
  if (session === null) return null;
  return { portId: session.portId, officerId: session.officer.id, deviceId: session.deviceId };
}

/** A bilingual label in the desk's language. */
export function useLabel(): (label: { zh: string; en: string }) => string {
  const lang = useUiStore((s) => s.lang);
  return (label) => (lang === 'en' ? label.en : label.zh);
}
