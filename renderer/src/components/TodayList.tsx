import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useRef, useState } from 'react';
import { DECLARATION_LIFE_EVENT_LABELS, type DeclarationLifeEventType, formatFen } from '../../../shared/index';
import type { DeskDb } from '../db/desk-db';
import type { DeclarationState, TodayRow } from '../declarations/desk-queries';
import { cstTimeOf } from '../declarations/format';
import type { MessageKey } from '../i18n/messages';
import { type Translate, useT } from '../i18n/use-t';
import type { Lang } from '../store/ui/initialState';
import { useUiStore } from '../store/ui/store';
import { EditDeclarationPanel } from './EditDeclarationPanel';
import { DeclarationLifePanel } from '../declarations/components/DeclarationLifePanel';
import { LIFE_KEYS, LifeStatus } from '../declarations/components/LifeStatus';
import { gateQueue } from '../declarations/gate-queue';
import { useLiveQuery } from 'dexie-react-hooks';

const ROW_HEIGHT = 34;
const EMPTY: TodayRow[] = [];

const STATE_LABEL: Record<DeclarationState, MessageKey> = {
  pending: 'statePending',
  synced: 'stateSynced',
  flagged: 'stateFlagged',
  rejected: 'stateRejected',
};

function noteOf(row: TodayRow, t: Translate, lang: Lang): string {
  const parts: string[] = [];
  if (row.rejection !== null) parts.push(`${row.rejection.code}: ${row.rejection.message}`);
  for (const flag of row.declaration.flags) parts.push(lang === 'en' ? flag.messageEn : flag.message);
  if (row.editRejection !== null) {
    parts.push(`${t(row.editRejection.type === 'declaration.event' ? 'lfRefused' : 'editRefused')}: ${row.editRejection.message}`);
  }
  const remarks = row.declaration.remarks ?? '';
  if (remarks !== '') parts.push(`${t('remarks')}: ${remarks}`);
  return parts.join('；');
}

/**
 * Today's declarations at the port, newest first. Virtualized: only the rows in view
 * (plus a few) are in the DOM, so 10,000 rows scroll like 20. Keyboard: ↑↓ (Home, End)
 * select a row, E or Enter edits it, Esc leaves the edit.
 */
