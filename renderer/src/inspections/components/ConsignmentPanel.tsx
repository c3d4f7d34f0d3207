import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { type CapacityWarning, type Consignment, cstDateOf, SITE_CATEGORIES, SITE_CATEGORY_LABELS, SITE_STATUS_LABELS, type SiteCategory, siteLabel } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { VirtualTable } from '../../components/VirtualTable';
import { syncSoon } from '../../desk/desk-runtime';
import { useT } from '../../i18n/use-t';
import { type ConsignmentFormValues, consignmentDraftOf, consignmentsOn, cstInputOf, siteChoices, statusAt } from '../inspection-forms';
import { saveConsignment } from '../save-consignment';
import { useDeskIdentity, useLabel } from './use-desk-identity';

const blank = (category: SiteCategory, now: Date): ConsignmentFormValues => ({
  category,
  arrivedAt: cstInputOf(now),
  siteId: '',
  goodsName: '',
  hsCode: '',
  originCountry: 'VN',
  quantity: '',
  unit: '箱',
  grossKg: '',
  vehiclePlate: '',
});

type Message = { kind: 'ok' | 'error'; text: string; field?: string; warnings?: CapacityWarning[] };

/**
 * 到货登记: a consignment at the yard, offline. The site picker offers first the sites
 * approved and in use for the category on the arrival date (shared usableSites), then
 * every other site of the port, labelled with its status: the officer may pick any, and
 * saveConsignment refuses a site that cannot take the goods, with the reason.
 * Below: today's consignments with HQ's flags (e.g. a site suspended meanwhile).
 */
