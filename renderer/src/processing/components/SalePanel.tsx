import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { formatFen, leftToSell } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { syncSoon } from '../../desk/desk-runtime';
import { useT } from '../../i18n/use-t';
import { useDeskIdentity } from '../../inspections/components/use-desk-identity';
import { declarationsByCertificate, salesOfDeclaration, sourceOf } from '../processing-queries';
import { saveProcessingSale } from '../save-processing';
import { SaleList } from './SaleList';

type Message = { kind: 'ok' | 'error'; text: string; field?: string };

/**
 * 边民销售: find the resident's declarations by certificate number (Enter), pick one
 * (today's and recent, newest first), type the quantity to sell per goods line with what
 * is left beside it, pick the firm, save (Enter or Ctrl+Enter). A sale above what is left
 * is refused with the shared rule's message and nothing is saved.
 */
export function SalePanel({ db }: { db: DeskDb }) {
  const t = useT();
  const who = useDeskIdentity();
  const [certificate, setCertificate] = useState('');
  const [declarationIds, setDeclarationIds] = useState<string[]>([]);
  const [declarationId, setDeclarationId] = useState('');
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [firmId, setFirmId] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);
  const [isFocusingQuantity, setFocusingQuantity] = useState(false);
  const certificateField = useRef<HTMLInputElement>(null);
  const firstQuantity = useRef<HTMLInputElement>(null);
  const firms = useLiveQuery(() => db.firms.toArray(), [db]) ?? [];
  const found = useLiveQuery(async () => (await db.declarations.bulkGet(declarationIds)).flatMap((d) => (d === undefined ? [] : [d])), [db, declarationIds.join(',')]) ?? [];
  const chosen = found.find((d) => d.id === declarationId);
  const left = useLiveQuery(async () => (chosen === undefined ? [] : leftToSell(sourceOf(chosen), await salesOfDeclaration(db, chosen.id))), [db, chosen]) ?? [];

  useEffect(() => certificateField.current?.focus(), []);
  useEffect(() => {
    if (firmId === '' && firms[0] !== undefined) setFirmId(firms[0].id);
  }, [firms, firmId]);
  // The declaration's lines render once the live query has read it: focus the first quantity then.
  useEffect(() => {
    if (!isFocusingQuantity || chosen === undefined || firstQuantity.current === null) return;
    firstQuantity.current.focus();
    setFocusingQuantity(false);
  }, [isFocusingQuantity, chosen]);

  const find = async () => {
    const list = await declarationsByCertificate(db, certificate);
    setDeclarationIds(list.map((d) => d.id));
    setDeclarationId(list[0]?.id ?? '');
    setQuantities({});
    setMessage(list.length === 0 ? { kind: 'error', text: t('prNoDeclarations'), field: 'certificateNo' } : null);
    setFocusingQuantity(list.length > 0);
  };

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (who === null || saving || chosen === undefined) return;
    setSaving(true);
    try {
      const lines = Object.entries(quantities)
        .filter(([, text]) => text.trim() !== '')
        .map(([line, text]) => ({ declarationLine: Number(line), quantity: Number(text) }));
      const saved = await saveProcessingSale(db, { declarationId: chosen.id, firmId, lines }, who);
      if (!saved.ok) {
        setMessage({ kind: 'error', text: saved.error.message, ...(saved.error.field === undefined ? {} : { field: saved.error.field }) });
        return;
      }
      setMessage({ kind: 'ok', text: `${t('prSaved')}：${chosen.certificateNo} ${formatFen(saved.data.lines.reduce((s, l) => s + l.valueFen, 0))}` });
      setQuantities({});
      syncSoon();
      certificateField.current?.focus();
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void save();
    }
  };

  return (
    <section className="pr-sale">
      <form className="in-form" aria-label={t('prTabSale')} onSubmit={save} onKeyDown={onKeyDown}>
        <h2>{t('prTabSale')}</h2>
        <div className="in-grid">
          <label>
            {t('prCertificate')}
            <input
              ref={certificateField}
              value={certificate}
              onChange={(e) => setCertificate(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.ctrlKey) {
                  e.preventDefault();
                  void find();
                }
              }}
              aria-invalid={message?.field === 'certificateNo' ? true : undefined}
              data-testid="pr-certificate"
            />
          </label>
          <label className="wide">
            {t('prDeclaration')}
            <select value={declarationId} onChange={(e) => setDeclarationId(e.target.value)} data-testid="pr-declaration">
              {found.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.tradeDate} · {d.residentName} · {d.lines.map((l) => `${l.name} ${l.quantity} ${l.unit}`).join('，')}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('prFirm')}
            <select value={firmId} onChange={(e) => setFirmId(e.target.value)} aria-invalid={message?.field === 'firmId' ? true : undefined} data-testid="pr-firm">
              <option value="">{t('prChooseFirm')}</option>
              {firms.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        {chosen !== undefined && (
          <table className="in-table" aria-label={t('prDeclaration')}>
            <thead>
              <tr>
                <th>{t('prGoods')}</th>
                <th>{t('prDeclared')}</th>
                <th>{t('prLeft')}</th>
                <th>{t('prSellQuantity')}</th>
              </tr>
            </thead>
            <tbody>
              {chosen.lines.map((line, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a line's index is its identity in the declaration (declarationLine); lines never reorder
                <tr key={`${line.hsCode}-${index}`} data-testid="pr-sale-line">
                  <td>
                    {line.name} ({line.hsCode})
                  </td>
                  <td>
                    {line.quantity} {line.unit}
                  </td>
                  <td data-testid="pr-left">
                    {left[index] ?? line.quantity} {line.unit}
                  </td>
                  <td>
                    <input
                      ref={index === 0 ? firstQuantity : undefined}
                      inputMode="decimal"
                      value={quantities[index] ?? ''}
                      onChange={(e) => setQuantities((q) => ({ ...q, [index]: e.target.value }))}
                      aria-label={`${t('prSellQuantity')} ${line.name}`}
                      aria-invalid={message?.field === `lines.${index}.quantity` ? true : undefined}
                      data-testid="pr-quantity"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button type="submit" className="primary" disabled={saving || who === null || chosen === undefined} aria-keyshortcuts="Control+Enter">
          {t('prSaveSale')}
        </button>
        {message?.kind === 'error' && (
          <p className="error" role="alert" data-testid="pr-sale-error">
            {t('prRefused')}：{message.text}
          </p>
        )}
        {message?.kind === 'ok' && (
          <p className="ok" role="status" data-testid="pr-sale-saved">
            {message.text}
          </p>
        )}
      </form>
      <SaleList db={db} />
    </section>
  );
}
