import { useLiveQuery } from 'dexie-react-hooks';
import { formatFen } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import type { DeclarationState } from '../../declarations/desk-queries';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { useUiStore } from '../../store/ui/store';
import { groupDeclarationsOn } from '../group-queries';

const STATE_LABEL: Record<DeclarationState, MessageKey> = {
  pending: 'statePending',
  synced: 'stateSynced',
  flagged: 'stateFlagged',
  rejected: 'stateRejected',
};

/** Today's group declarations, each with its members' declarations as HQ answered them: HQ's exempt amount and flags, refusals with their reason. */
export function GroupDeclarationList({ db, today }: { db: DeskDb; today: string }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const rows = useLiveQuery(() => groupDeclarationsOn(db, today), [db, today]);
  return (
    <section className="group-today" aria-label={t('grToday')}>
      <h3>{t('grToday')}</h3>
      {rows !== undefined && rows.length === 0 && <p className="hint">{t('grNoneToday')}</p>}
      {rows?.map(({ record, groupName, members }) => (
        <article key={record.id} className="group-declaration" data-testid="group-declaration" data-id={record.id}>
          <h4>
            {groupName} · {record.declaredAt.slice(11, 16)} · {formatFen(record.lines.reduce((sum, line) => sum + line.valueFen, 0))}
          </h4>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('grMember')}</th>
                <th scope="col">{t('grCertificate')}</th>
                <th scope="col">{t('total')}</th>
                <th scope="col">{t('grExempt')}</th>
                <th scope="col">{t('grHqExempt')}</th>
                <th scope="col">{t('grState')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map(({ declaration, state, rejection }) => (
                <tr key={declaration.id} data-testid="group-member-declaration" data-cert={declaration.certificateNo} data-state={state}>
                  <td>{declaration.residentName}</td>
                  <td>{declaration.certificateNo}</td>
                  <td>{formatFen(declaration.totalFen)}</td>
                  <td>{formatFen(declaration.exemptFen)}</td>
                  <td data-field="hqExempt">{declaration.hqExemptFen === null ? '' : formatFen(declaration.hqExemptFen)}</td>
                  <td>
                    <span className={`chip ${state}`}>{t(STATE_LABEL[state])}</span>
                    {declaration.flags.map((flag) => (
                      <span key={`${flag.code}-${flag.at}`} className="flag" data-flag={flag.code}>
                        {lang === 'en' ? flag.messageEn : flag.message}
                      </span>
                    ))}
                    {rejection !== null && <span className="flag">{rejection.message}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      ))}
    </section>
  );
}
