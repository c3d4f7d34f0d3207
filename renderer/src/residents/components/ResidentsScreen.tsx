import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { maskIdNumber, RESIDENT_STATUS_LABELS, type Resident, residentStatusOn } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { useT } from '../../i18n/use-t';
import { sessionSelectors } from '../../store/session/selectors';
import { useSessionStore } from '../../store/session/store';
import { useUiStore } from '../../store/ui/store';
import { declareFor } from '../declare-for';
import { RESIDENT_SEARCH_LIMIT, searchResidents } from '../resident-search';
import { ResidentDetail } from './ResidentDetail';
import '../residents.css';

const ROW_HEIGHT = 30;
const EMPTY: Resident[] = [];

/**
 * 边民 (Alt+B): the residents filed at the port, found by certificate number, ID number or
 * name from one box; a virtualized list with masked ID numbers and the status as of today
 * (CST). ↑↓ select, Enter opens the detail (the full ID number), Enter there declares.
 */
export function ResidentsScreen({ db, today }: { db: DeskDb; today: string }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const setView = useUiStore((s) => s.setView);
  const portId = useSessionStore(sessionSelectors.officer)?.portId ?? '';
  const [text, setText] = useState('');
  const [selected, setSelected] = useState(0);
  const [detail, setDetail] = useState<Resident | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => searchRef.current?.focus(), []);
  const found = useLiveQuery(() => searchResidents(db, portId, text), [db, portId, text]);
  const list = found?.residents ?? EMPTY;
  const getItemKey = useCallback((index: number) => list[index]?.id ?? index, [list]);
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: useCallback(() => scrollRef.current, []),
    estimateSize: useCallback(() => ROW_HEIGHT, []),
    overscan: 12,
    getItemKey,
  });
  const current = Math.min(selected, Math.max(0, list.length - 1));

  const move = (to: number) => {
    const next = Math.max(0, Math.min(list.length - 1, to));
    setSelected(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') move(current + 1);
    else if (event.key === 'ArrowUp') move(current - 1);
    else if (event.key === 'PageDown') move(current + 15);
    else if (event.key === 'PageUp') move(current - 15);
    else if (event.key === 'Enter') {
      const resident = list[current];
      if (resident !== undefined) setDetail(resident);
    } else return;
    event.preventDefault();
  };
  const close = () => {
    setDetail(null);
    searchRef.current?.focus();
  };

  return (
    <section className="residents-screen" aria-label={t('resTitle')} data-testid="residents-screen">
      <h2>{t('resTitle')}</h2>
      <label>
        {t('resSearch')}{' '}
        <input
          ref={searchRef}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setSelected(0);
          }}
          onKeyDown={onKey}
          aria-controls="resident-list"
          aria-activedescendant={list[current] === undefined ? undefined : `resident-${list[current]?.id}`}
          data-testid="resident-search"
        />
      </label>
      <p className="hint">
        {t('resSearchHint')} · <span data-testid="resident-count">{t('resCount', { n: list.length })}</span>
        {found?.isTruncated === true && <> · {t('resMore', { n: RESIDENT_SEARCH_LIMIT })}</>}
      </p>
      <div className="resident-row header" style={{ position: 'static' }}>
        <span>{t('resCertificate')}</span>
        <span>{t('resName')}</span>
        <span>{t('resIdNumber')}</span>
        <span>{t('resPlace')}</span>
        <span>{t('resValidity')}</span>
        <span>{t('resStatus')}</span>
      </div>
      <div ref={scrollRef} className="resident-list" id="resident-list" role="listbox" aria-label={t('resTitle')} data-testid="resident-list">
        {found !== undefined && list.length === 0 && <p className="empty">{t('resNone')}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const resident = list[item.index];
            if (resident === undefined) return null;
            const status = residentStatusOn(resident, today);
            return (
              <div
                key={item.key}
                id={`resident-${resident.id}`}
                role="option"
                aria-selected={item.index === current}
                tabIndex={-1}
                className={item.index === current ? 'resident-row selected' : 'resident-row'}
                style={{ top: item.start, height: ROW_HEIGHT }}
                data-testid="resident-row"
                onClick={() => setSelected(item.index)}
                onDoubleClick={() => setDetail(resident)}
                onKeyDown={() => undefined}
              >
                <span>{resident.certificateNo}</span>
                <span>{resident.name}</span>
                <span data-testid="resident-row-id">{maskIdNumber(resident.idNumber)}</span>
                <span>
                  {resident.township} {resident.village}
                </span>
                <span>
                  {resident.validFrom} — {resident.validTo}
                </span>
                <span className={`resident-status ${status}`}>{RESIDENT_STATUS_LABELS[status][lang]}</span>
              </div>
            );
          })}
        </div>
      </div>
      {detail !== null && (
        <ResidentDetail
          resident={detail}
          today={today}
          onClose={close}
          onDeclare={() => {
            declareFor(detail.certificateNo);
            setView('desk');
          }}
        />
      )}
    </section>
  );
}
