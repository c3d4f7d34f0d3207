import { useEffect } from 'react';
import { DeskScreen } from './components/DeskScreen';
import { LockScreen } from './components/LockScreen';
import { NewerVersionScreen } from './components/NewerVersionScreen';
import { SignInScreen } from './components/SignInScreen';
import { useInactivityLock } from './components/use-inactivity-lock';
import { sessionSelectors } from './store/session/selectors';
import { useSessionStore } from './store/session/store';
import { useUiStore } from './store/ui/store';

export function App() {
  const status = useSessionStore(sessionSelectors.status);
  const db = useSessionStore(sessionSelectors.db);
  const boot = useSessionStore((s) => s.boot);
  const lock = useSessionStore((s) => s.lock);
  const lang = useUiStore((s) => s.lang);

  useEffect(() => {
    void boot();
  }, [boot]);

  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  }, [lang]);

  useInactivityLock(status === 'active', lock);

  if (status === 'starting') return null;
  if (status === 'outdated') return <NewerVersionScreen />;
  if (status === 'signedOut' || db === null) return <SignInScreen />;
  if (status === 'locked') return <LockScreen />;
  return <DeskScreen db={db} />;
}
