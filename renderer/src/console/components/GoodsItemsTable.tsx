import { useState } from 'react';
import { GOODS_LIST_KINDS, type GoodsItem, type GoodsListKind } from '../../../../shared/index';
import type { ConsoleMessageKey } from '../i18n/messages';
import { useConsoleT } from '../i18n/use-console-t';

export const KIND_LABEL: Record<GoodsListKind, ConsoleMessageKey> = {
  allowed: 'kindAllowed',
  negative: 'kindNegative',
  non_exempt: 'kindNonExempt',
};

/**
 * A goods list's items, filtered by HS prefix or name. Read-only, or (with the edit
 * callbacks) each row's kind can be changed and the row removed.
 */
export function GoodsItemsTable(props: {
  items: readonly GoodsItem[];
  label: string;
  onRemove?: (hsCode: string) => void;
  onKind?: (hsCode: string, kind: GoodsListKind) => void;
}) {
  const t = useConsoleT();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = needle === '' ? props.items : props.items.filter((i) => i.hsCode.startsWith(needle) || i.name.includes(filter.trim()) || i.nameEn.toLowerCase().includes(needle));
  const isEditable = props.onRemove !== undefined && props.onKind !== undefined;
  return (
    <div className="items">
      <label className="filter">
        {t('filterItems')}
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      <table className="grid" aria-label={props.label}>
        <thead>
          <tr>
            <th>{t('hsCode')}</th>
            <th>{t('goodsName')}</th>
            <th>{t('goodsNameEn')}</th>
            <th>{t('kind')}</th>
            <th>{t('unit')}</th>
            <th>{t('weightCap')}</th>
            {isEditable && <th />}
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => (
            <tr key={item.hsCode} data-testid="goods-item-row">
              <td className="mono">{item.hsCode}</td>
              <td>{item.name}</td>
              <td>{item.nameEn}</td>
              <td>
                {props.onKind === undefined ? (
                  <span className={`kind ${item.list}`}>{t(KIND_LABEL[item.list])}</span>
                ) : (
                  <select aria-label={t('kindOf', { hs: item.hsCode })} value={item.list} onChange={(e) => props.onKind?.(item.hsCode, e.target.value as GoodsListKind)}>
                    {GOODS_LIST_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(KIND_LABEL[kind])}
                      </option>
                    ))}
                  </select>
                )}
              </td>
              <td>{item.unit}</td>
              <td className="num">{item.weightCapKg ?? '—'}</td>
              {isEditable && (
                <td>
                  <button type="button" className="link" aria-label={t('removeItem', { hs: item.hsCode })} onClick={() => props.onRemove?.(item.hsCode)}>
                    {t('remove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={isEditable ? 7 : 6} className="hint">
                {t('noItems')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
