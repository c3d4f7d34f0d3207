import { useLiveQuery } from 'dexie-react-hooks';
import type { DeskDb, Rejection } from '../../db/desk-db';

/** What the lists show beside each record: still in the outbox, or refused by HQ (with its reason). */
export interface RecordState {
  pending: Set<string>;
  rejected: Map<string, Rejection>;
}

export function useRecordState(db: DeskDb, types: readonly string[]): RecordState {
  const key = types.join(',');
  return (
    useLiveQuery(
      async () => ({
        pending: new Set((await db.outbox.where('type').anyOf([...types]).toArray()).map((e) => e.recordId)),
        rejected: new Map((await db.rejections.toArray()).filter((r) => r.type !== undefined && types.includes(r.type)).map((r) => [r.recordId, r])),
      }),
      [db, key],
    ) ?? { pending: new Set<string>(), rejected: new Map<string, Rejection>() }
  );
}
