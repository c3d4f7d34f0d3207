import type { GoodsList } from '../../../shared/index';
import { useT } from '../i18n/use-t';
import type { RecentGoods } from '../market/recent-goods';
import { GoodsLineRow } from './GoodsLineRow';
import type { useLineEditor } from './use-line-editor';

/**
 * The goods lines (商品明细) of an entry form, with their column heads and "add a line":
 * one editor for the declaration form and the group declaration. `onEdited` runs after
 * any change to a line (the forms clear a refusal shown for the old lines).
 */
export function GoodsLines({
  editor,
  goodsList,
  problemsByLine,
  onEdited,
  recent,
  onPickRecent,
}: {
  editor: ReturnType<typeof useLineEditor>;
  goodsList: GoodsList | null;
  problemsByLine: ReadonlyMap<number, string>;
  onEdited(): void;
  recent?: readonly RecentGoods[];
  onPickRecent?(item: RecentGoods, lineKey: string): void;
}) {
  const t = useT();
  return (
    <fieldset className="lines">
      <legend>{t('goodsLines')}</legend>
      <div className="line head" aria-hidden="true">
        <span>#</span>
        <span>{t('hsCode')}</span>
        <span>{t('goodsName')}</span>
        <span>{t('quantity')}</span>
        <span />
        <span>{t('unitPrice')}</span>
        <span>{t('value')}</span>
        <span />
      </div>
      {editor.lines.map((line, index) => (
        <GoodsLineRow
          key={line.key}
          index={index}
          line={line}
          list={goodsList}
          problem={editor.committed.has(line.key) ? (problemsByLine.get(index) ?? null) : null}
          register={(field, element) => editor.register(line.key, field, element)}
          onChange={(patch) => {
            editor.updateLine(line.key, patch);
            onEdited();
          }}
          onCommitCode={() => editor.commitCode(line.key, true)}
          onDone={(field) => editor.lineDone(index, field)}
          onRemove={() => editor.removeLine(line.key)}
          {...(recent === undefined || onPickRecent === undefined ? {} : { recent, onPickRecent: (item: RecentGoods) => onPickRecent(item, line.key) })}
        />
      ))}
      <button type="button" className="link" onClick={editor.addLine}>
        + {t('addLine')} (Alt+N)
      </button>
    </fieldset>
  );
}
