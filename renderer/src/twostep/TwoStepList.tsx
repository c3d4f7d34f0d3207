import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useRef, useState } from 'react';
import {
  DESK_TWO_STEP_EVENTS,
  type DeskTwoStepEvent,
  formatFen,
  legalTwoStepEvents,
  TWO_STEP_EVENT_LABELS,
  TWO_STEP_STATUS_LABELS,
  twoStepFactsOfRecord,
} from '../../../shared/index';
import type { DeskDb } from '../db/desk-db';
import { syncSoon } from '../desk/desk-runtime';
import { type Translate, useT } from '../i18n/use-t';
import { useSessionStore } from '../store/session/store';
import { useUiStore } from '../store/ui/store';
import { saveTwoStepChange, twoStepChange } from './save-two-step';
import type { EntryRow } from './two-step-queries';

const ROW_HEIGHT = 34;

/** The yard's events, each with its key (the officer records them from the keyboard). */
const EVENT_KEYS: Partial<Record<DeskTwoStepEvent, string>> = {
  declare_summary: 'S',
  record_arrival: 'A',
  record_inspection: 'I',
  review: 'V', // 提前审结
  release: 'G', // 卡口验放
  declare_full: 'F',
};
const YARD_EVENT_LABELS: Partial<Record<DeskTwoStepEvent, { zh: string; en: string }>> = {
  review: { zh: '提前审结', en: 'advance review' },
  release: { zh: '卡口验放', en: 'release at the gate' },
};

export function countdownText(row: EntryRow, t: Translate): string {
  const days = row.deadline?.daysLeft;
  if (days === null || days === undefined) return t('tsNoDeadline');
  if (days > 0) return t('tsDaysLeft', { n: days });
  if (days === 0) return t('tsDueToday');
  return t('tsDaysLate', { n: -days });
}

export function feeText(row: EntryRow, t: Translate): string {
  if (row.fee === null) return '';
  return row.fee.isBelowMinimum ? t('tsFeeBelowMin', { fee: formatFen(row.fee.computedFen) }) : formatFen(row.fee.feeFen);
}

/**
 * Entries with their countdown to the full-declaration deadline, virtualized (a port
 * keeps thousands). ↑↓ select; the selected entry's legal yard events are buttons with
 * a letter key each; E edits a draft or a returned summary.
 */
export function TwoStepList({ rows, db, onEdit }: { rows: EntryRow[]; db: DeskDb; onEdit: (id: string) => void }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const session = useSessionStore((s) => s.session);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const getItemKey = useCallback((index: number) => rows[index]?.entry.id ?? index, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: useCallback(() => scrollRef.current, []),
    estimateSize: useCallback(() => ROW_HEIGHT, []),
    overscan: 12,
    getItemKey,
  });
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => r.entry.id === selectedId);
  const selected = selectedIndex >= 0 ? rows[selectedIndex] : undefined;
  const legal = selected === undefined ? [] : legalTwoStepEvents(selected.entry.state, twoStepFactsOfRecord(selected.entry, { type: 'release' }));
  const events = DESK_TWO_STEP_EVENTS.filter((e) => e !== 'delete' && e !== 'declare_one_step' && legal.includes(e));
  const label = (event: DeskTwoStepEvent) => {
    const text = YARD_EVENT_LABELS[event] ?? TWO_STEP_EVENT_LABELS[event];
    return lang === 'en' ? text.en : text.zh;
  };

  async function record(event: DeskTwoStepEvent) {
    if (selected === undefined || session === null) return;
    const saved = await saveTwoStepChange(
      db,
      twoStepChange({ type: 'two_step.event' as const, portId: selected.entry.portId, recordId: selected.entry.id, event }),
      { officerId: session.officer.id, deviceId: session.deviceId },
    );
    setMessage(saved.ok ? t('tsEventDone', { event: label(event) }) : saved.error.message);
    if (saved.ok) syncSoon();
  }

  function select(index: number) {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (row === undefined) return;
    setSelectedId(row.entry.id);
    virtualizer.scrollToIndex(rows.indexOf(row));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      select(selectedIndex + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      select(event.key === 'Home' ? 0 : rows.length - 1);
    } else if ((event.key === 'e' || event.key === 'E') && selected !== undefined && ['draft', 'returned'].includes(selected.entry.state.status)) {
      event.preventDefault();
      onEdit(selected.entry.id);
    } else {
      const found = events.find((e) => EVENT_KEYS[e] === event.key.toUpperCase());
      if (found !== undefined) {
        event.preventDefault();
        void record(found);
      }
    }
  }

  return (
    <section className="two-step-list" aria-label={t('tsTitle')}>
      <div className="ts-row ts-head">
        <span>{t('tsEntryNo')}</span>
        <span>{t('tsConsignee')}</span>
        <span>{t('tsStatus')}</span>
        <span>{t('tsTransportDeclaredOn')}</span>
        <span>{t('tsDueOn')}</span>
        <span>{t('tsCountdown')}</span>
        <span>{t('tsFee')}</span>
      </div>
      {/* biome-ignore lint/a11y: the scrolling list is one tab stop that takes the keyboard (↑↓ select, letter keys record events), as the hint below says */}
      <div className="ts-scroll" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown} data-testid="ts-list">
        {rows.length === 0 ? (
          <p className="empty">{t('tsNoEntries')}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (row === undefined) return null;
              const { entry } = row;
              const status = TWO_STEP_STATUS_LABELS[entry.state.status];
              return (
                // biome-ignore lint/a11y: a row is picked by click or by the list's own keydown (↑↓), one tab stop for the list
                <div
                  key={item.key}
                  data-selected={entry.id === selectedId}
                  className={`ts-row standing-${row.deadline?.standing ?? 'none'}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  onClick={() => setSelectedId(entry.id)}
                  data-testid="ts-row"
                  data-entry-id={entry.id}
                >
                  <span>{entry.entryNo ?? entry.billOfLadingNo}</span>
                  <span>{entry.consignee.name}</span>
                  <span data-testid="ts-status">{lang === 'en' ? status.en : status.zh}</span>
                  <span>{entry.transport.declaredOn ?? '—'}</span>
                  <span>{row.deadline?.dueOn ?? '—'}</span>
                  <span data-testid="ts-countdown">{countdownText(row, t)}</span>
                  <span data-testid="ts-fee">{feeText(row, t)}</span>
                </div>
              );
            })}
          </div>
        )}
      </div>
      <div className="ts-events">
        <strong>{t('tsEvents')}</strong>
        <span className="hint">{t('tsEventHint')}</span>
        {events.map((event) => (
          <button key={event} type="button" onClick={() => void record(event)} aria-keyshortcuts={EVENT_KEYS[event]} data-testid={`ts-event-${event}`}>
            {label(event)} <kbd>{EVENT_KEYS[event]}</kbd>
          </button>
        ))}
        {selected !== undefined && ['draft', 'returned'].includes(selected.entry.state.status) && (
          <button type="button" onClick={() => onEdit(selected.entry.id)} aria-keyshortcuts="E">
            {t('tsEdit')}
          </button>
        )}
        {message !== null && (
          <span role="status" className="message">
            {message}
          </span>
        )}
      </div>
    </section>
  );
}
