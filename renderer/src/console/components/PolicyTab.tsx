import { type FormEvent, useState } from 'react';
import { type AppError, cstDateOf, formatFen } from '../../../../shared/index';
import { adminApi } from '../admin-client';
import { useConsoleT } from '../i18n/use-console-t';
import { policyRequestOf } from '../model/policy-form';
import { versionStates } from '../model/versions';
import { useReference } from '../use-reference';
import { Notice } from './Notice';
import { VersionBadge } from './VersionBadge';

/** 政策: the duty-free policy's versions, and a form that publishes the next one. */
export function PolicyTab(props: { portId: string; onWritten: () => void }) {
  const t = useConsoleT();
  const today = cstDateOf(new Date());
  const reference = useReference(props.portId);
  const [amount, setAmount] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(today);
  const [error, setError] = useState<AppError | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSuccess(null);
    const request = policyRequestOf({ amountYuan: amount, effectiveFrom }, today);
    if (!request.ok) {
      setError(request.error);
      return;
    }
    setBusy(true);
    const answer = await adminApi.publishPolicy(props.portId, request.data);
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setError(null);
    setAmount('');
    setSuccess(t('published', { version: answer.data.record.version, seq: answer.data.seq }));
    reference.reload();
    props.onWritten();
  };

  const rows = versionStates(reference.data?.policies ?? [], today);
  return (
    <div className="tab-body">
      <Notice error={reference.error} />
      <table className="grid" aria-label={t('tabPolicy')}>
        <thead>
          <tr>
            <th>{t('version')}</th>
            <th>{t('effectiveFrom')}</th>
            <th>{t('dailyAmount')}</th>
            <th>{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ version, state }) => (
            <tr key={version.id} data-testid="policy-version-row">
              <td>{version.version}</td>
              <td>{version.effectiveFrom}</td>
              <td className="num">{formatFen(version.dailyExemptFen)}</td>
              <td>
                <VersionBadge state={state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reference.isLoading && <p className="hint">{t('loading')}</p>}

      <form className="form-card" onSubmit={submit} aria-label={t('newPolicy')}>
        <h2>{t('newPolicy')}</h2>
        <p className="hint">{t('newVersionHint')}</p>
        <div className="fields">
          <label>
            {t('dailyAmountYuan')}
            <input name="dailyAmountYuan" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} required />
          </label>
          <label>
            {t('effectiveFrom')}
            <input name="effectiveFrom" type="date" min={today} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} required />
          </label>
          <button type="submit" className="primary" disabled={isBusy}>
            {isBusy ? t('publishing') : t('publish')}
          </button>
        </div>
        <Notice error={error} success={success} />
      </form>
    </div>
  );
}
