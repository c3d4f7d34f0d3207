import { useEffect, useRef } from 'react';
import { RESIDENT_STATUS_LABELS, type Resident, residentStatusOn } from '../../../../shared/index';
import { useT } from '../../i18n/use-t';
import { useUiStore } from '../../store/ui/store';

/** One resident in full (the only place the whole ID number shows); Enter declares for them, Esc closes. */
export function ResidentDetail({ resident, today, onDeclare, onClose }: { resident: Resident; today: string; onDeclare: () => void; onClose: () => void }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const status = residentStatusOn(resident, today);
  const declareRef = useRef<HTMLButtonElement>(null);
  useEffect(() => declareRef.current?.focus(), []);
  return (
    <div
      className="resident-detail"
      role="dialog"
      aria-label={t('resDetail')}
      data-testid="resident-detail"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h3>
        {resident.name} · {resident.certificateNo}
      </h3>
      <dl>
        <dt>{t('resName')}</dt>
        <dd>{resident.name}</dd>
        <dt>{t('resCertificate')}</dt>
        <dd>{resident.certificateNo}</dd>
        <dt>{t('resIdNumber')}</dt>
        <dd data-testid="resident-detail-id">{resident.idNumber}</dd>
        <dt>{t('resPlace')}</dt>
        <dd>
          {resident.township} / {resident.village}
        </dd>
        <dt>{t('resValidity')}</dt>
        <dd>
          {resident.validFrom} — {resident.validTo}
        </dd>
        <dt>{t('resStatus')}</dt>
        <dd className={`resident-status ${status}`} data-testid="resident-detail-status">
          {RESIDENT_STATUS_LABELS[status][lang]}
        </dd>
      </dl>
      <button ref={declareRef} type="button" onClick={onDeclare} disabled={status !== 'valid'} data-testid="resident-declare">
        {t('resDeclare')}
      </button>{' '}
      <button type="button" onClick={onClose}>
        {t('resClose')}
      </button>
    </div>
  );
}
