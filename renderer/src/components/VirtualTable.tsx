import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, type Ref, useCallback, useRef } from 'react';

/** What a row must spread on its `<tr>` so the table can measure it. */
export interface VirtualRowProps {
  ref: Ref<HTMLTableRowElement>;
  'data-index': number;
}

/**
 * A table that draws only the rows in view (plus a margin), for lists that grow into the
 * thousands over a season: consignments at a yard, central declarations, transports.
 * The rows between stay out of the DOM; two spacer rows keep the scroll height right,
 * so the table keeps its columns, header and `<tr>`s (and what tests and screen readers
 * find in them). Rows may be of any height: each is measured as it is drawn.
 */
export function VirtualTable<T>({
  items,
  rowKey,
  renderRow,
  head,
  caption,
  label,
  empty,
  columns,
  className = 'in-table',
  estimate = 40,
  maxHeight = 420,
}: {
  items: readonly T[];
  rowKey: (item: T) => string;
  renderRow: (item: T, props: VirtualRowProps) => ReactNode;
  head: ReactNode;
  caption?: ReactNode;
  label: string;
  empty: ReactNode;
  columns: number;
  className?: string;
  estimate?: number;
  maxHeight?: number;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: useCallback(() => scrollRef.current, []),
    estimateSize: useCallback(() => estimate, [estimate]),
    getItemKey: useCallback((index: number) => rowKey(items[index] as T), [items, rowKey]),
    overscan: 8,
  });
  const shown = virtualizer.getVirtualItems();
  const top = shown[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (shown.at(-1)?.end ?? 0);

  return (
    <div ref={scrollRef} className="virtual-table" style={{ maxHeight, overflow: 'auto' }}>
      <table className={className} aria-label={label} aria-rowcount={items.length + 1}>
        {caption !== undefined && <caption>{caption}</caption>}
        <thead>{head}</thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={columns}>{empty}</td>
            </tr>
          )}
          {top > 0 && (
            <tr className="spacer">
              <td colSpan={columns} style={{ height: top, padding: 0, border: 0 }} />
            </tr>
          )}
          {shown.map((row) => {
            const item = items[row.index];
            return item === undefined ? null : renderRow(item, { ref: virtualizer.measureElement, 'data-index': row.index });
          })}
          {bottom > 0 && (
            <tr className="spacer">
              <td colSpan={columns} style={{ height: bottom, padding: 0, border: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
