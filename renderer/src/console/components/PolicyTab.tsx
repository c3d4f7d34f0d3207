import { type FormEvent, useState } from 'react';
import { cstDateOf, formatFen, type NewPolicyRequest } from '../../../../shared/index';
import { adminApi } from '../admin-client';
import { useConsoleT } from '../i18n/use-console-t';
import { policyRequestOf } from '../model/policy-form';
import { versionStates } from '../model/versions';
import { useReference } from '../use-reference';
import { usePublish } from '../use-publish';
import { Notice } from './Notice';
import { VersionBadge } from './VersionBadge';

/** 政策: the duty-free policy's versions, and a form that publishes the next one. */
export function PolicyTab(props: { portId: string; onWritten: () => void }) {
  const t = useConsoleT();
  const today = cstDateOf(new Date());
  const reference = useReference(props.portId);
  const [amount, setAmount] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(today);
  const { error, success, isBusy, run } = usePublish((request: NewPolicyRequest) => adminApi.publishPolicy(props.portId, request), () => {
    setAmount('');
    reference.reload();
    props.onWritten();
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(policyRequestOf({ amountYuan: amount, effectiveFrom }, today));
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
