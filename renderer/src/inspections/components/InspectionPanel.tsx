import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, type KeyboardEvent, useMemo, useState } from 'react';
import {
  cstDateOf,
  DISPOSAL_LABELS,
  DISPOSALS_BY_RESULT,
  INSPECTION_METHOD_LABELS,
  INSPECTION_METHODS,
  INSPECTION_RESULT_LABELS,
  INSPECTION_RESULTS,
  type InspectionMethod,
  type InspectionResult,
  SITE_CATEGORY_LABELS,
} from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { syncSoon } from '../../desk/desk-runtime';
import { useT } from '../../i18n/use-t';
import { cstInputOf, deviationText, fieldLabel, type InspectionFormValues, inspectionOf, inspectionProblemsOf, withRequiredDeviations } from '../inspection-forms';
import { saveInspection } from '../save-inspection';
import { AttachmentOpen } from './AttachmentOpen';
import { AttachmentPicker } from './AttachmentPicker';
import { useDeskIdentity, useLabel } from './use-desk-identity';

const blank = (consignmentId: string, now: Date): InspectionFormValues => ({
  consignmentId,
  requirementCode: '',
  dispatchedAt: cstInputOf(now),
  isRiskHit: false,
  orderedMethods: [],
  orderedPercent: '',
  instructions: '',
  methodsDone: [],
  percentDone: '',
  findings: '',
  result: 'pass',
  disposal: 'release',
  deviations: [],
  attachments: [],
});

interface Problem {
  path: string;
  text: string;
}

