import { type ReactNode, useEffect } from 'react';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/use-t';

/** One tab of a section screen: Alt+`key` (a digit) selects it. */
export interface TabSpec<T extends string> {
  tab: T;
  label: MessageKey;
  key: string;
}

/**
 * The tab row of a section screen (两步申报, 场地查验, 落地加工) and its keys: Alt+1…9
 * select a tab from anywhere on the screen. `badge` adds a count to a tab; `children`
 * follow the tabs (a "new" button, a count).
 */
export function SectionTabs<T extends string>({
  tabs,
  selected,
  onSelect,
  testIdPrefix,
  className,
  badge,
  children,
}: {
  tabs: readonly TabSpec<T>[];
  selected: string;
  onSelect: (tab: T) => void;
  testIdPrefix: string;
  className: string;
  badge?: (tab: T) => ReactNode;
  children?: ReactNode;
}) {
  const t = useT();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const found = tabs.find((x) => event.code === `Digit${x.key}`);
      if (found === undefined) return;
      event.preventDefault();
      onSelect(found.tab);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tabs, onSelect]);

  return (
    <div className={className} role="tablist">
      {tabs.map(({ tab, label, key }) => (
        <button
          key={tab}
          type="button"
          role="tab"
          aria-selected={selected === tab}
          aria-keyshortcuts={`Alt+${key}`}
          onClick={() => onSelect(tab)}
          data-testid={`${testIdPrefix}-${tab}`}
        >
          {t(label)}
          {badge?.(tab)}
        </button>
      ))}
      {children}
    </div>
  );
}
