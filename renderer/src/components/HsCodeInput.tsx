import { type KeyboardEvent, type Ref, useId, useState } from 'react';
import type { GoodsItem, GoodsList } from '../../../shared/index';
import { suggestGoods } from '../declarations/entry-lines';
import { useT } from '../i18n/use-t';
import { useUiStore } from '../store/ui/store';

interface Props {
  label: string;
  value: string;
  list: GoodsList | null;
  inputRef: Ref<HTMLInputElement>;
  onChange(value: string): void;
  /** Enter: the officer is done with this field (a suggestion may have been picked). */
  onDone(): void;
  /** The field lost focus: what it holds now is meant, not half-typed. */
  onCommit(): void;
}

/** HS code field with a typeahead over the goods list in force (ARIA combobox). */
export function HsCodeInput({ label, value, list, inputRef, onChange, onDone, onCommit }: Props) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const suggestions = open ? suggestGoods(list, value) : [];
  const exact = suggestions.find((item) => item.hsCode === value.trim());

  const pick = (item: GoodsItem) => {
    onChange(item.hsCode);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (suggestions.length === 0 ? 0 : (i + step + suggestions.length) % suggestions.length));
    } else if (event.key === 'Escape') {
      setOpen(false);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = exact ?? suggestions[active];
      if (open && chosen !== undefined) pick(chosen);
      else setOpen(false);
      onDone();
    }
  };

  return (
    <div className="combo">
      <input
        ref={inputRef}
        role="combobox"
        aria-label={label}
        aria-expanded={suggestions.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={suggestions.length > 0 ? `${listId}-${active}` : undefined}
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          onCommit();
        }}
        onKeyDown={onKeyDown}
      />
      {suggestions.length > 0 && (
        <div role="listbox" id={listId} className="suggestions">
          {suggestions.map((item, index) => (
            <div
              key={item.hsCode}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              tabIndex={-1}
              className={item.list}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(item);
              }}
            >
              <span className="code">{item.hsCode}</span> {lang === 'en' ? item.nameEn || item.name : item.name}
              {item.list === 'negative' && <em> · {t('listNegative')}</em>}
              {item.list === 'non_exempt' && <em> · {t('listNonExempt')}</em>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
