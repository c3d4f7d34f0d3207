import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useConsoleT } from '../i18n/use-console-t';
import { consoleSelectors } from '../store/selectors';
import { useConsoleStore } from '../store/store';
import { LanguageSwitch } from './LanguageSwitch';

export function ConsoleSignIn() {
  const t = useConsoleT();
  const notice = useConsoleStore(consoleSelectors.notice);
  const isBusy = useConsoleStore(consoleSelectors.isBusy);
  const signIn = useConsoleStore((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const usernameRef = useRef<HTMLInputElement>(null);

  useEffect(() => usernameRef.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!(await signIn(username.trim(), password))) setPassword('');
  };

  return (
    <main className="card-screen">
      <form className="card" onSubmit={submit} aria-label={t('signIn')}>
        <div className="card-head">
          <h1>{t('title')}</h1>
          <LanguageSwitch />
        </div>
        <label>
          {t('username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} ref={usernameRef} required />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {notice !== null && (
          <p role="alert" className="error">
            {notice}
          </p>
        )}
        <button type="submit" className="primary" disabled={isBusy}>
          {isBusy ? t('signingIn') : t('signIn')}
        </button>
        <p className="hint">{t('signInHint')}</p>
      </form>
    </main>
  );
}
