import { type KeyboardEvent, type Ref, useId, useState } from 'react';
import { formatFen, type GoodsItem, type GoodsList } from '../../../shared/index';
import { suggestGoods } from '../declarations/entry-lines';
import type { RecentGoods } from '../market/recent-goods';
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
  /** The resident's recent goods, offered while the field is empty. */
  recent?: readonly RecentGoods[];
  /** One of `recent` chosen with Enter (or the mouse): the form fills the line. */
  onPickRecent?(item: RecentGoods): void;
}

type Option = { kind: 'goods'; item: GoodsItem } | { kind: 'recent'; item: RecentGoods };

/** HS code field with a typeahead over the goods list in force (ARIA combobox). */
export function HsCodeInput({ label, value, list, inputRef, onChange, onDone, onCommit, recent = [], onPickRecent }: Props) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // An empty field offers the resident's recent goods first: a repeat declaration is ↓ Enter.
  const offersRecent = value.trim() === '' && recent.length > 0 && onPickRecent !== undefined;
  const suggestions: Option[] = !open
    ? []
    : offersRecent
      ? recent.map((item) => ({ kind: 'recent', item }))
      : suggestGoods(list, value).map((item) => ({ kind: 'goods', item }));
  const exact = suggestions.find((option) => option.item.hsCode === value.trim());

  const pick = (option: Option) => {
    setOpen(false);
    if (option.kind === 'recent') onPickRecent?.(option.item);
    else onChange(option.item.hsCode);
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
      // A recent pick moves the focus itself (to the quantity, the price being filled in).
      if (chosen?.kind !== 'recent' || !open) onDone();
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
          {suggestions.map((option, index) => (
            <div
              key={`${option.kind}:${option.item.hsCode}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              tabIndex={-1}
              className={option.kind === 'recent' ? 'recent' : option.item.list}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(option);
              }}
            >
              <span className="code">{option.item.hsCode}</span> {lang === 'en' ? option.item.nameEn || option.item.name : option.item.name}
              {option.kind === 'recent' && (
                <em>
                  {' '}
                  · {t('mkRecentGoods')} {index + 1} · {formatFen(option.item.unitPriceFen)}/{option.item.unit}
                </em>
              )}
              {option.kind === 'goods' && option.item.list === 'negative' && <em> · {t('listNegative')}</em>}
              {option.kind === 'goods' && option.item.list === 'non_exempt' && <em> · {t('listNonExempt')}</em>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
