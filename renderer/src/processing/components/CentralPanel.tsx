import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, type KeyboardEvent, useEffect, useState } from 'react';
import { CENTRAL_DECLARATION_STATUS_LABELS, type CentralDeclarationEvent, formatFen } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { syncSoon } from '../../desk/desk-runtime';
import { useT } from '../../i18n/use-t';
import { cstInputOf } from '../../inspections/inspection-forms';
import { useDeskIdentity } from '../../inspections/components/use-desk-identity';
import { assessOnDesk, unbundledSales } from '../processing-queries';
import { recordCentralEvent, saveCentralDeclaration } from '../save-processing';
import { AssessmentChart } from './AssessmentChart';
import { CentralList } from './CentralList';

type Message = { kind: 'ok' | 'error'; text: string; field?: string };

/**
 * 集中申报: the appointed agent (name and credit code), the firm, that firm's sales not yet
 * bundled (all ticked at first; Space toggles), the assessment in force (sales, exempt,
 * taxable; table and bars), then save-and-declare. Below, each central declaration with
 * its status: assess the tax, then settle it (paid amount, receipt number) once the goods
 * have arrived.
 */
export function CentralPanel({ db }: { db: DeskDb }) {
  const t = useT();
  const who = useDeskIdentity();
  const [firmId, setFirmId] = useState('');
  const [agentName, setAgentName] = useState('');
  const [agentCode, setAgentCode] = useState('');
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<Message | null>(null);
  const firms = useLiveQuery(() => db.firms.toArray(), [db]) ?? [];
  const sales = useLiveQuery(() => (firmId === '' ? [] : unbundledSales(db, firmId)), [db, firmId]) ?? [];
  const chosen = sales.filter((s) => !unticked.has(s.id)).map((s) => s.id);
  const assessment = useLiveQuery(() => (chosen.length === 0 ? null : assessOnDesk(db, chosen)), [db, chosen.join(',')]);

  useEffect(() => {
    if (firmId === '' && firms[0] !== undefined) setFirmId(firms[0].id);
  }, [firms, firmId]);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (who === null) return;
    const saved = await saveCentralDeclaration(db, { firmId, agent: { name: agentName, creditCode: agentCode }, saleIds: chosen }, who);
    if (!saved.ok) {
      setMessage({ kind: 'error', text: saved.error.message, ...(saved.error.field === undefined ? {} : { field: saved.error.field }) });
      return;
    }
    const declared = await recordCentralEvent(db, saved.data.id, { type: 'declare', at: new Date().toISOString() }, who);
    setMessage(declared.ok ? { kind: 'ok', text: `${t('prSaved')}：${CENTRAL_DECLARATION_STATUS_LABELS.declared.zh}` } : { kind: 'error', text: declared.error.message });
    setUnticked(new Set());
    syncSoon();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void save();
    }
  };

  return (
    <section className="pr-central">
      <form className="in-form" aria-label={t('prTabCentral')} onSubmit={save} onKeyDown={onKeyDown}>
        <h2>{t('prTabCentral')}</h2>
        <div className="in-grid">
          <label>
            {t('prFirm')}
            <select value={firmId} onChange={(e) => setFirmId(e.target.value)} data-testid="pr-central-firm">
              {firms.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('prAgentName')}
            <input value={agentName} onChange={(e) => setAgentName(e.target.value)} aria-invalid={message?.field === 'agent.name' ? true : undefined} data-testid="pr-agent-name" />
          </label>
          <label>
            {t('prAgentCode')}
            <input value={agentCode} onChange={(e) => setAgentCode(e.target.value)} aria-invalid={message?.field === 'agent.creditCode' ? true : undefined} data-testid="pr-agent-code" />
          </label>
        </div>
        <fieldset>
          <legend>{t('prUnbundled')}</legend>
          {sales.length === 0 && <p>{t('prNoUnbundled')}</p>}
          {sales.map((s) => (
            <label key={s.id} className="pr-pick" data-testid="pr-pick-sale">
              <input
                type="checkbox"
                checked={!unticked.has(s.id)}
                onChange={() =>
                  setUnticked((u) => {
                    const next = new Set(u);
                    if (next.has(s.id)) next.delete(s.id);
                    else next.add(s.id);
                    return next;
                  })
                }
              />
              {cstInputOf(new Date(s.soldAt)).replace('T', ' ')} · {s.lines.map((l) => l.quantity).join(' + ')} · {formatFen(s.lines.reduce((sum, l) => sum + l.valueFen, 0))}
            </label>
          ))}
        </fieldset>
        {assessment?.ok === true && <AssessmentChart assessment={assessment.data} />}
        {assessment?.ok === false && <p className="error">{assessment.error.message}</p>}
        <button type="submit" className="primary" disabled={who === null || chosen.length === 0} aria-keyshortcuts="Control+Enter" data-testid="pr-save-central">
          {t('prSaveCentral')}
        </button>
        {message !== null && (
          <p className={message.kind} role={message.kind === 'error' ? 'alert' : 'status'} data-testid={`pr-central-${message.kind}`}>
            {message.kind === 'error' ? `${t('prRefused')}：` : ''}
            {message.text}
          </p>
        )}
      </form>
      <CentralList db={db} onEvent={(id, event) => (who === null ? Promise.resolve(null) : recordCentralEvent(db, id, event, who))} />
    </section>
  );
}

export type CentralEventRecorder = (centralId: string, event: CentralDeclarationEvent) => ReturnType<typeof recordCentralEvent> | Promise<null>;
