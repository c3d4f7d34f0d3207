import { useLiveQuery } from 'dexie-react-hooks';
import type { DeskDb } from '../db/desk-db';
import { todaysRows } from '../declarations/desk-queries';
import { DeclarationForm } from './DeclarationForm';
import { DeskHeader } from './DeskHeader';
import { SyncPanel } from './SyncPanel';
import { TodayList } from './TodayList';
import { useToday } from './use-today';

export function DeskScreen({ db }: { db: DeskDb }) {
  const today = useToday();
  const rows = useLiveQuery(() => todaysRows(db, today), [db, today]);
  const flaggedToday = rows?.filter((r) => r.state === 'flagged').length ?? 0;
  return (
    <div className="desk">
      <DeskHeader db={db} />
      <div className="desk-body">
        <DeclarationForm db={db} today={today} />
        <SyncPanel flaggedToday={flaggedToday} />
      </div>
      <TodayList rows={rows} />
    </div>
  );
}
