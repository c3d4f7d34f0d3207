import { formatFen, isResidentActiveOn, maskIdNumber, type Resident } from '../../../shared/index';
import { useT } from '../i18n/use-t';

interface Props {
  resident: Resident;
  today: string;
  leftTodayFen: number | null;
}

export function ResidentCard({ resident, today, leftTodayFen }: Props) {
  const t = useT();
  const active = isResidentActiveOn(resident, today);
  const status =
    resident.status === 'valid' ? t('statusValid') : resident.status === 'expired' ? t('statusExpired') : t('statusSuspended');
  return (
    <section className={active ? 'resident' : 'resident inactive'} aria-label={t('residentName')}>
      <dl>
        <div>
          <dt>{t('residentName')}</dt>
          <dd>{resident.name}</dd>
        </div>
        <div>
          <dt>{t('idNumber')}</dt>
          <dd>{maskIdNumber(resident.idNumber)}</dd>
        </div>
        <div>
          <dt>{t('status')}</dt>
          <dd>{status}</dd>
        </div>
        <div>
          <dt>{t('validity')}</dt>
          <dd>
            {resident.validFrom} ~ {resident.validTo}
          </dd>
        </div>
        <div className="left">
          <dt>{t('leftToday')}</dt>
          <dd>
            <output aria-label={t('leftToday')}>{leftTodayFen === null ? '—' : formatFen(leftTodayFen)}</output>
          </dd>
        </div>
      </dl>
      {!active && (
        <p role="alert" className="error">
          {t('residentInactive')}（{status}，{resident.validFrom} ~ {resident.validTo}）
        </p>
      )}
    </section>
  );
}
