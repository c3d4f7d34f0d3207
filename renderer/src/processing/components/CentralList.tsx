import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { CENTRAL_DECLARATION_STATUS_LABELS, type CentralDeclarationRecord, cstDateOf, formatFen, parseYuan } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { syncSoon } from '../../desk/desk-runtime';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../inspections/components/use-desk-identity';
import { assessOnDesk } from '../processing-queries';
import type { CentralEventRecorder } from './CentralPanel';
import { VirtualTable } from '../../components/VirtualTable';
import { RecordStatus } from './RecordStatus';
import { useRecordState } from './use-record-state';

/** The central declarations, newest first, each with its status and the next step it allows (virtualized: a season makes thousands). */
export function CentralList({ db, onEvent }: { db: DeskDb; onEvent: CentralEventRecorder }) {
  const t = useT();
  const label = useLabel();
  const state = useRecordState(db, ['central_declaration.create', 'central_declaration.event']);
  const centrals = useLiveQuery(async () => (await db.centralDeclarations.toArray()).sort((a, b) => (b.declaredAt ?? '9').localeCompare(a.declaredAt ?? '9')), [db]) ?? [];
  const firms = new Map((useLiveQuery(() => db.firms.toArray(), [db]) ?? []).map((f) => [f.id, f.name]));
  return (
    <VirtualTable
      items={centrals}
      rowKey={centralKey}
      label={t('prCentrals')}
      caption={t('prCentrals')}
      columns={6}
      empty={t('prNoCentrals')}
      head={
        <tr>
          <th>{t('prFirm')}</th>
          <th>{t('prAgentName')}</th>
          <th>{t('prSales')}</th>
          <th>{t('prAssessment')}</th>
          <th>{t('prState')}</th>
          <th />
        </tr>
      }
      renderRow={(c, rowProps) => (
        <tr key={c.id} {...rowProps} data-testid="pr-central-row" data-status={c.status} className={c.flags.length > 0 ? 'flagged' : undefined}>
          <td>{firms.get(c.firmId) ?? c.firmId}</td>
          <td>{c.agent.name}</td>
          <td>
            {c.saleIds.length} {t('prSaleCount')}
          </td>
          <td>
            {c.assessment === null ? '—' : `${t('prTaxableFen')} ${formatFen(c.assessment.taxableFen)}`}
            {c.settlement !== null && ` · ${t('prReceipt')} ${c.settlement.receiptNo || '—'}`}
          </td>
          <td>
            <span data-testid="pr-central-status">{label(CENTRAL_DECLARATION_STATUS_LABELS[c.status])}</span>
            <RecordStatus id={c.id} flags={c.flags} hqReceivedAt={c.hqReceivedAt} state={state} />
          </td>
          <td>
            <NextStep key={c.status} db={db} central={c} onEvent={onEvent} />
          </td>
        </tr>
      )}
    />
  );
}

const centralKey = (c: CentralDeclarationRecord) => c.id;

function NextStep({ db, central, onEvent }: { db: DeskDb; central: CentralDeclarationRecord; onEvent: CentralEventRecorder }) {
  const t = useT();
  const label = useLabel();
  const due = central.assessment?.taxableFen ?? 0;
  const [paid, setPaid] = useState(() => (due / 100).toFixed(2));
  const [receipt, setReceipt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = async (event: Parameters<CentralEventRecorder>[1]) => {
    const done = await onEvent(central.id, event);
    if (done === null) return;
    setError(done.ok ? null : done.error.message);
    if (done.ok) syncSoon();
  };
  const assess = async () => {
    const assessed = await assessOnDesk(db, central.saleIds, cstDateOf(central.declaredAt === null ? new Date() : new Date(central.declaredAt)), central.id);
    if (!assessed.ok) return setError(assessed.error.message);
    const { residents: _residents, exemptByDeclaration: _used, ...assessment } = assessed.data;
    await run({ type: 'assess_tax', assessment });
  };
  const settle = async () => {
    const paidFen = parseYuan(paid);
    if (paidFen === null) return setError(`${t('prPaid')}：金额格式不对 / not an amount`);
    await run({ type: 'settle_tax', paidFen, receiptNo: receipt, at: new Date().toISOString() });
  };
  return (
    <div className="pr-step">
      {central.status === 'draft' && (
        <button type="button" onClick={() => void run({ type: 'declare', at: new Date().toISOString() })}>
          {label(CENTRAL_DECLARATION_STATUS_LABELS.declared)}
        </button>
      )}
      {central.status === 'declared' && (
        <button type="button" onClick={() => void assess()} data-testid="pr-assess">
          {t('prAssessTax')}
        </button>
      )}
      {central.status === 'tax_assessed' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void settle();
          }}
        >
          <input aria-label={t('prPaid')} value={paid} onChange={(e) => setPaid(e.target.value)} inputMode="decimal" size={8} data-testid="pr-paid" />
          <input aria-label={t('prReceipt')} placeholder={t('prReceipt')} value={receipt} onChange={(e) => setReceipt(e.target.value)} size={12} data-testid="pr-receipt" />
          <button type="submit" data-testid="pr-settle">
            {t('prSettle')}
          </button>
        </form>
      )}
      {error !== null && (
        <p className="error" role="alert" data-testid="pr-step-error">
          {error}
        </p>
      )}
    </div>
  );
}
