import { useUiStore } from '../store/ui/store';

export function LanguageToggle() {
  const lang = useUiStore((s) => s.lang);
  const toggle = useUiStore((s) => s.toggleLang);
  return (
    <button type="button" className="lang" onClick={toggle} aria-label={lang === 'zh' ? '切换语言 / Language' : 'Language / 切换语言'}>
      <span className={lang === 'zh' ? 'on' : ''}>中</span>/<span className={lang === 'en' ? 'on' : ''}>EN</span>
    </button>
  );
}
