import type { KeyboardEvent } from 'react';
import { findGoodsItem, formatFen, type GoodsList } from '../../../shared/index';
import { type LineInput, toGoodsLine } from '../declarations/entry-lines';
import { useT } from '../i18n/use-t';
import type { RecentGoods } from '../market/recent-goods';
import { useUiStore } from '../store/ui/store';
import { HsCodeInput } from './HsCodeInput';

export type LineField = 'hs' | 'qty' | 'price';

interface Props {
  index: number;
  line: LineInput;
  list: GoodsList | null;
  problem: string | null;
  register(field: LineField, element: HTMLInputElement | null): void;
  onChange(patch: Partial<LineInput>): void;
  onDone(field: LineField): void;
  onCommitCode(): void;
  onRemove(): void;
  /** The resident's recent goods, offered in the empty HS code field. */
  recent?: readonly RecentGoods[];
  onPickRecent?(item: RecentGoods): void;
}

export function GoodsLineRow({ index, line, list, problem, register, onChange, onDone, onCommitCode, onRemove, recent, onPickRecent }: Props) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const n = index + 1;
  const item = list === null || line.hsCode.trim() === '' ? null : findGoodsItem(list, line.hsCode.trim());
  const goods = toGoodsLine(line, list);
  const enter = (field: LineField) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' || event.ctrlKey || event.altKey || event.metaKey) return;
    event.preventDefault();
    onDone(field);
  };
  return (
    <fieldset className={problem === null ? 'line' : 'line has-problem'} data-line={line.key} aria-label={`${t('goodsLines')} ${n}`}>
      <span className="line-no">{n}</span>
      <HsCodeInput
        label={`${t('hsCode')} ${n}`}
        value={line.hsCode}
        list={list}
        inputRef={(el) => register('hs', el)}
        onChange={(hsCode) => onChange({ hsCode })}
        onDone={() => onDone('hs')}
        onCommit={onCommitCode}
        {...(recent === undefined ? {} : { recent })}
        {...(onPickRecent === undefined ? {} : { onPickRecent })}
      />
      <span className="goods-name">{item === null ? '' : lang === 'en' ? item.nameEn || item.name : item.name}</span>
      <input
        ref={(el) => register('qty', el)}
        aria-label={`${t('quantity')} ${n}`}
        inputMode="decimal"
        value={line.quantity}
        onChange={(e) => onChange({ quantity: e.target.value })}
        onKeyDown={enter('qty')}
      />
      <span className="unit">{item?.unit ?? ''}</span>
      <input
        ref={(el) => register('price', el)}
        aria-label={`${t('unitPrice')} ${n}`}
        inputMode="decimal"
        value={line.unitPrice}
        onChange={(e) => onChange({ unitPrice: e.target.value })}
        onKeyDown={enter('price')}
      />
      <output className="value" aria-label={`${t('value')} ${n}`}>
        {goods === null ? '' : formatFen(goods.valueFen)}
      </output>
      <button type="button" className="icon" onClick={onRemove} aria-label={`${t('removeLine')} ${n}`} tabIndex={-1}>
        ×
      </button>
      {problem !== null && (
        <p className="line-problem" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
