import { type FormEvent, useState } from 'react';
import { cstDateOf, fail, formatFen, type NewTwoStepPolicyRequest, newTwoStepPolicyRequestSchema, type TwoStepPolicy } from '../../../../shared/index';
import { adminApi } from '../admin-client';
import type { ConsoleMessageKey } from '../i18n/messages';
import { useConsoleT } from '../i18n/use-console-t';
import { versionStates } from '../model/versions';
import { useLoad } from '../use-load';
import { parsedRequest, usePublish } from '../use-publish';
import { Notice } from './Notice';
import { VersionBadge } from './VersionBadge';

/** The form's fields as typed, each read as a number (the rate in ‰, the minimum in yuan). */
const NUMBER_FIELDS = [
  ['fullDeclarationDays', 'tsFullDays'],
  ['lateFeeStartsAfterDays', 'tsFeeAfterDays'],
  ['lateFeeRatePerDay', 'tsRatePerMille'],
  ['lateFeeMinFen', 'tsMinYuan'],
  ['sellOffAfterMonths', 'tsSellOffMonths'],
  ['dueSoonDays', 'tsDueSoonDays'],
  ['lateCountWindowDays', 'tsLateWindowDays'],
  ['lateCountWarnAt', 'tsLateWarnAt'],
] as const satisfies readonly (readonly [keyof NewTwoStepPolicyRequest, ConsoleMessageKey])[];
type NumberField = (typeof NUMBER_FIELDS)[number][0];

/** A field as the administrator sees it: the rate per mille, the minimum in yuan. */
function shown(policy: TwoStepPolicy | undefined, field: NumberField): string {
  if (policy === undefined) return '';
  if (field === 'lateFeeRatePerDay') return String(Math.round(policy.lateFeeRatePerDay * 1_000_000) / 1000);
  if (field === 'lateFeeMinFen') return String(policy.lateFeeMinFen / 100);
  return String(policy[field]);
}

/**
 * 两步申报参数: the two-step policy's versions (deadline days, late-fee rate and minimum,
 * eligibility threshold, non-working days) and a form, filled from the newest version,
 * that publishes the next one. HQ checks the whole version again (the shared schema).
 */
export function TwoStepPolicyTab(props: { portId: string; onWritten: () => void }) {
  const t = useConsoleT();
  const today = cstDateOf(new Date());
  const list = useLoad(() => adminApi.twoStepPolicies(props.portId), `two-step-policies:${props.portId}`);
  const newest = list.data?.policies[0];
  const [edits, setEdits] = useState<Partial<Record<NumberField | 'nonWorkingDays', string>>>({});
  const [effectiveFrom, setEffectiveFrom] = useState(today);
  const { error, success, isBusy, run } = usePublish((request: NewTwoStepPolicyRequest) => adminApi.publishTwoStepPolicy(props.portId, request), () => {
    setEdits({});
    list.reload();
    props.onWritten();
  });
  const fieldText = (field: NumberField) => edits[field] ?? shown(newest, field);
  const daysText = edits.nonWorkingDays ?? (newest?.nonWorkingDays ?? []).join(', ');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const values: Record<string, unknown> = { effectiveFrom, nonWorkingDays: daysText.split(/[,，\s]+/).filter((d) => d !== '') };
    for (const [field, label] of NUMBER_FIELDS) {
      const number = Number(fieldText(field).trim());
      if (fieldText(field).trim() === '' || !Number.isFinite(number)) {
        await run(fail('validation', t('tsBadNumber', { field: t(label) }), field));
        return;
      }
      values[field] = field === 'lateFeeRatePerDay' ? Math.round(number * 1000) / 1_000_000 : field === 'lateFeeMinFen' ? Math.round(number * 100) : number;
    }
    await run(parsedRequest(newTwoStepPolicyRequestSchema, values));
  };

  const rows = versionStates(list.data?.policies ?? [], today);
  return (
    <div className="tab-body">
      <Notice error={list.error} />
      <table className="grid" aria-label={t('tabTwoStep')}>
        <thead>
          <tr>
            <th>{t('version')}</th>
            <th>{t('effectiveFrom')}</th>
            <th>{t('tsFullDays')}</th>
            <th>{t('tsRatePerMille')}</th>
            <th>{t('tsMinYuan')}</th>
            <th>{t('tsLateWarnAt')}</th>
            <th>{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ version, state }) => (
            <tr key={version.id} data-testid="two-step-policy-row">
              <td>{version.version}</td>
              <td>{version.effectiveFrom}</td>
              <td className="num">{version.fullDeclarationDays}</td>
              <td className="num">{shown(version, 'lateFeeRatePerDay')}</td>
              <td className="num">{formatFen(version.lateFeeMinFen)}</td>
              <td className="num">{version.lateCountWarnAt}</td>
              <td>
                <VersionBadge state={state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.isLoading && <p className="hint">{t('loading')}</p>}

      <form className="form-card" onSubmit={submit} aria-label={t('tsNewPolicy')}>
        <h2>{t('tsNewPolicy')}</h2>
        <p className="hint">{t('newVersionHint')}</p>
        <div className="fields">
          {NUMBER_FIELDS.map(([field, label]) => (
            <label key={field}>
              {t(label)}
              <input name={field} inputMode="decimal" autoComplete="off" value={fieldText(field)} onChange={(e) => setEdits({ ...edits, [field]: e.target.value })} required />
            </label>
          ))}
          <label>
            {t('tsNonWorkingDays')}
            <input name="nonWorkingDays" autoComplete="off" value={daysText} onChange={(e) => setEdits({ ...edits, nonWorkingDays: e.target.value })} />
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
