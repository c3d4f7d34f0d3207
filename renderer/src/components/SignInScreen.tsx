import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/use-t';
import { sessionSelectors } from '../store/session/selectors';
import { useSessionStore } from '../store/session/store';
import { LanguageToggle } from './LanguageToggle';
import { PasswordField } from './PasswordField';
import { SignedOutNoticeText } from './SignedOutNoticeText';

export function SignInScreen() {
  const t = useT();
  const lastUsername = useSessionStore(sessionSelectors.lastUsername);
  const error = useSessionStore(sessionSelectors.error);
  const notice = useSessionStore(sessionSelectors.notice);
  const busy = useSessionStore(sessionSelectors.busy);
  const signIn = useSessionStore((s) => s.signIn);
  const [username, setUsername] = useState(lastUsername ?? '');
  const [password, setPassword] = useState('');
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (lastUsername === null ? usernameRef : passwordRef).current?.focus();
  }, [lastUsername]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!(await signIn(username, password))) setPassword('');
  };

  return (
    <main className="card-screen">
      <form className="card" onSubmit={submit} aria-label={t('signIn')}>
        <div className="card-head">
          <h1>{t('appName')}</h1>
          <LanguageToggle />
        </div>
        {notice !== null && <SignedOutNoticeText notice={notice} />}
        <label>
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            ref={usernameRef}
            required
          />
        </label>
        <PasswordField value={password} onChange={setPassword} inputRef={passwordRef} error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
        <p className="hint">{t('signInHint')}</p>
      </form>
    </main>
  );
}
