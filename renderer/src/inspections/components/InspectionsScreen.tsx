import { useEffect, useState } from 'react';
import type { DeskDb } from '../../db/desk-db';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { ConsignmentPanel } from './ConsignmentPanel';
import { InspectionPanel } from './InspectionPanel';
import { SiteUsePanel } from './SiteUsePanel';

type Tab = 'consignments' | 'inspections' | 'site_use';

const TABS: { tab: Tab; label: MessageKey; key: string }[] = [
  { tab: 'consignments', label: 'inTabConsignments', key: '1' },
  { tab: 'inspections', label: 'inTabInspections', key: '2' },
  { tab: 'site_use', label: 'inTabSiteUse', key: '3' },
];

/**
 * Designated sites and inspections (issue 6) on the desk: arrivals at the yard (到货登记),
 * inspections with their photos (查验), and site use against capacity (场地使用). Alt+1…3
 * switch tabs; the desk screen opens and closes it with Alt+I and Esc.
 */
export function InspectionsScreen({ db }: { db: DeskDb }) {
  const t = useT();
  const [tab, setTab] = useState<Tab>('consignments');
  const [inspecting, setInspecting] = useState<{ consignmentId: string; n: number }>({ consignmentId: '', n: 0 });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const found = TABS.find((x) => event.code === `Digit${x.key}`);
      if (found === undefined) return;
      event.preventDefault();
      setTab(found.tab);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <main className="inspections" aria-label={t('inTitle')}>
      <div className="in-tabs" role="tablist">
        {TABS.map(({ tab: name, label, key }) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} aria-keyshortcuts={`Alt+${key}`} onClick={() => setTab(name)} data-testid={`in-tab-${name}`}>
            {t(label)}
          </button>
        ))}
      </div>
      {tab === 'consignments' && (
        <ConsignmentPanel
          db={db}
          onInspect={(consignmentId) => {
            setInspecting((s) => ({ consignmentId, n: s.n + 1 }));
            setTab('inspections');
          }}
        />
      )}
      {tab === 'inspections' && <InspectionPanel key={inspecting.n} db={db} consignmentId={inspecting.consignmentId} />}
      {tab === 'site_use' && <SiteUsePanel db={db} />}
    </main>
  );
}
