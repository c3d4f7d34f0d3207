import { type FormEvent, useState } from 'react';
import { checkGateWeight, cstDateOf, fail, type GatePolicy, type NewGatePolicyRequest, newGatePolicyRequestSchema } from '../../../../shared/index';
import { gatePolicyApi } from '../gate-policy-client';
import { useConsoleT } from '../i18n/use-console-t';
import { versionStates } from '../model/versions';
import { useLoad } from '../use-load';
import { parsedRequest, usePublish } from '../use-publish';
import { Notice } from './Notice';
import { VersionBadge } from './VersionBadge';

/** A tolerance field as typed: empty is "not set" (null), anything else must be a number. */
export function toleranceOf(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/** The allowance a version gives at a declared gross weight (what the chart compares). */
export function allowanceAt(policy: GatePolicy, declaredKg: number): number {
  return checkGateWeight(declaredKg, declaredKg, policy).allowanceKg;
}

const CHART_AT_KG = 100;
const BAR = 22;

/**
 * 卡口过磅误差: the gate weighing tolerance's versions (± % of the declared gross weight,
 * ± kg, which decides when both are set) with a chart of each version's allowance at
 * 100 kg, and a form, filled from the newest version, that publishes the next one. HQ
 * checks the whole version again (the shared schema, the effective date).
 */
export function GatePolicyTab(props: { portId: string; onWritten: () => void }) {
  const t = useConsoleT();
  const today = cstDateOf(new Date());
  const list = useLoad(() => gatePolicyApi.gatePolicies(props.portId), `gate-policies:${props.portId}`);
  const newest = list.data?.policies[0];
  const [percent, setPercent] = useState<string | null>(null);
  const [kg, setKg] = useState<string | null>(null);
  const [combine, setCombine] = useState<GatePolicy['combine'] | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState(today);
  const { error, success, isBusy, run } = usePublish((request: NewGatePolicyRequest) => gatePolicyApi.publishGatePolicy(props.portId, request), () => {
    setPercent(null);
    setKg(null);
    setCombine(null);
    list.reload();
    props.onWritten();
  });
  const percentText = percent ?? (newest?.tolerancePercent == null ? '' : String(newest.tolerancePercent));
  const kgText = kg ?? (newest?.toleranceKg == null ? '' : String(newest.toleranceKg));
  const combineValue = combine ?? newest?.combine ?? 'larger';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const tolerancePercent = toleranceOf(percentText);
    const toleranceKg = toleranceOf(kgText);
    if (tolerancePercent === undefined || toleranceKg === undefined) {
      const field = tolerancePercent === undefined ? 'tolerancePercent' : 'toleranceKg';
      await run(fail('validation', t('gpBadNumber', { field: t(field === 'tolerancePercent' ? 'gpPercent' : 'gpKg') }), field));
      return;
    }
    await run(parsedRequest(newGatePolicyRequestSchema, { effectiveFrom, tolerancePercent, toleranceKg, combine: combineValue }));
  };

  const rows = versionStates(list.data?.policies ?? [], today);
  const allowances = rows.map(({ version }) => allowanceAt(version, CHART_AT_KG));
  const widest = Math.max(1, ...allowances);
  return (
    <div className="tab-body">
      <Notice error={list.error} />
      <table className="grid" aria-label={t('tabGate')}>
        <thead>
          <tr>
            <th>{t('version')}</th>
            <th>{t('effectiveFrom')}</th>
            <th>{t('gpPercent')}</th>
            <th>{t('gpKg')}</th>
            <th>{t('gpCombine')}</th>
            <th>{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ version, state }) => (
            <tr key={version.id} data-testid="gate-policy-row">
              <td>{version.version}</td>
              <td>{version.effectiveFrom}</td>
              <td className="num">{version.tolerancePercent ?? t('gpNone')}</td>
              <td className="num">{version.toleranceKg ?? t('gpNone')}</td>
              <td>{t(version.combine === 'larger' ? 'gpLarger' : 'gpSmaller')}</td>
              <td>
                <VersionBadge state={state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.isLoading && <p className="hint">{t('loading')}</p>}
      {rows.length > 0 && (
        <svg role="img" aria-label={t('gpChart')} width={420} height={rows.length * BAR + 24} className="gate-chart">
          <title>{t('gpChart')}</title>
          {rows.map(({ version }, i) => {
            const width = Math.round(((allowances[i] ?? 0) / widest) * 300);
            return (
              <g key={version.id} transform={`translate(0, ${i * BAR})`}>
                <text x={0} y={15} fontSize={12}>
                  v{version.version}
                </text>
                <rect x={40} y={4} width={width} height={14} fill="#4a7ab8" />
                <text x={46 + width} y={15} fontSize={12}>
                  ±{allowances[i]} kg
                </text>
              </g>
            );
          })}
        </svg>
      )}

      <form className="form-card" onSubmit={submit} aria-label={t('gpNewPolicy')}>
        <h2>{t('gpNewPolicy')}</h2>
        <p className="hint">{t('newVersionHint')}</p>
        <div className="fields">
          <label>
            {t('gpPercent')}
            <input name="tolerancePercent" inputMode="decimal" autoComplete="off" value={percentText} onChange={(e) => setPercent(e.target.value)} />
          </label>
          <label>
            {t('gpKg')}
            <input name="toleranceKg" inputMode="decimal" autoComplete="off" value={kgText} onChange={(e) => setKg(e.target.value)} />
          </label>
          <label>
            {t('gpCombine')}
            <select name="combine" value={combineValue} onChange={(e) => setCombine(e.target.value === 'smaller' ? 'smaller' : 'larger')}>
              <option value="larger">{t('gpLarger')}</option>
              <option value="smaller">{t('gpSmaller')}</option>
            </select>
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
