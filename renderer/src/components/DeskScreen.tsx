import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import type { DeskDb } from '../db/desk-db';
import { todaysRows } from '../declarations/desk-queries';
import { sessionSelectors } from '../store/session/selectors';
import { useSessionStore } from '../store/session/store';
import { useUiStore } from '../store/ui/store';
import { DeclarationForm } from './DeclarationForm';
import { DeskHeader } from './DeskHeader';
import { ReviewQueue } from './ReviewQueue';
import { SyncPanel } from './SyncPanel';
import { TodayList } from './TodayList';
import { UpdateRequiredBanner } from './UpdateRequiredBanner';
import { TwoStepScreen } from '../twostep/TwoStepScreen';
import { InspectionsScreen } from '../inspections/components/InspectionsScreen';
import { ProcessingScreen } from '../processing/components/ProcessingScreen';
import { GroupScreen } from '../groups/components/GroupScreen';
import { useGroupShortcut } from '../groups/use-group-shortcut';
import { DayScreen } from '../daystats/components/DayScreen';
import { ResidentsScreen } from '../residents/components/ResidentsScreen';
import { useToday } from './use-today';

export function DeskScreen({ db }: { db: DeskDb }) {
  const today = useToday();
  const view = useUiStore((s) => s.view);
  const toggleReview = useUiStore((s) => s.toggleReview);
  const setView = useUiStore((s) => s.setView);
  const officer = useSessionStore(sessionSelectors.officer);
  const rows = useLiveQuery(() => todaysRows(db, today), [db, today]);
  const flaggedToday = rows?.filter((r) => r.state === 'flagged').length ?? 0;
  useGroupShortcut();

  useEffect(() => {
    // Alt+R: the review queue (复核队列) and back, from anywhere on the desk; Esc leaves it.
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'r' || event.key === 'R' || event.code === 'KeyR')) {
        event.preventDefault();
        toggleReview();
      } else if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 't' || event.key === 'T' || event.code === 'KeyT')) {
        // Alt+T: two-step declarations (两步申报) and back.
        event.preventDefault();
        setView(view === 'twostep' ? 'desk' : 'twostep');
      } else if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'i' || event.key === 'I' || event.code === 'KeyI')) {
        // Alt+I: designated sites and inspections (场地查验) and back.
        event.preventDefault();
        setView(view === 'inspections' ? 'desk' : 'inspections');
      } else if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 's' || event.key === 'S' || event.code === 'KeyS')) {
        // Alt+S: the day's figures (当日统计) and back.
        event.preventDefault();
        setView(view === 'day' ? 'desk' : 'day');
      } else if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'b' || event.key === 'B' || event.code === 'KeyB')) {
        // Alt+B: residents filed at the port (边民) and back.
        event.preventDefault();
        setView(view === 'residents' ? 'desk' : 'residents');
      } else if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'p' || event.key === 'P' || event.code === 'KeyP')) {
        // Alt+P: landing processing (落地加工) and back.
        event.preventDefault();
        setView(view === 'processing' ? 'desk' : 'processing');
      } else if (event.key === 'Escape' && (view === 'review' || view === 'twostep' || view === 'inspections' || view === 'day' || view === 'residents' || view === 'processing') && !event.defaultPrevented) {
        event.preventDefault();
        setView('desk');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleReview, setView, view]);

  return (
    <div className="desk">
      <DeskHeader db={db} today={today} />
      <UpdateRequiredBanner />
      {view === 'groups' ? (
        <div className="desk-body">
          <GroupScreen db={db} />
          <SyncPanel flaggedToday={flaggedToday} />
        </div>
      ) : view === 'day' ? (
        <div className="desk-body">
          <DayScreen db={db} today={today} />
          <SyncPanel flaggedToday={flaggedToday} />
        </div>
      ) : view === 'residents' ? (
        <div className="desk-body">
          <ResidentsScreen db={db} today={today} />
          <SyncPanel flaggedToday={flaggedToday} />
        </div>
      ) : view === 'processing' ? (
        <div className="desk-body">
          <ProcessingScreen db={db} />
          <SyncPanel flaggedToday={flaggedToday} />
        </div>
      ) : view === 'inspections' ? (
        <div className="desk-body">
          <InspectionsScreen db={db} />
          <SyncPanel flaggedToday={flaggedToday} />
        </div>
      ) : view === 'twostep' ? (
        <div className="desk-body">
          <TwoStepScreen db={db} />
          <SyncPanel flaggedToday={flaggedToday} />
        </div>
      ) : view === 'review' ? (
        <div className="desk-body">
          <ReviewQueue db={db} />
          <SyncPanel flaggedToday={flaggedToday} />
        </div>
      ) : (
        <>
          <div className="desk-body">
            <DeclarationForm db={db} today={today} />
            <SyncPanel flaggedToday={flaggedToday} />
          </div>
          <TodayList rows={rows} db={db} officerId={officer?.id ?? ''} />
        </>
      )}
    </div>
  );
}
