import { useLiveQuery } from 'dexie-react-hooks';
import type { DeskDb } from '../db/desk-db';
import { referenceInForce } from '../declarations/desk-queries';
import { useT } from '../i18n/use-t';
import { gatePoliciesOf } from '../declarations/declaration-event';
import { gatePolicyOn } from '../../../shared/index';

/** The duty-free policy, goods-list and gate weighing policy versions in force today, from what this desk holds. */
export function ReferenceVersions({ db, portId, today }: { db: DeskDb; portId: string; today: string }) {
  const t = useT();
  const reference = useLiveQuery(() => referenceInForce(db, portId, today), [db, portId, today]);
  const none = t('versionNone');
  const gatePolicy = useLiveQuery(async () => gatePolicyOn(await gatePoliciesOf(db, portId), today), [db, portId, today]);
  return (
    <span className="reference-versions" data-testid="reference-versions">
      {t('policyList', { policy: reference?.policy?.version ?? none, list: reference?.goodsList?.version ?? none })}
      {' · '}
      <span data-testid="gate-policy-version">{t('lfGatePolicy', { version: gatePolicy?.version ?? none })}</span>
    </span>
  );
}
