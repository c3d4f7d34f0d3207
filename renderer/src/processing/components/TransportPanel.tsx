import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, type KeyboardEvent, useState } from 'react';
import type { DirectTransportRecord } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { syncSoon } from '../../desk/desk-runtime';
import { useT } from '../../i18n/use-t';
import { cstInputOf, cstInputToIso } from '../../inspections/inspection-forms';
import { useDeskIdentity } from '../../inspections/components/use-desk-identity';
import { recordTransportArrival, saveDirectTransport } from '../save-processing';
import { VirtualTable } from '../../components/VirtualTable';
import { RecordStatus } from './RecordStatus';
import { useRecordState } from './use-record-state';

type Message = { kind: 'ok' | 'error'; text: string; field?: string };

/**
 * 直通运输: the goods of a declared central declaration leave under seal (plate, seal
 * number, departure time), and arrive at the firm's warehouse (arrival time, the seal as
 * found, intact or not). Both checked by the shared rules before anything is saved.
 */
export function TransportPanel({ db }: { db: DeskDb }) {
  const t = useT();
  const who = useDeskIdentity();
  const [centralId, setCentralId] = useState('');
  const [plate, setPlate] = useState('');
  const [seal, setSeal] = useState('');
  const [departedAt, setDepartedAt] = useState(() => cstInputOf(new Date()));
  const [message, setMessage] = useState<Message | null>(null);
  const state = useRecordState(db, ['direct_transport.create', 'direct_transport.arrive']);
  const centrals = useLiveQuery(() => db.centralDeclarations.toArray(), [db]) ?? [];
  const firms = new Map((useLiveQuery(() => db.firms.toArray(), [db]) ?? []).map((f) => [f.id, f]));
  const transports = useLiveQuery(async () => (await db.directTransports.toArray()).sort((a, b) => b.departedAt.localeCompare(a.departedAt)), [db]) ?? [];
  const leaving = centrals.filter((c) => c.status !== 'draft' && c.status !== 'tax_settled');

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (who === null) return;
    const iso = cstInputToIso(departedAt);
    if (iso === null) return setMessage({ kind: 'error', text: `${t('prDepartedAt')}：时间格式不对 / not a time`, field: 'departedAt' });
    const saved = await saveDirectTransport(db, { centralDeclarationId: centralId || (leaving[0]?.id ?? ''), vehiclePlate: plate, sealNo: seal, departedAt: iso }, who);
    if (!saved.ok) return setMessage({ kind: 'error', text: saved.error.message, ...(saved.error.field === undefined ? {} : { field: saved.error.field }) });
    setMessage({ kind: 'ok', text: `${t('prSaved')}：${saved.data.vehiclePlate} ${saved.data.sealNo}` });
    setPlate('');
    setSeal('');
    syncSoon();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void save();
    }
  };
  const invalid = (field: string) => (message?.kind === 'error' && message.field === field ? true : undefined);

  return (
    <section className="pr-transport">
      <form className="in-form" aria-label={t('prTabTransport')} onSubmit={save} onKeyDown={onKeyDown}>
        <h2>{t('prTabTransport')}</h2>
        <div className="in-grid">
          <label className="wide">
            {t('prCentral')}
            <select value={centralId} onChange={(e) => setCentralId(e.target.value)} aria-invalid={invalid('centralDeclarationId')} data-testid="pr-transport-central">
              {leaving.length === 0 && <option value="">{t('prChooseCentral')}</option>}
              {leaving.map((c) => (
                <option key={c.id} value={c.id}>
                  {firms.get(c.firmId)?.name ?? c.firmId} · {c.agent.name} · {c.saleIds.length} {t('prSaleCount')}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('prPlate')}
            <input value={plate} onChange={(e) => setPlate(e.target.value)} aria-invalid={invalid('vehiclePlate')} data-testid="pr-plate" />
          </label>
          <label>
            {t('prSeal')}
            <input value={seal} onChange={(e) => setSeal(e.target.value)} aria-invalid={invalid('sealNo')} data-testid="pr-seal" />
          </label>
          <label>
            {t('prDepartedAt')}
            <input type="datetime-local" value={departedAt} onChange={(e) => setDepartedAt(e.target.value)} aria-invalid={invalid('departedAt')} />
          </label>
        </div>
        <button type="submit" className="primary" disabled={who === null} aria-keyshortcuts="Control+Enter" data-testid="pr-save-transport">
          {t('prSaveTransport')}
        </button>
        {message !== null && (
          <p className={message.kind} role={message.kind === 'error' ? 'alert' : 'status'} data-testid={`pr-transport-${message.kind}`}>
            {message.kind === 'error' ? `${t('prRefused')}：` : ''}
            {message.text}
          </p>
        )}
      </form>
      <VirtualTable
        items={transports}
        rowKey={transportKey}
        label={t('prTransports')}
        caption={t('prTransports')}
        columns={6}
        empty={t('prNoTransports')}
        head={
          <tr>
            <th>{t('prPlate')}</th>
            <th>{t('prSeal')}</th>
            <th>{t('prFirm')}</th>
            <th>{t('prDepartedAt')}</th>
            <th>{t('prState')}</th>
            <th />
          </tr>
        }
        renderRow={(tr, rowProps) => (
          <tr key={tr.id} {...rowProps} data-testid="pr-transport-row" data-arrived={tr.arrivedAt !== null ? 'true' : undefined}>
            <td>{tr.vehiclePlate}</td>
            <td>{tr.sealNo}</td>
            <td>{firms.get(tr.firmId)?.warehouseAddress ?? tr.firmId}</td>
            <td>{cstInputOf(new Date(tr.departedAt)).replace('T', ' ')}</td>
            <td>
              {tr.arrivedAt === null ? t('prOnTheWay') : `${t('prArrived')} ${cstInputOf(new Date(tr.arrivedAt)).replace('T', ' ')}`}
              <RecordStatus id={tr.id} flags={tr.flags} hqReceivedAt={tr.hqReceivedAt} state={state} />
            </td>
            <td>{tr.arrivedAt === null && <Arrival db={db} transport={tr} />}</td>
          </tr>
        )}
      />
    </section>
  );
}

const transportKey = (tr: DirectTransportRecord) => tr.id;

function Arrival({ db, transport }: { db: DeskDb; transport: DirectTransportRecord }) {
  const t = useT();
  const who = useDeskIdentity();
  const [arrivedAt, setArrivedAt] = useState(() => cstInputOf(new Date()));
  const [sealNo, setSealNo] = useState('');
  const [isSealIntact, setSealIntact] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const record = async (event: FormEvent) => {
    event.preventDefault();
    if (who === null) return;
    const iso = cstInputToIso(arrivedAt);
    if (iso === null) return setError(`${t('prArrivedAt')}：时间格式不对 / not a time`);
    const done = await recordTransportArrival(db, transport.id, { arrivedAt: iso, sealNo, isSealIntact }, who);
    setError(done.ok ? null : done.error.message);
    if (done.ok) syncSoon();
  };
  return (
    <form className="pr-step" onSubmit={record}>
      <input type="datetime-local" aria-label={t('prArrivedAt')} value={arrivedAt} onChange={(e) => setArrivedAt(e.target.value)} />
      <input aria-label={t('prSealFound')} placeholder={t('prSealFound')} value={sealNo} onChange={(e) => setSealNo(e.target.value)} size={14} data-testid="pr-seal-found" />
      <label>
        <input type="checkbox" checked={isSealIntact} onChange={(e) => setSealIntact(e.target.checked)} />
        {t('prSealIntact')}
      </label>
      <button type="submit" data-testid="pr-arrive">
        {t('prRecordArrival')}
      </button>
      {error !== null && (
        <p className="error" role="alert" data-testid="pr-arrival-error">
          {error}
        </p>
      )}
    </form>
  );
}
