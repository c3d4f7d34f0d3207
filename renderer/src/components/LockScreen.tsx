import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/use-t';
import { sessionSelectors } from '../store/session/selectors';
import { useSessionStore } from '../store/session/store';
import { LanguageToggle } from './LanguageToggle';
import { PasswordField } from './PasswordField';

export function LockScreen() {
  const t = useT();
  const officer = useSessionStore(sessionSelectors.officer);
  const username = useSessionStore(sessionSelectors.username);
  const error = useSessionStore(sessionSelectors.error);
  const busy = useSessionStore(sessionSelectors.busy);
  const unlock = useSessionStore((s) => s.unlock);
  const signOut = useSessionStore((s) => s.signOut);
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    passwordRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const unlocked = await unlock(password);
    if (!unlocked) setPassword('');
  };

  return (
    <main className="card-screen">
      <form className="card" onSubmit={submit} aria-label={t('unlockTitle')}>
        <div className="card-head">
          <h1>{t('unlockTitle')}</h1>
          <LanguageToggle />
        </div>
        <p>
          {officer?.name} ({username})
        </p>
        <PasswordField value={password} onChange={setPassword} inputRef={passwordRef} error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('unlock')}
        </button>
        <button type="button" className="link" onClick={signOut}>
          {t('signOut')}
        </button>
      </form>
    </main>
  );
}
