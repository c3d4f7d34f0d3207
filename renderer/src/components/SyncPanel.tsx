import { type FormEvent, useState } from 'react';
import { cstDateTimeOf } from '../declarations/format';
import { syncNow } from '../desk/desk-runtime';
import { useT } from '../i18n/use-t';
import { sessionSelectors } from '../store/session/selectors';
import { useSessionStore } from '../store/session/store';
import { syncSelectors } from '../store/sync/selectors';
import { useSyncStore } from '../store/sync/store';

export function SyncPanel({ flaggedToday }: { flaggedToday: number }) {
  const t = useT();
  const online = useSyncStore(syncSelectors.online);
  const progress = useSyncStore(syncSelectors.progress);
  const fraction = useSyncStore(syncSelectors.fraction);
  const pending = useSyncStore(syncSelectors.pending);
  const rejected = useSyncStore(syncSelectors.rejected);
  const lastSyncAt = useSyncStore(syncSelectors.lastSyncAt);
  const lastError = useSyncStore(syncSelectors.lastError);
  const blocked = useSyncStore(syncSelectors.blocked);

  return (
    <section className="sync-panel" aria-label={t('syncStatus')}>
      <h2>{t('syncStatus')}</h2>
      <p className={online ? 'badge online' : 'badge offline'}>{online ? t('online') : t('offline')}</p>
      <dl className="counts">
        <div>
          <dt>{t('pending')}</dt>
          <dd>
            <output aria-label={t('pending')}>{pending}</output>
          </dd>
        </div>
        <div>
          <dt>{t('flaggedCount')}</dt>
          <dd>
            <output aria-label={t('flaggedCount')}>{flaggedToday}</output>
          </dd>
        </div>
        <div>
          <dt>{t('rejectedCount')}</dt>
          <dd>
            <output aria-label={t('rejectedCount')}>{rejected}</output>
          </dd>
        </div>
        <div className="wide">
          <dt>{t('lastSync')}</dt>
          <dd>
            <output aria-label={t('lastSync')}>{lastSyncAt === null ? t('never') : cstDateTimeOf(lastSyncAt)}</output>
          </dd>
        </div>
      </dl>
      {lastError !== null && blocked === null && (
        <p className="error" title={t('lastError')}>
          {t('lastError')}: {lastError}
        </p>
      )}
      {progress !== null && (
        <div className="progress">
          <span>
            {t('syncing')} · {progress.phase === 'push' ? t('pushing') : t('pulling')} {progress.done}
            {progress.total === null ? '' : ` / ${progress.total}`}
          </span>
          <progress aria-label={t('syncing')} max={1} {...(fraction === null ? {} : { value: fraction })} />
        </div>
      )}
      {blocked === 'signInAgain' && <SignInAgain />}
      <button type="button" onClick={() => void syncNow()} disabled={progress !== null || blocked !== null}>
        {t('syncNow')}
      </button>
    </section>
  );
}

function SignInAgain() {
  const t = useT();
  const username = useSessionStore(sessionSelectors.username);
  const error = useSessionStore(sessionSelectors.error);
  const signIn = useSessionStore((s) => s.signIn);
  const [password, setPassword] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (username !== null && (await signIn(username, password))) setPassword('');
  };
  return (
    <form className="sign-in-again" onSubmit={submit}>
      <p role="alert">{t('signInAgain')}</p>
      <label>
        {t('password')}
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {error !== null && <p className="error">{error}</p>}
      <button type="submit">{t('signInAgainButton')}</button>
    </form>
  );
}
