import { useConsoleStore } from '../store/store';

export function LanguageSwitch() {
  const lang = useConsoleStore((s) => s.lang);
  const toggle = useConsoleStore((s) => s.toggleLang);
  return (
    <button type="button" className="lang" onClick={toggle} aria-label={lang === 'zh' ? '切换语言 / Language' : 'Language / 切换语言'}>
      <span className={lang === 'zh' ? 'on' : ''}>中</span>/<span className={lang === 'en' ? 'on' : ''}>EN</span>
    </button>
  );
}
