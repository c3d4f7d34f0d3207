import { useEffect } from 'react';
import { ConsoleShell } from './components/ConsoleShell';
import { ConsoleSignIn } from './components/ConsoleSignIn';
import { consoleSelectors } from './store/selectors';
import { useConsoleStore } from './store/store';

/** HQ's web console: the sign-in form until an administrator is signed in, then the console. */
export function ConsoleApp() {
  const isSignedIn = useConsoleStore(consoleSelectors.isSignedIn);
  const lang = useConsoleStore(consoleSelectors.lang);
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  }, [lang]);
  return isSignedIn ? <ConsoleShell /> : <ConsoleSignIn />;
}