export function TodayList({ rows, db, officerId }: { rows: TodayRow[] | undefined; db: DeskDb; officerId: string }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [editSaved, setEditSaved] = useState(false);
  const [life, setLife] = useState<{ id: string; action: DeclarationLifeEventType } | null>(null);
  const [lifeSaved, setLifeSaved] = useState<DeclarationLifeEventType | null>(null);
  const list = rows ?? EMPTY;
  const gateWaiting = useLiveQuery(async () => (await gateQueue(db)).length, [db]);
  // Stable callbacks: a new getItemKey makes the virtualizer re-measure all 10,000 rows.
  const getItemKey = useCallback((index: number) => list[index]?.declaration.id ?? index, [list]);
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: useCallback(() => scrollRef.current, []),
    estimateSize: useCallback(() => ROW_HEIGHT, []),
    overscan: 12,
    getItemKey,
  });

  const selectedIndex = selectedId === null ? -1 : list.findIndex((r) => r.declaration.id === selectedId);
  const selected = selectedIndex >= 0 ? list[selectedIndex] : undefined;
  const editing = editingId === null ? undefined : list.find((r) => r.declaration.id === editingId);
  const living = life === null ? undefined : list.find((r) => r.declaration.id === life.id);
  const canEdit = (row: TodayRow | undefined): row is TodayRow => row !== undefined && row.state !== 'rejected';

  const select = (index: number) => {
    const row = list[Math.max(0, Math.min(list.length - 1, index))];
    if (row === undefined) return;
    setSelectedId(row.declaration.id);
    setEditSaved(false);
    virtualizer.scrollToIndex(list.indexOf(row));
  };

  const openEdit = (row: TodayRow | undefined) => {
    if (canEdit(row)) setEditingId(row.declaration.id);
  };

  const openLife = (row: TodayRow | undefined, action: DeclarationLifeEventType) => {
    if (!canEdit(row)) return;
    setEditingId(null);
    setLifeSaved(null);
    setLife({ id: row.declaration.id, action });
  };

  const closeLife = (saved: DeclarationLifeEventType | null) => {
    setLife(null);
    setLifeSaved(saved);
    scrollRef.current?.focus();
  };

  const closeEdit = (saved: boolean) => {
    setEditingId(null);
    setEditSaved(saved);
    scrollRef.current?.focus();
  };

  const onListKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex < 0 ? 0 : selectedIndex - 1,
      Home: 0,
      End: list.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      select(target);
    } else if (event.key === 'Enter' || event.key === 'e' || event.key === 'E') {
      event.preventDefault();
      openEdit(selected);
    } else if (LIFE_KEYS[event.key.toLowerCase()] !== undefined) {
      event.preventDefault();
      openLife(selected, LIFE_KEYS[event.key.toLowerCase()] ?? 'review');
    }
  };

  return (
    <section className="today" aria-label={t('today')}>
      <h2>
        {t('today')} <small>{t('countRows', { n: list.length })}</small>
        <button type="button" className="edit-button" disabled={!canEdit(selected)} onClick={() => openEdit(selected)}>
          {t('edit')} (E)
        </button>
        <span className="hint">{t('listHint')}</span>
        <span className="hint">{t('lfKeys')}</span>
        <span className="gate-queue">
          {t('lfGateQueue')} <output aria-label={t('lfGateQueue')}>{gateWaiting ?? 0}</output>
        </span>
        {lifeSaved !== null && (
          <span role="status" className="ok">
            {t('lfSaved', { event: `${DECLARATION_LIFE_EVENT_LABELS[lifeSaved].zh} / ${DECLARATION_LIFE_EVENT_LABELS[lifeSaved].en}` })}
          </span>
        )}
        {editSaved && (
          <span role="status" className="ok">
            {t('editSaved')}
          </span>
        )}
      </h2>
      {editing !== undefined && (
        <EditDeclarationPanel key={editing.declaration.id} db={db} record={editing.declaration} officerId={officerId} onClose={closeEdit} />
      )}
      {living !== undefined && life !== null && (
        <DeclarationLifePanel key={`${living.declaration.id}:${life.action}`} db={db} record={living.declaration} action={life.action} officerId={officerId} onClose={closeLife} />
      )}
      {/* biome-ignore lint/a11y: the scrolling list is one tab stop that takes the keyboard (↑↓ select, E or Enter edit), as the hint above says */}
      <div ref={scrollRef} className="today-scroll" tabIndex={0} onKeyDown={onListKeyDown}>
        <table className="today-table" aria-label={t('today')} aria-rowcount={list.length + 1}>
          <thead>
            <tr className="today-row head" aria-rowindex={1}>
              <th scope="col">{t('time')}</th>
              <th scope="col">{t('certificateNo')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('vehiclePlate')}</th>
              <th scope="col" className="num">
                {t('total')}
              </th>
              <th scope="col" className="num">
                {t('exempt')}
              </th>
              <th scope="col" className="num">
                {t('taxable')}
              </th>
              <th scope="col">{t('lfStatus')}</th>
              <th scope="col">{t('state')}</th>
            </tr>
          </thead>
          <tbody style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = list[item.index];
              if (row === undefined) return null;
              const d = row.declaration;
              const text = noteOf(row, t, lang);
              const isSelected = d.id === selectedId;
              return (
                <tr
                  key={item.key}
                  aria-rowindex={item.index + 2}
                  aria-selected={isSelected}
                  className={`today-row ${row.state}${isSelected ? ' selected' : ''}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                  onClick={() => select(item.index)}
                  onDoubleClick={() => openEdit(row)}
                >
                  <td>{cstTimeOf(d.declaredAt)}</td>
                  <td>{d.certificateNo}</td>
                  <td>{d.residentName}</td>
                  <td>
                    {d.vehiclePlate ?? ''}
                    {d.carPool && <span className="pool"> · {t('carPool')}</span>}
                  </td>
                  <td className="num">{formatFen(d.totalFen)}</td>
                  <td className="num">{formatFen(d.hqExemptFen ?? d.exemptFen)}</td>
                  <td className="num">{formatFen(d.hqTaxableFen ?? d.taxableFen)}</td>
                  <td className="life">
                    <LifeStatus record={d} />
                  </td>
                  <td className="state" title={text}>
                    <span className={`chip ${row.state}`}>{t(STATE_LABEL[row.state])}</span>
                    {text !== '' && <span className="note">{text}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {list.length === 0 && <p className="empty">{t('noDeclarations')}</p>}
      </div>
    </section>
  );
}