export function ConsignmentPanel({ db, onInspect }: { db: DeskDb; onInspect(consignmentId: string): void }) {
  const t = useT();
  const label = useLabel();
  const who = useDeskIdentity();
  const [values, setValues] = useState<ConsignmentFormValues>(() => blank('fruit', new Date()));
  const [message, setMessage] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);
  const firstField = useRef<HTMLSelectElement>(null);
  const portId = who?.portId ?? '';
  const sites = useLiveQuery(() => db.sites.toArray(), [db]) ?? [];
  const consignments = useLiveQuery(() => db.consignments.toArray(), [db]) ?? [];
  const pending = useLiveQuery(async () => new Set((await db.outbox.where('type').equals('consignment.create').toArray()).map((e) => e.recordId)), [db]);
  const rejections = useLiveQuery(async () => new Map((await db.rejections.toArray()).filter((r) => r.type === 'consignment.create').map((r) => [r.recordId, r])), [db]);

  const today = cstDateOf(new Date());
  const arrivalDate = values.arrivedAt.length >= 10 ? values.arrivedAt.slice(0, 10) : today;
  const choices = useMemo(() => siteChoices(sites, portId, values.category, arrivalDate), [sites, portId, values.category, arrivalDate]);
  const todays = useMemo(() => consignmentsOn(consignments, today), [consignments, today]);
  const siteName = (id: string) => {
    const site = sites.find((s) => s.id === id);
    return site === undefined ? id : label(siteLabel(site));
  };

  const set = <K extends keyof ConsignmentFormValues>(key: K, value: ConsignmentFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (who === null || saving) return;
    setSaving(true);
    try {
      const now = new Date();
      const draft = consignmentDraftOf(values, who, now);
      if (!draft.ok) {
        setMessage({ kind: 'error', text: draft.error.message, ...(draft.error.field === undefined ? {} : { field: draft.error.field }) });
        return;
      }
      const saved = await saveConsignment(db, draft.data, now);
      if (!saved.ok) {
        setMessage({ kind: 'error', text: saved.error.message, ...(saved.error.field === undefined ? {} : { field: saved.error.field }) });
        return;
      }
      setMessage({ kind: 'ok', text: t('inSavedConsignment', { name: `${draft.data.goodsName} ${draft.data.vehiclePlate}` }), warnings: saved.data.warnings });
      syncSoon();
      setValues((v) => ({ ...blank(v.category, new Date()), siteId: v.siteId, originCountry: v.originCountry, unit: v.unit }));
      firstField.current?.focus();
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

  const invalid = (field: keyof ConsignmentFormValues) => (message?.kind === 'error' && message.field === field ? true : undefined);

  return (
    <section className="in-consignments">
      <form className="in-form" aria-label={t('inNewConsignment')} onSubmit={save} onKeyDown={onKeyDown}>
        <h2>{t('inNewConsignment')}</h2>
        <div className="in-grid">
          <label>
            {t('inCategory')}
            <select ref={firstField} value={values.category} onChange={(e) => set('category', e.target.value as SiteCategory)} aria-invalid={invalid('category')}>
              {SITE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {label(SITE_CATEGORY_LABELS[c])}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('inArrivedAt')}
            <input type="datetime-local" value={values.arrivedAt} onChange={(e) => set('arrivedAt', e.target.value)} aria-invalid={invalid('arrivedAt')} />
          </label>
          <label className="wide">
            {t('inSite')}
            <select value={values.siteId} onChange={(e) => set('siteId', e.target.value)} aria-invalid={invalid('siteId')} data-testid="in-site">
              <option value="">{t('inChooseSite')}</option>
              <optgroup label={t('inUsableSites')}>
                {choices.usable.map((s) => (
                  <option key={s.id} value={s.id}>
                    {label(siteLabel(s))}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('inOtherSites')}>
                {choices.others.map((s) => (
                  <option key={s.id} value={s.id}>
                    {label(siteLabel(s))} · {label(SITE_STATUS_LABELS[statusAt(s, values.category, arrivalDate)])}
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
          {choices.usable.length === 0 && <p className="hint wide">{t('inNoUsableSite')}</p>}
          <label>
            {t('inGoodsName')}
            <input value={values.goodsName} onChange={(e) => set('goodsName', e.target.value)} aria-invalid={invalid('goodsName')} />
          </label>
          <label>
            {t('inHsCode')}
            <input value={values.hsCode} inputMode="numeric" onChange={(e) => set('hsCode', e.target.value)} aria-invalid={invalid('hsCode')} />
          </label>
          <label>
            {t('inOrigin')}
            <input value={values.originCountry} maxLength={2} onChange={(e) => set('originCountry', e.target.value)} aria-invalid={invalid('originCountry')} />
          </label>
          <label>
            {t('inQuantity')}
            <input value={values.quantity} inputMode="decimal" onChange={(e) => set('quantity', e.target.value)} aria-invalid={invalid('quantity')} />
          </label>
          <label>
            {t('inUnit')}
            <input value={values.unit} onChange={(e) => set('unit', e.target.value)} aria-invalid={invalid('unit')} />
          </label>
          <label>
            {t('inGrossKg')}
            <input value={values.grossKg} inputMode="decimal" onChange={(e) => set('grossKg', e.target.value)} aria-invalid={invalid('grossKg')} />
          </label>
          <label>
            {t('inPlate')}
            <input value={values.vehiclePlate} onChange={(e) => set('vehiclePlate', e.target.value)} aria-invalid={invalid('vehiclePlate')} />
          </label>
        </div>
        <button type="submit" className="primary" disabled={saving || who === null} aria-keyshortcuts="Control+Enter">
          {saving ? t('inSaving') : t('inSave')}
        </button>
        {message?.kind === 'error' && (
          <p className="error" role="alert" data-testid="in-consignment-error">
            {t('inRefused')}：{message.text}
          </p>
        )}
        {message?.kind === 'ok' && (
          <div className="ok" role="status" data-testid="in-consignment-saved">
            {message.text}
            {(message.warnings ?? []).map((w) => (
              <p key={w.limit} className="warning">
                {t('inWarning')}：{label(w)}
              </p>
            ))}
          </div>
        )}
      </form>

      <VirtualTable
        items={todays}
        rowKey={consignmentKey}
        label={t('inTodayConsignments')}
        caption={t('inTodayConsignments')}
        columns={8}
        empty={t('inNoConsignments')}
        head={
          <tr>
            <th>{t('inTime')}</th>
            <th>{t('inCategory')}</th>
            <th>{t('inGoodsName')}</th>
            <th>{t('inSite')}</th>
            <th>{t('inGrossKg')}</th>
            <th>{t('inPlate')}</th>
            <th>{t('inState')}</th>
            <th />
          </tr>
        }
        renderRow={(c, rowProps) => {
          const rejection = rejections?.get(c.id);
          return (
            <tr key={c.id} {...rowProps} data-testid="in-consignment-row" data-flagged={c.flags.length > 0 ? 'true' : undefined} className={c.flags.length > 0 ? 'flagged' : undefined}>
              <td>{cstInputOf(new Date(c.arrivedAt)).slice(11)}</td>
              <td>{label(SITE_CATEGORY_LABELS[c.category])}</td>
              <td>{c.goodsName}</td>
              <td>{siteName(c.siteId)}</td>
              <td>{c.grossKg}</td>
              <td>{c.vehiclePlate}</td>
              <td>
                {rejection !== undefined ? (
                  <span className="error">
                    {t('inRejected')}：{rejection.message}
                  </span>
                ) : c.flags.length > 0 ? (
                  <ul className="in-flags" data-testid="in-consignment-flags">
                    {c.flags.map((f) => (
                      <li key={`${f.code}${f.at}`}>
                        {t('inFlagged')}：{label({ zh: f.message, en: f.messageEn })}
                      </li>
                    ))}
                  </ul>
                ) : pending?.has(c.id) ? (
                  t('inPending')
                ) : c.hqReceivedAt !== null ? (
                  t('inAtHq')
                ) : (
                  t('inPending')
                )}
              </td>
              <td>
                <button type="button" onClick={() => onInspect(c.id)}>
                  {t('inInspect')}
                </button>
              </td>
            </tr>
          );
        }}
      />
    </section>
  );
}

const consignmentKey = (c: Consignment) => c.id;
