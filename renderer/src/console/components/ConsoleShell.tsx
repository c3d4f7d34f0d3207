import { type KeyboardEvent, useEffect, useRef } from 'react';
import { adminApi } from '../admin-client';
import type { ConsoleMessageKey } from '../i18n/messages';
import { useConsoleT } from '../i18n/use-console-t';
import { CONSOLE_TABS, type ConsoleTab } from '../store/initialState';
import { consoleSelectors } from '../store/selectors';
import { useConsoleStore } from '../store/store';
import { useLoad } from '../use-load';
import { AuditTab } from './AuditTab';
import { DayReportTab } from './DayReportTab';
import { GoodsListTab } from './GoodsListTab';
import { LanguageSwitch } from './LanguageSwitch';
import { Notice } from './Notice';
import { OfficersTab } from './OfficersTab';
import { PointsTab } from './PointsTab';
import { PolicyTab } from './PolicyTab';
import { SitesTab } from './SitesTab';
import { GroupsTab } from './GroupsTab';
import { TwoStepPolicyTab } from './TwoStepPolicyTab';
import { FirmsTab } from './FirmsTab';
import { GatePolicyTab } from './GatePolicyTab';

const TAB_LABEL: Record<ConsoleTab, ConsoleMessageKey> = {
  policy: 'tabPolicy',
  twostep: 'tabTwoStep',
  firms: 'tabFirms',
  gate: 'tabGate',
  goods: 'tabGoods',
  officers: 'tabOfficers',
  points: 'tabPoints',
  groups: 'tabGroups',
  sites: 'tabSites',
  audit: 'tabAudit',
  day: 'tabDay',
};

/** The signed-in console: header, port picker with the port's figures, one tab at a time. */
export function ConsoleShell() {
  const t = useConsoleT();
  const lang = useConsoleStore(consoleSelectors.lang);
  const officer = useConsoleStore(consoleSelectors.officer);
  const portId = useConsoleStore(consoleSelectors.portId);
  const tab = useConsoleStore(consoleSelectors.tab);
  const { setPort, setTab, signOut } = useConsoleStore.getState();
  const ports = useLoad(adminApi.ports, 'ports');
  const tabRefs = useRef(new Map<ConsoleTab, HTMLButtonElement>());

  const list = ports.data?.ports ?? [];
  const port = list.find((p) => p.id === portId) ?? null;
  useEffect(() => {
    const first = list[0];
    if (port === null && first !== undefined) setPort(first.id);
  }, [port, list, setPort]);

  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab goes on into the panel.
  const onTabKey = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = CONSOLE_TABS[(CONSOLE_TABS.indexOf(tab) + step + CONSOLE_TABS.length) % CONSOLE_TABS.length] ?? 'policy';
    setTab(next);
    tabRefs.current.get(next)?.focus();
  };

  return (
    <div className="console">
      <header className="console-header">
        <h1>{t('title')}</h1>
        <label className="port-picker">
          {t('port')}
          <select data-testid="console-port-select" value={portId ?? ''} onChange={(e) => setPort(e.target.value)}>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.id} · {lang === 'en' ? p.nameEn : p.name}
              </option>
            ))}
          </select>
        </label>
        <span className="who">
          {t('signedInAs')}: {officer?.name} ({officer?.username})
        </span>
        <LanguageSwitch />
        <button type="button" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </header>
      <Notice error={ports.error} />
      {port !== null && (
        <p className="port-summary" data-testid="console-port-summary">
          {t('portSummary', { seq: port.lastSeq, declarations: port.counts.declarations, residents: port.counts.residents, officers: port.counts.officers })}
          <span className={port.openConflicts > 0 ? 'badge warn' : 'badge'}>{t('openConflicts', { n: port.openConflicts })}</span>
          <span className={port.brokenChains > 0 ? 'badge bad' : 'badge'}>{t('brokenChains', { n: port.brokenChains })}</span>
        </p>
      )}
      <div role="tablist" aria-label={t('port')} className="tabs" onKeyDown={onTabKey}>
        {CONSOLE_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            ref={(element) => {
              if (element === null) tabRefs.current.delete(name);
              else tabRefs.current.set(name, element);
            }}
            onClick={() => setTab(name)}
          >
            {t(TAB_LABEL[name])}
          </button>
        ))}
      </div>
      {port !== null && (
        <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="panel">
          {tab === 'policy' && <PolicyTab portId={port.id} onWritten={ports.reload} />}
          {tab === 'twostep' && <TwoStepPolicyTab portId={port.id} onWritten={ports.reload} />}
          {tab === 'gate' && <GatePolicyTab portId={port.id} onWritten={ports.reload} />}
          {tab === 'goods' && <GoodsListTab portId={port.id} onWritten={ports.reload} />}
          {tab === 'officers' && <OfficersTab portId={port.id} onWritten={ports.reload} />}
          {tab === 'points' && <PointsTab portId={port.id} onWritten={ports.reload} />}
          {tab === 'groups' && <GroupsTab portId={port.id} onWritten={ports.reload} />}
          {tab === 'sites' && <SitesTab portId={port.id} onWritten={ports.reload} />}
          {tab === 'audit' && <AuditTab portId={port.id} onWritten={ports.reload} />}
          {tab === 'day' && <DayReportTab portId={port.id} />}
          {tab === 'firms' && <FirmsTab portId={port.id} onWritten={ports.reload} />}
        </section>
      )}
    </div>
  );
}
