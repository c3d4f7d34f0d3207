import type { ConflictSide, FieldValue, Officer } from '../../../shared/index';
import type { ConflictChoice } from '../conflicts/resolve-conflict';
import type { ConflictRow } from '../conflicts/review-queries';
import { cstDateTimeOf } from '../declarations/format';
import type { MessageKey } from '../i18n/messages';
import { type Translate, useT } from '../i18n/use-t';

const FIELD_LABEL: Record<string, MessageKey> = {
  vehiclePlate: 'vehiclePlate',
  carPool: 'carPool',
  remarks: 'remarks',
};

export function fieldLabel(field: string, t: Translate): string {
  const key = FIELD_LABEL[field];
  return key === undefined ? field : t(key);
}

export function valueText(value: FieldValue, t: Translate): string {
  if (value === null || value === '') return t('valueEmpty');
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  return String(value);
}

/**
 * One conflict, both versions side by side: the value, who changed it, the desk's clock
 * and HQ's, and the desk it came from. A supervisor keeps one side; anyone else reads.
 */
export function ConflictCard(props: {
  row: ConflictRow;
  officers: Map<string, Officer>;
  canResolve: boolean;
  onKeep: (choice: ConflictChoice) => void;
}) {
  const t = useT();
  const { conflict, record } = props.row;
  const resolving = conflict.status === 'resolving';
  const side = (choice: ConflictChoice, heading: MessageKey, data: ConflictSide) => {
    const officer = props.officers.get(data.stamp.officerId);
    return (
      <section className={`conflict-side ${choice}`} aria-label={t(heading)}>
        <h4>{t(heading)}</h4>
        <p className="conflict-value">{valueText(data.value, t)}</p>
        <dl>
          <dt>{t('officer')}</dt>
          <dd>{officer === undefined ? data.stamp.officerId : `${officer.name} · ${officer.username}`}</dd>
          <dt>{t('deskTime')}</dt>
          <dd>{cstDateTimeOf(data.stamp.deskTime)}</dd>
          <dt>{t('hqTime')}</dt>
          <dd>{cstDateTimeOf(data.stamp.hqTime)}</dd>
          <dt>{t('device')}</dt>
          <dd>{data.stamp.deviceId}</dd>
        </dl>
        {props.canResolve && (
          <button type="button" className="primary" disabled={resolving} onClick={() => props.onKeep(choice)}>
            {t('keepThis')}
          </button>
        )}
      </section>
    );
  };
  return (
    <article className={`conflict-card${resolving ? ' resolving' : ''}`}>
      <header>
        <strong>
          {t('declaration')}: {record === null ? conflict.recordId : `${record.certificateNo} ${record.residentName} · ${record.tradeDate}`}
        </strong>
        <span>
          {t('field')}: {fieldLabel(conflict.field, t)}
        </span>
        {resolving && <span className="chip pending">{t('resolving')}</span>}
      </header>
      <div className="conflict-sides">
        {side('winner', 'hqKept', conflict.winner)}
        {side('loser', 'otherDesk', conflict.loser)}
      </div>
    </article>
  );
}