function MethodChecks({ legend, value, onChange, invalid }: { legend: string; value: InspectionMethod[]; onChange(next: InspectionMethod[]): void; invalid: boolean }) {
  const label = useLabel();
  return (
    <fieldset className="in-methods" aria-invalid={invalid || undefined}>
      <legend>{legend}</legend>
      {INSPECTION_METHODS.map((m) => (
        <label key={m} className="check">
          <input
            type="checkbox"
            checked={value.includes(m)}
            onChange={(e) => onChange(e.target.checked ? INSPECTION_METHODS.filter((x) => x === m || value.includes(x)) : value.filter((x) => x !== m))}
          />
          {label(INSPECTION_METHOD_LABELS[m])}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * 查验: the order (布控指令) as received and the record made against it, with photos and
 * scans attached offline. Every problem the shared rules find (checkInspectionRecord) is
 * listed by the field it is in before anything is saved; deviations the order requires
 * are added as rows for the officer to give reasons. Below: the inspections this desk
 * holds, each attachment openable (downloaded from HQ on demand on another desk).
 */
export function InspectionPanel({ db, consignmentId, onSaved }: { db: DeskDb; consignmentId: string; onSaved?(): void }) {
  const t = useT();
  const label = useLabel();
  const who = useDeskIdentity();
  const [values, setValues] = useState<InspectionFormValues>(() => blank(consignmentId, new Date()));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [ids, setIds] = useState(() => ({ orderId: crypto.randomUUID(), recordId: crypto.randomUUID() }));
  const consignments = useLiveQuery(() => db.consignments.toArray(), [db]) ?? [];
  const inspections = useLiveQuery(() => db.inspections.toArray(), [db]) ?? [];
  const orders = useLiveQuery(async () => new Map((await db.inspectionOrders.toArray()).map((o) => [o.id, o])), [db]);
  const rejections = useLiveQuery(async () => new Map((await db.rejections.toArray()).filter((r) => r.type === 'inspection.create').map((r) => [r.recordId, r])), [db]);
  const byId = useMemo(() => new Map(consignments.map((c) => [c.id, c])), [consignments]);
  const listed = useMemo(() => [...inspections].sort((a, b) => Date.parse(b.inspectedAt) - Date.parse(a.inspectedAt)), [inspections]);
  const choosable = useMemo(() => [...consignments].sort((a, b) => Date.parse(b.arrivedAt) - Date.parse(a.arrivedAt)).slice(0, 200), [consignments]);

  const set = (patch: Partial<InspectionFormValues>) =>
    setValues((v) => {
      const next = { ...v, ...patch };
      if ('result' in patch && !DISPOSALS_BY_RESULT[next.result].includes(next.disposal)) next.disposal = DISPOSALS_BY_RESULT[next.result][0] ?? next.disposal;
      if ('orderedMethods' in patch || 'methodsDone' in patch || 'orderedPercent' in patch || 'percentDone' in patch) next.deviations = withRequiredDeviations(next);
      return next;
    });
  const problemAt = (prefix: string) => problems.some((p) => p.path === prefix || p.path.startsWith(`${prefix}.`));

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (who === null || saving) return;
    setMessage(null);
    const now = new Date();
    const built = inspectionOf(values, who, now, ids);
    if (!built.ok) {
      setProblems([{ path: built.error.field ?? '', text: built.error.message }]);
      return;
    }
    const found = inspectionProblemsOf(built.data.order, built.data.record);
    if (found.length > 0) {
      setProblems(found.map((p) => ({ path: p.path, text: `${label(p.label)}：${label(p)}` })));
      return;
    }
    setSaving(true);
    try {
      const saved = await saveInspection(db, built.data, now);
      if (!saved.ok) {
        const field = saved.error.field ?? '';
        setProblems([{ path: field, text: `${label(fieldLabel(field))}：${saved.error.message}` }]);
        return;
      }
      setProblems([]);
      setMessage(t('inSavedInspection', { code: built.data.order.requirementCode }));
      syncSoon();
      setIds({ orderId: crypto.randomUUID(), recordId: crypto.randomUUID() });
      setValues(blank('', new Date()));
      onSaved?.();
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

  const consignmentText = (id: string) => {
    const c = byId.get(id);
    return c === undefined ? id.slice(0, 8) : `${cstInputOf(new Date(c.arrivedAt)).replace('T', ' ')} ${label(SITE_CATEGORY_LABELS[c.category])} ${c.goodsName} ${c.vehiclePlate}`;
  };

  return (
    <section className="in-inspections">
      <form className="in-form" aria-label={t('inNewInspection')} onSubmit={save} onKeyDown={onKeyDown}>
        <h2>{t('inNewInspection')}</h2>
        <label className="wide">
          {t('inConsignment')}
          <select value={values.consignmentId} onChange={(e) => set({ consignmentId: e.target.value })} aria-invalid={problemAt('consignmentId') || undefined} data-testid="in-inspection-consignment">
            <option value="">{t('inChooseConsignment')}</option>
            {choosable.map((c) => (
              <option key={c.id} value={c.id}>
                {consignmentText(c.id)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="in-order">
          <legend>{t('inOrder')}</legend>
          <div className="in-grid">
            <label>
              {t('inRequirementCode')}
              <input value={values.requirementCode} onChange={(e) => set({ requirementCode: e.target.value })} aria-invalid={problemAt('order.requirementCode') || undefined} />
            </label>
            <label>
              {t('inDispatchedAt')}
              <input type="datetime-local" value={values.dispatchedAt} onChange={(e) => set({ dispatchedAt: e.target.value })} aria-invalid={problemAt('order.dispatchedAt') || undefined} />
            </label>
            <label className="check">
              <input type="checkbox" checked={values.isRiskHit} onChange={(e) => set({ isRiskHit: e.target.checked })} />
              {t('inRiskHit')}
            </label>
            <label>
              {t('inOrderedPercent')}
              <input value={values.orderedPercent} inputMode="numeric" onChange={(e) => set({ orderedPercent: e.target.value })} aria-invalid={problemAt('order.proportionPercent') || undefined} />
            </label>
          </div>
          <MethodChecks legend={t('inOrderedMethods')} value={values.orderedMethods} onChange={(m) => set({ orderedMethods: m })} invalid={problemAt('order.methods')} />
          <label className="wide">
            {t('inInstructions')}
            <input value={values.instructions} onChange={(e) => set({ instructions: e.target.value })} />
          </label>
        </fieldset>
        <fieldset className="in-record">
          <legend>{t('inRecord')}</legend>
          <MethodChecks legend={t('inMethodsDone')} value={values.methodsDone} onChange={(m) => set({ methodsDone: m })} invalid={problemAt('methodsDone')} />
          <div className="in-grid">
            <label>
              {t('inPercentDone')}
              <input value={values.percentDone} inputMode="numeric" onChange={(e) => set({ percentDone: e.target.value })} aria-invalid={problemAt('proportionPercent') || undefined} />
            </label>
            <label>
              {t('inResult')}
              <select value={values.result} onChange={(e) => set({ result: e.target.value as InspectionResult })}>
                {INSPECTION_RESULTS.map((r) => (
                  <option key={r} value={r}>
                    {label(INSPECTION_RESULT_LABELS[r])}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('inDisposal')}
              <select value={values.disposal} onChange={(e) => set({ disposal: e.target.value as InspectionFormValues['disposal'] })} aria-invalid={problemAt('disposal') || undefined}>
                {DISPOSALS_BY_RESULT[values.result].map((d) => (
                  <option key={d} value={d}>
                    {label(DISPOSAL_LABELS[d])}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="wide">
            {t('inFindings')}
            <textarea value={values.findings} rows={3} maxLength={2000} onChange={(e) => set({ findings: e.target.value })} aria-invalid={problemAt('findings') || undefined} />
          </label>
          <fieldset className="in-deviations" aria-invalid={problemAt('deviations') || undefined}>
            <legend>{t('inDeviations')}</legend>
            {values.deviations.length === 0 && <p className="hint">{t('inNoDeviations')}</p>}
            {values.deviations.map((d, index) => {
              const what = label(deviationText(d));
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the list; the reason text is the row's only state
                <div key={index} className="in-deviation" data-testid="in-deviation">
                  <span>{what}</span>
                  <label>
                    {t('inDeviationReason')} {index + 1}
                    <input
                      value={d.reason}
                      maxLength={500}
                      onChange={(e) => setValues((v) => ({ ...v, deviations: v.deviations.map((x, i) => (i === index ? { ...x, reason: e.target.value } : x)) }))}
                      aria-invalid={problemAt(`deviations.${index}`) || undefined}
                    />
                  </label>
                  {d.kind === 'other' && (
                    <button type="button" className="link" onClick={() => setValues((v) => ({ ...v, deviations: v.deviations.filter((_, i) => i !== index) }))}>
                      {t('inRemove')}
                    </button>
                  )}
                </div>
              );
            })}
            <button type="button" onClick={() => setValues((v) => ({ ...v, deviations: [...v.deviations, { kind: 'other', method: null, reason: '' }] }))}>
              {t('inAddOtherDeviation')}
            </button>
          </fieldset>
          <AttachmentPicker db={db} value={values.attachments} onChange={(attachments) => setValues((v) => ({ ...v, attachments }))} />
        </fieldset>
        <button type="submit" className="primary" disabled={saving || who === null} aria-keyshortcuts="Control+Enter">
          {saving ? t('inSaving') : t('inSave')}
        </button>
        {problems.length > 0 && (
          <div className="error" role="alert" data-testid="in-inspection-problems">
            <strong>{t('inProblems')}</strong>
            <ul>
              {problems.map((p) => (
                <li key={`${p.path} ${p.text}`} data-field={p.path}>
                  {p.text}
                </li>
              ))}
            </ul>
          </div>
        )}
        {message !== null && (
          <p className="ok" role="status" data-testid="in-inspection-saved">
            {message}
          </p>
        )}
      </form>

      <section className="in-list" aria-label={t('inInspections')}>
        <h2>{t('inInspections')}</h2>
        {listed.length === 0 && <p className="hint">{t('inNoInspections')}</p>}
        {listed.map((r) => {
          const order = orders?.get(r.orderId);
          const rejection = rejections?.get(r.id);
          return (
            <article key={r.id} className="in-record-card" data-testid="in-inspection-row">
              <header>
                <strong>{order?.requirementCode ?? r.orderId.slice(0, 8)}</strong>
                {order?.isRiskHit === true && <span className="badge">{t('inRiskHit')}</span>} <span>{consignmentText(r.consignmentId)}</span> ·{' '}
                <span>{label(INSPECTION_RESULT_LABELS[r.result])}</span> · <span>{label(DISPOSAL_LABELS[r.disposal])}</span> · <span>{cstDateOf(new Date(r.inspectedAt))}</span>
              </header>
              {r.findings !== '' && <p>{r.findings}</p>}
              {r.deviations.length > 0 && (
                <ul className="in-deviation-list">
                  {r.deviations.map((d, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a saved record's deviations never move
                    <li key={i}>
                      {label(deviationText(d))}：{d.reason}
                    </li>
                  ))}
                </ul>
              )}
              {rejection !== undefined && (
                <p className="error">
                  {t('inRejected')}：{rejection.message}
                </p>
              )}
              {r.attachments.map((a) => (
                <AttachmentOpen key={a.sha256} db={db} attachment={a} />
              ))}
            </article>
          );
        })}
      </section>
    </section>
  );
}
