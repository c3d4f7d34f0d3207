import { type FormEvent, useState } from 'react';
import { type AppError, cstDateOf, newProcessingFirmRequestSchema, newProcessingPolicyRequestSchema, type ProcessingFirm, updateProcessingFirmRequestSchema } from '../../../../shared/index';
import { useConsoleT } from '../i18n/use-console-t';
import { versionStates } from '../model/versions';
import { processingApi } from '../processing-client';
import { useLoad } from '../use-load';
import { Notice } from './Notice';
import { VersionBadge } from './VersionBadge';

/** The first problem a schema found, as the console shows it: the field named, then the rule. */
export function problemOf(error: { issues: readonly { message: string; path: readonly PropertyKey[] }[] }): AppError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  return { code: 'validation', message: `${field}: ${issue?.message ?? ''}`, field };
}

/**
 * 加工企业: the port's processing firms (name, unified social credit code, warehouse) —
 * added, or renamed and moved (the credit code names the firm and never changes) — and
 * the landing-processing policy's versions with a form that publishes the next. HQ checks
 * everything again (schemas, one firm per credit code, the effective date).
 */
export function FirmsTab(props: { portId: string; onWritten: () => void }) {
  const t = useConsoleT();
  const today = cstDateOf(new Date());
  const firms = useLoad(() => processingApi.firms(props.portId), `firms:${props.portId}`);
  const policies = useLoad(() => processingApi.policies(props.portId), `processing-policies:${props.portId}`);
  const [editing, setEditing] = useState<ProcessingFirm | null>(null);
  const [name, setName] = useState('');
  const [creditCode, setCreditCode] = useState('');
  const [warehouse, setWarehouse] = useState('');
  const [firmError, setFirmError] = useState<AppError | null>(null);
  const [firmSuccess, setFirmSuccess] = useState<string | null>(null);
  const [isTaxable, setTaxable] = useState<boolean | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState(today);
  const [policyError, setPolicyError] = useState<AppError | null>(null);
  const [policySuccess, setPolicySuccess] = useState<string | null>(null);
  const newest = policies.data?.policies[0];

  const edit = (firm: ProcessingFirm | null) => {
    setEditing(firm);
    setName(firm?.name ?? '');
    setCreditCode(firm?.creditCode ?? '');
    setWarehouse(firm?.warehouseAddress ?? '');
    setFirmError(null);
    setFirmSuccess(null);
  };

  const saveFirm = async (event: FormEvent) => {
    event.preventDefault();
    setFirmSuccess(null);
    if (editing !== null) {
      const request = updateProcessingFirmRequestSchema.safeParse({ name, warehouseAddress: warehouse });
      if (!request.success) return setFirmError(problemOf(request.error));
      const answer = await processingApi.updateFirm(props.portId, editing.id, request.data);
      if (!answer.ok) return setFirmError(answer.error);
      setFirmSuccess(t('pfUpdated', { name: answer.data.record.name, seq: answer.data.seq }));
    } else {
      const request = newProcessingFirmRequestSchema.safeParse({ name, creditCode, warehouseAddress: warehouse });
      if (!request.success) return setFirmError(problemOf(request.error));
      const answer = await processingApi.addFirm(props.portId, request.data);
      if (!answer.ok) return setFirmError(answer.error);
      setFirmSuccess(t('pfAdded', { name: answer.data.record.name, seq: answer.data.seq }));
    }
    setFirmError(null);
    setEditing(null);
    setName('');
    setCreditCode('');
    setWarehouse('');
    firms.reload();
    props.onWritten();
  };

  const publish = async (event: FormEvent) => {
    event.preventDefault();
    setPolicySuccess(null);
    const request = newProcessingPolicyRequestSchema.safeParse({ isSaleTaxable: isTaxable ?? newest?.isSaleTaxable ?? false, effectiveFrom });
    if (!request.success) return setPolicyError(problemOf(request.error));
    const answer = await processingApi.publishPolicy(props.portId, request.data);
    if (!answer.ok) return setPolicyError(answer.error);
    setPolicyError(null);
    setTaxable(null);
    setPolicySuccess(t('published', { version: answer.data.record.version, seq: answer.data.seq }));
    policies.reload();
    props.onWritten();
  };

  const invalid = (field: string) => (firmError?.field === field ? true : undefined);
  return (
    <div className="tab-body">
      <Notice error={firms.error ?? policies.error} />
      <table className="grid" aria-label={t('tabFirms')}>
        <thead>
          <tr>
            <th>{t('pfName')}</th>
            <th>{t('pfCreditCode')}</th>
            <th>{t('pfWarehouse')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(firms.data?.firms ?? []).map((firm) => (
            <tr key={firm.id} data-testid="firm-row">
              <td>{firm.name}</td>
              <td className="mono">{firm.creditCode}</td>
              <td>{firm.warehouseAddress}</td>
              <td>
                <button type="button" onClick={() => edit(firm)}>
                  {t('pfEdit')}
                </button>
              </td>
            </tr>
          ))}
          {firms.data?.firms.length === 0 && (
            <tr>
              <td colSpan={4}>{t('pfNoFirms')}</td>
            </tr>
          )}
        </tbody>
      </table>
      {firms.isLoading && <p className="hint">{t('loading')}</p>}

      <form className="form-card" onSubmit={saveFirm} aria-label={editing === null ? t('pfNewFirm') : t('pfEditFirm')}>
        <h2>{editing === null ? t('pfNewFirm') : t('pfEditFirm')}</h2>
        <div className="fields">
          <label>
            {t('pfName')}
            <input name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={invalid('name')} />
          </label>
          <label>
            {t('pfCreditCode')}
            <input
              name="creditCode"
              autoComplete="off"
              value={creditCode}
              readOnly={editing !== null}
              title={editing !== null ? t('pfCodeLocked') : undefined}
              onChange={(e) => setCreditCode(e.target.value)}
              aria-invalid={invalid('creditCode')}
            />
          </label>
          <label>
            {t('pfWarehouse')}
            <input name="warehouseAddress" autoComplete="off" value={warehouse} onChange={(e) => setWarehouse(e.target.value)} aria-invalid={invalid('warehouseAddress')} />
          </label>
          <button type="submit" className="primary">
            {t('pfSave')}
          </button>
          {editing !== null && (
            <button type="button" onClick={() => edit(null)}>
              {t('pfCancel')}
            </button>
          )}
        </div>
        <Notice error={firmError} success={firmSuccess} />
      </form>

      <table className="grid" aria-label={t('pfPolicies')}>
        <caption>{t('pfPolicies')}</caption>
        <thead>
          <tr>
            <th>{t('version')}</th>
            <th>{t('effectiveFrom')}</th>
            <th>{t('pfTaxable')}</th>
            <th>{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {versionStates(policies.data?.policies ?? [], today).map(({ version, state }) => (
            <tr key={version.id} data-testid="processing-policy-row">
              <td>{version.version}</td>
              <td>{version.effectiveFrom}</td>
              <td>{t(version.isSaleTaxable ? 'pfTaxableYes' : 'pfTaxableNo')}</td>
              <td>
                <VersionBadge state={state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="form-card" onSubmit={publish} aria-label={t('pfNewPolicy')}>
        <h2>{t('pfNewPolicy')}</h2>
        <p className="hint">{t('newVersionHint')}</p>
        <div className="fields">
          <label>
            <input type="checkbox" name="isSaleTaxable" checked={isTaxable ?? newest?.isSaleTaxable ?? false} onChange={(e) => setTaxable(e.target.checked)} />
            {t('pfTaxable')}
          </label>
          <label>
            {t('effectiveFrom')}
            <input name="effectiveFrom" type="date" min={today} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} required />
          </label>
          <button type="submit" className="primary">
            {t('publish')}
          </button>
        </div>
        <Notice error={policyError} success={policySuccess} />
      </form>
    </div>
  );
}
