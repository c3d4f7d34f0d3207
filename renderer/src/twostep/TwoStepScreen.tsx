import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { cstDateOf } from '../../../shared/index';
import type { DeskDb } from '../db/desk-db';
import { SectionTabs, type TabSpec } from '../components/SectionTabs';
import { useT } from '../i18n/use-t';
import { TwoStepForm } from './TwoStepForm';
import { TwoStepList } from './TwoStepList';
import { TwoStepTiming } from './TwoStepTiming';
import { byUrgency, dayTimings, entryRows, entryTimings, lateCounts, rowsOfView, twoStepPolicyOn } from './two-step-queries';
import './two-step.css';

type Tab = 'all' | 'due_soon' | 'overdue' | 'consignees' | 'timing' | 'form';

const TABS: readonly TabSpec<Exclude<Tab, 'form'>>[] = [
  { tab: 'all', label: 'tsViewAll', key: '1' },
  { tab: 'due_soon', label: 'tsViewDueSoon', key: '2' },
  { tab: 'overdue', label: 'tsViewOverdue', key: '3' },
  { tab: 'consignees', label: 'tsViewConsignees', key: '4' },
  { tab: 'timing', label: 'tsViewTiming', key: '5' },
];

/** A minute is enough for a countdown in days; the clock still moves on a desk left open overnight. */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * Two-step declarations (两步申报) on the desk: the entries with their countdown, the
 * views due soon and overdue (with the late-fee estimate), late full declarations per
 * consignee, timing from declaration to release, and the entry form. Alt+1…5 switch
 * views, Alt+N opens a new entry.
 */
export function TwoStepScreen({ db }: { db: DeskDb }) {
  const t = useT();
  const now = useMinuteClock();
  const today = cstDateOf(now);
  const [tab, setTab] = useState<Tab>('all');
  const [editingId, setEditingId] = useState<string | null>(null);
  const entries = useLiveQuery(() => db.twoStepEntries.toArray(), [db]);
  const policy = useLiveQuery(() => twoStepPolicyOn(db, today), [db, today]);
  const editing = useLiveQuery(async () => (editingId === null ? null : ((await db.twoStepEntries.get(editingId)) ?? null)), [db, editingId]);
  const rows = useMemo(() => entryRows(entries ?? [], policy ?? null, now).sort(byUrgency), [entries, policy, now]);
  const counts = useMemo(() => lateCounts(entries ?? [], policy ?? null, now), [entries, policy, now]);
  const timings = useMemo(() => entryTimings(entries ?? []), [entries]);

  useEffect(() => {
    // Alt+N: a new entry (the tabs' own Alt+digits are SectionTabs').
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (tab !== 'form' && (event.code === 'KeyN' || event.key === 'n')) {
        event.preventDefault();
        setEditingId(null);
        setTab('form');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tab]);

  const countOf = (view: 'due_soon' | 'overdue') => rows.filter((r) => r.deadline?.standing === view).length;

  return (
    <main className="two-step" aria-label={t('tsTitle')}>
      <SectionTabs
        tabs={TABS}
        selected={tab}
        onSelect={setTab}
        testIdPrefix="ts-tab"
        className="ts-tabs"
        badge={(name) => (name === 'due_soon' || name === 'overdue') && <span className="count-badge">{countOf(name)}</span>}
      >
        <button
          type="button"
          className="primary"
          aria-keyshortcuts="Alt+N"
          onClick={() => {
            setEditingId(null);
            setTab('form');
          }}
          data-testid="ts-new"
        >
          {t('tsNew')} (Alt+N)
        </button>
        <span className="count">{t('tsCountEntries', { n: entries?.length ?? 0 })}</span>
      </SectionTabs>
      {policy === null && <p className="notice">{t('tsNoPolicy')}</p>}
      {tab === 'form' && editing !== undefined && (
        <TwoStepForm
          key={editingId ?? 'new'}
          db={db}
          editing={editing}
          onDone={() => {
            setEditingId(null);
            setTab('all');
          }}
        />
      )}
      {(tab === 'all' || tab === 'due_soon' || tab === 'overdue') && (
        <TwoStepList
          rows={rowsOfView(rows, tab)}
          db={db}
          onEdit={(id) => {
            setEditingId(id);
            setTab('form');
          }}
        />
      )}
      {tab === 'consignees' && (
        <table className="ts-consignees" data-testid="ts-consignees">
          <thead>
            <tr>
              <th>{t('tsCreditCode')}</th>
              <th>{t('tsConsignee')}</th>
              <th>{t('tsLateCount')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {counts.length === 0 && (
              <tr>
                <td colSpan={4}>{t('tsNoLate')}</td>
              </tr>
            )}
            {counts.map((c) => (
              <tr key={c.consigneeCode} className={c.isEligibilityAtRisk ? 'at-risk' : undefined}>
                <td>{c.consigneeCode}</td>
                <td>{entries?.find((e) => e.consignee.creditCode === c.consigneeCode)?.consignee.name ?? ''}</td>
                <td>{c.lateCount}</td>
                <td>{c.isEligibilityAtRisk && <strong role="alert">{t('tsEligibilityAtRisk', { n: c.lateCount })}</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {tab === 'timing' && <TwoStepTiming days={dayTimings(timings)} entries={timings} />}
    </main>
  );
}
