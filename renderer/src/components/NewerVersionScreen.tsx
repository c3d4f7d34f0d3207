import { useT } from '../i18n/use-t';
import { LanguageToggle } from './LanguageToggle';

/** Another tab opened a newer version of the desk's database: this one let go of it. */
export function NewerVersionScreen() {
  const t = useT();
  return (
    <main className="card-screen">
      <section className="card" role="alert" aria-label={t('newerVersion')} data-testid="newer-version">
        <div className="card-head">
          <h1>{t('newerVersion')}</h1>
          <LanguageToggle />
        </div>
        <p>{t('newerVersionHint')}</p>
        <button type="button" className="primary" onClick={() => location.reload()}>
          {t('reload')}
        </button>
      </section>
    </main>
  );
}
