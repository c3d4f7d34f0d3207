import { useState } from 'react';
import type { DeskDb } from '../../db/desk-db';
import { SectionTabs, type TabSpec } from '../../components/SectionTabs';
import { useT } from '../../i18n/use-t';
import { CentralPanel } from './CentralPanel';
import { SalePanel } from './SalePanel';
import { TransportPanel } from './TransportPanel';

type Tab = 'sale' | 'central' | 'transport';

const TABS: readonly TabSpec<Tab>[] = [
  { tab: 'sale', label: 'prTabSale', key: '1' },
  { tab: 'central', label: 'prTabCentral', key: '2' },
  { tab: 'transport', label: 'prTabTransport', key: '3' },
];

/**
 * Landing processing (落地加工, issue 4) on the desk: a resident's sale to a firm, the
 * agent's central declaration (集中申报) through tax settled, and the direct transport
 * (直通式) to the firm's warehouse. Alt+1…3 switch tabs; the desk screen opens and closes
 * it with Alt+P and Esc.
 */
export function ProcessingScreen({ db }: { db: DeskDb }) {
  const t = useT();
  const [tab, setTab] = useState<Tab>('sale');

  return (
    <main className="inspections processing" aria-label={t('prTitle')}>
      <SectionTabs tabs={TABS} selected={tab} onSelect={setTab} testIdPrefix="pr-tab" className="in-tabs" />
      {tab === 'sale' && <SalePanel db={db} />}
      {tab === 'central' && <CentralPanel db={db} />}
      {tab === 'transport' && <TransportPanel db={db} />}
    </main>
  );
}
