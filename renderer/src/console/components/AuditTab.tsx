import { Fragment, useState } from 'react';
import type { AppError, AuditChainSummary, AuditVerdict } from '../../../../shared/index';
import { adminApi } from '../admin-client';
import { useConsoleT } from '../i18n/use-console-t';
import { useLoad } from '../use-load';
import { useReference } from '../use-reference';
import { AuditEntries } from './AuditEntries';
import { Notice } from './Notice';
import { cstDateTime } from './time';

/** 审计: each desk's audit chain with a clear OK/broken badge, its entries, and re-verification. */
export function AuditTab(props: { portId: string; onWritten: () => void }) {
  const t = useConsoleT();
  const audit = useLoad(() => adminApi.audit(props.portId), `audit:${props.portId}`);
  const reference = useReference(props.portId);
  const officerNames = new Map((reference.data?.officers ?? []).map((o) => [o.id, o.name]));
  const [verdicts, setVerdicts] = useState<Record<string, AuditVerdict | AppError>>({});
  const [busyDevice, setBusyDevice] = useState<string | null>(null);
  const [shownDevice, setShownDevice] = useState<string | null>(null);

  const verify = async (chain: AuditChainSummary) => {
    setBusyDevice(chain.deviceId);
    const answer = await adminApi.verify(props.portId, chain.deviceId);
    setBusyDevice(null);
    setVerdicts((all) => ({ ...all, [chain.deviceId]: answer.ok ? answer.data : answer.error }));
    audit.reload();
    props.onWritten();
  };

  const chains = audit.data?.chains ?? [];
  const breaks = audit.data?.breaks ?? [];
  return (
    <div className="tab-body">
      <Notice error={audit.error} />
      <table className="grid" aria-label={t('tabAudit')}>
        <thead>
          <tr>
            <th>{t('device')}</th>
            <th>{t('officer')}</th>
            <th>{t('headN')}</th>
            <th>{t('entries')}</th>
            <th>{t('status')}</th>
            <th>{t('lastReceived')}</th>
            <th>{t('verifiedAt')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {chains.map((chain) => {
            const verdict = verdicts[chain.deviceId];
            return (
              <Fragment key={chain.deviceId}>
                <tr data-testid="audit-chain-row" data-device={chain.deviceId} data-broken={chain.broken}>
                  <td className="mono">{chain.deviceId}</td>
                  <td>{chain.officerName ?? chain.officerId.slice(0, 8)}</td>
                  <td className="num">{chain.headN}</td>
                  <td className="num">{chain.entries}</td>
                  <td>
                    <span data-testid="audit-chain-status" className={chain.broken ? 'badge bad' : 'badge ok'}>
                      {chain.broken ? `✕ ${t('chainBroken')}` : `✓ ${t('chainOk')}`}
                    </span>
                  </td>
                  <td>{cstDateTime(chain.lastReceivedAt)}</td>
                  <td>{chain.verifiedAt === null ? t('never') : cstDateTime(chain.verifiedAt)}</td>
                  <td className="actions">
                    <button type="button" onClick={() => setShownDevice(chain.deviceId)} aria-label={`${t('showEntries')} ${chain.deviceId}`}>
                      {t('showEntries')}
                    </button>
                    <button type="button" onClick={() => void verify(chain)} disabled={busyDevice !== null}>
                      {busyDevice === chain.deviceId ? t('verifying') : t('reverify')}
                    </button>
                  </td>
                </tr>
                {verdict !== undefined && (
                  <tr className="verdict-row">
                    <td colSpan={8}>
                      <VerdictNote verdict={verdict} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
          {chains.length === 0 && !audit.isLoading && (
            <tr>
              <td colSpan={8} className="hint">
                {t('noChains')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {audit.isLoading && <p className="hint">{t('loading')}</p>}

      {shownDevice !== null && <AuditEntries portId={props.portId} deviceId={shownDevice} officerNames={officerNames} onClose={() => setShownDevice(null)} />}

      <section className="form-card" aria-label={t('breaks')}>
        <h2>{t('breaks')}</h2>
        {breaks.length === 0 ? (
          <p className="hint">{t('noBreaks')}</p>
        ) : (
          <table className="grid" aria-label={t('breaks')}>
            <thead>
              <tr>
                <th>{t('device')}</th>
                <th>{t('entryN')}</th>
                <th>{t('status')}</th>
                <th>{t('foundBy')}</th>
                <th>{t('detectedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {breaks.map((b) => (
                <tr key={b.breakId} data-testid="audit-break-row">
                  <td className="mono">{b.deviceId}</td>
                  <td className="num">{b.n}</td>
                  <td>{b.message}</td>
                  <td>{b.source === 'verify' ? t('sourceVerify') : t('sourcePush')}</td>
                  <td>{cstDateTime(b.detectedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function VerdictNote(props: { verdict: AuditVerdict | AppError }) {
  const t = useConsoleT();
  const { verdict } = props;
  if (!('deviceId' in verdict)) return <Notice error={verdict} />;
  const isOk = verdict.problemCount === 0;
  const text = isOk
    ? t('verdictOk', { device: verdict.deviceId, checked: verdict.checked, head: verdict.head.n })
    : t('verdictBroken', { device: verdict.deviceId, checked: verdict.checked, count: verdict.problemCount, fresh: verdict.newBreaks, head: verdict.head.n });
  return (
    <div role="status" data-testid="audit-verdict" className={isOk ? 'ok' : 'error'}>
      <p>{text}</p>
      {verdict.problems.length > 0 && (
        <ul>
          {verdict.problems.slice(0, 20).map((p) => (
            <li key={`${p.n}:${p.kind}`}>{p.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
