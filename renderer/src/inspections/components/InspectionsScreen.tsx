import { useState } from 'react';
import type { DeskDb } from '../../db/desk-db';
import { SectionTabs, type TabSpec } from '../../components/SectionTabs';
import { useT } from '../../i18n/use-t';
import { ConsignmentPanel } from './ConsignmentPanel';
import { InspectionPanel } from './InspectionPanel';
import { SiteUsePanel } from './SiteUsePanel';

type Tab = 'consignments' | 'inspections' | 'site_use';

const TABS: readonly TabSpec<Tab>[] = [
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

  return (
    <main className="inspections" aria-label={t('inTitle')}>
      <SectionTabs tabs={TABS} selected={tab} onSelect={setTab} testIdPrefix="in-tab" className="in-tabs" />
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
