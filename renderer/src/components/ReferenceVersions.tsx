import { useLiveQuery } from 'dexie-react-hooks';
import type { DeskDb } from '../db/desk-db';
import { referenceInForce } from '../declarations/desk-queries';
import { useT } from '../i18n/use-t';

/** The duty-free policy and goods-list versions in force today, from what this desk holds. */
export function ReferenceVersions({ db, portId, today }: { db: DeskDb; portId: string; today: string }) {
  const t = useT();
  const reference = useLiveQuery(() => referenceInForce(db, portId, today), [db, portId, today]);
  const none = t('versionNone');
  return (
    <span className="reference-versions" data-testid="reference-versions">
      {t('policyList', { policy: reference?.policy?.version ?? none, list: reference?.goodsList?.version ?? none })}
    </span>
  );
}
