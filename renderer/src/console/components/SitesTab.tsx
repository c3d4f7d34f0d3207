import { type FormEvent, useState } from 'react';
import {
  type AppError,
  capacityOn,
  cstDateOf,
  currentSiteStatus,
  legalSiteEvents,
  SITE_CATEGORY_LABELS,
  SITE_EVENT_LABELS,
  SITE_EVENTS_NEEDING_DOCUMENTS,
  SITE_STATUS_LABELS,
  type Site,
  type SiteCategory,
  type SiteEventType,
} from '../../../../shared/index';
import { useConsoleT } from '../i18n/use-console-t';
import { siteApi } from '../site-client';
import { consoleSelectors } from '../store/selectors';
import { useConsoleStore } from '../store/store';
import { useLoad } from '../use-load';
import { Notice } from './Notice';

/**
 * 场地 / Sites: the port's designated supervision sites, each category's approval status
 * as HQ's recorded acts give it, and a form that records the next act (acceptance,
 * suspension, resumption…). Only the acts the category's life allows now are offered;
 * HQ checks again (shared recordSiteEvent) and refuses with the reason.
 */
export function SitesTab(props: { portId: string; onWritten: () => void }) {
  const t = useConsoleT();
  const lang = useConsoleStore(consoleSelectors.lang);
  const sites = useLoad(() => siteApi.sites(props.portId), `sites:${props.portId}`);
  const [selected, setSelected] = useState<{ siteId: string; category: SiteCategory } | null>(null);
  const label = (text: { zh: string; en: string }) => (lang === 'en' ? text.en : text.zh);
  const today = cstDateOf(new Date());
  const list = sites.data?.sites ?? [];
  const site = list.find((s) => s.id === selected?.siteId) ?? null;

  return (
    <div className="tab-body">
      <Notice error={sites.error} />
      <table className="grid" aria-label={t('tabSites')}>
        <thead>
          <tr>
            <th>{t('siteId')}</th>
            <th>{t('siteName')}</th>
            <th>{t('siteCategory')}</th>
            <th>{t('status')}</th>
            <th>{t('siteCapacity')}</th>
            <th>{t('version')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.flatMap((s) =>
            s.approvals.map((approval) => {
              const state = currentSiteStatus(s, approval.category);
              const capacity = capacityOn(s, approval.category, today);
              return (
                <tr key={`${s.id}:${approval.category}`} data-testid={`site-row-${s.id}-${approval.category}`}>
                  <td>{s.id}</td>
                  <td>{lang === 'en' && s.nameEn !== '' ? s.nameEn : s.name}</td>
                  <td>{label(SITE_CATEGORY_LABELS[approval.category])}</td>
                  <td data-testid="site-status">
                    {label(SITE_STATUS_LABELS[state.status])}
                    {state.since === null ? '' : ` · ${state.since}`}
                  </td>
                  <td>
                    {capacity === null
                      ? '—'
                      : [capacity.consignmentsPerDay === null ? null : t('perDayConsignments', { n: capacity.consignmentsPerDay }), capacity.kgPerDay === null ? null : t('perDayKg', { n: capacity.kgPerDay })]
                          .filter((x) => x !== null)
                          .join(' · ')}
                  </td>
                  <td>{s.version}</td>
                  <td>
                    <button type="button" onClick={() => setSelected({ siteId: s.id, category: approval.category })} disabled={legalSiteEvents(state).length === 0}>
                      {t('recordAct')}
                    </button>
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
      {site !== null && selected !== null && (
        <SiteEventForm
          key={`${site.id}:${selected.category}:${site.version}`}
          portId={props.portId}
          site={site}
          category={selected.category}
          onWritten={() => {
            sites.reload();
            props.onWritten();
          }}
        />
      )}
    </div>
  );
}

function SiteEventForm(props: { portId: string; site: Site; category: SiteCategory; onWritten: () => void }) {
  const t = useConsoleT();
  const lang = useConsoleStore(consoleSelectors.lang);
  const label = (text: { zh: string; en: string }) => (lang === 'en' ? text.en : text.zh);
  const acts = legalSiteEvents(currentSiteStatus(props.site, props.category));
  const [type, setType] = useState<SiteEventType>(acts[0] ?? 'revoke');
  const [date, setDate] = useState(cstDateOf(new Date()));
  const [document, setDocument] = useState({ title: '', number: '', issuer: '' });
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const needsDocument = SITE_EVENTS_NEEDING_DOCUMENTS.includes(type);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSuccess(null);
    const hasDocument = document.title.trim() !== '' || needsDocument;
    const answer = await siteApi.recordEvent(props.portId, props.site.id, {
      baseVersion: props.site.version,
      category: props.category,
      type,
      date,
      documents: hasDocument
        ? [
            {
              title: document.title.trim() === '' ? label(SITE_EVENT_LABELS[type]) : document.title.trim(),
              number: document.number.trim() === '' ? null : document.number.trim(),
              issuer: document.issuer.trim() === '' ? '海关总署' : document.issuer.trim(),
              issuedOn: date,
              attachment: null,
            },
          ]
        : [],
      note: note.trim(),
    });
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setError(null);
    setSuccess(t('saved'));
    props.onWritten();
  };

  return (
    <form className="form-card" onSubmit={submit} aria-label={t('recordAct')} data-testid="site-event-form">
      <h2>
        {t('recordAct')}: {props.site.id} · {label(SITE_CATEGORY_LABELS[props.category])}
      </h2>
      <div className="fields">
        <label>
          {t('siteAct')}
          <select name="siteAct" value={type} onChange={(e) => setType(e.target.value as SiteEventType)}>
            {acts.map((act) => (
              <option key={act} value={act}>
                {label(SITE_EVENT_LABELS[act])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('siteActDate')}
          <input name="siteActDate" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
        <label>
          {t('documentTitle')}
          <input name="documentTitle" value={document.title} onChange={(e) => setDocument({ ...document, title: e.target.value })} required={false} />
        </label>
        <label>
          {t('documentNumber')}
          <input name="documentNumber" value={document.number} onChange={(e) => setDocument({ ...document, number: e.target.value })} />
        </label>
        <label>
          {t('documentIssuer')}
          <input name="documentIssuer" value={document.issuer} onChange={(e) => setDocument({ ...document, issuer: e.target.value })} />
        </label>
        <label>
          {t('siteActNote')}
          <input name="siteActNote" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {t('recordAct')}
        </button>
      </div>
      {needsDocument && <p className="hint">{t('documentNeeded')}</p>}
      <Notice error={error} success={success} />
    </form>
  );
}
