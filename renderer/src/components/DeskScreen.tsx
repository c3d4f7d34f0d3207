import { useLiveQuery } from 'dexie-react-hooks';
import type { DeskDb } from '../db/desk-db';
import { todaysRows } from '../declarations/desk-queries';
import { sessionSelectors } from '../store/session/selectors';
import { useSessionStore } from '../store/session/store';
import type { DeskView } from '../store/ui/initialState';
import { useUiStore } from '../store/ui/store';
import { DeclarationForm } from './DeclarationForm';
import { DeskHeader } from './DeskHeader';
import { DeskNav } from './DeskNav';
import { useDeskViewKeys } from './desk-views';
import { ReviewQueue } from './ReviewQueue';
import { SyncPanel } from './SyncPanel';
import { TodayList } from './TodayList';
import { UpdateRequiredBanner } from './UpdateRequiredBanner';
import { TwoStepScreen } from '../twostep/TwoStepScreen';
import { InspectionsScreen } from '../inspections/components/InspectionsScreen';
import { ProcessingScreen } from '../processing/components/ProcessingScreen';
import { GroupScreen } from '../groups/components/GroupScreen';
import { DayScreen } from '../daystats/components/DayScreen';
import { ResidentsScreen } from '../residents/components/ResidentsScreen';
import { useToday } from './use-today';

export function DeskScreen({ db }: { db: DeskDb }) {
  const today = useToday();
  const view = useUiStore((s) => s.view);
  const officer = useSessionStore(sessionSelectors.officer);
  const rows = useLiveQuery(() => todaysRows(db, today), [db, today]);
  const flaggedToday = rows?.filter((r) => r.state === 'flagged').length ?? 0;
  useDeskViewKeys();

  return (
    <div className="desk">
      <DeskHeader db={db} today={today} />
      <DeskNav db={db} />
      <UpdateRequiredBanner />
      {view === 'desk' ? (
        <>
          <div className="desk-body">
            <DeclarationForm db={db} today={today} />
            <SyncPanel flaggedToday={flaggedToday} />
          </div>
          <TodayList rows={rows} db={db} officerId={officer?.id ?? ''} />
        </>
      ) : (
        <div className="desk-body">
          <SectionScreen view={view} db={db} today={today} />
          <SyncPanel flaggedToday={flaggedToday} />
        </div>
      )}
    </div>
  );
}

/** The main area of every section but 申报 (desk-views.ts lists them). */
function SectionScreen({ view, db, today }: { view: Exclude<DeskView, 'desk'>; db: DeskDb; today: string }) {
  switch (view) {
    case 'review':
      return <ReviewQueue db={db} />;
    case 'twostep':
      return <TwoStepScreen db={db} />;
    case 'inspections':
      return <InspectionsScreen db={db} />;
    case 'processing':
      return <ProcessingScreen db={db} />;
    case 'groups':
      return <GroupScreen db={db} />;
    case 'day':
      return <DayScreen db={db} today={today} />;
    case 'residents':
      return <ResidentsScreen db={db} today={today} />;
  }
}
