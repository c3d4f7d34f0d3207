import { useEffect, useState } from 'react';
import type { DeskDb } from '../../db/desk-db';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { CentralPanel } from './CentralPanel';
import { SalePanel } from './SalePanel';
import { TransportPanel } from './TransportPanel';

type Tab = 'sale' | 'central' | 'transport';

const TABS: { tab: Tab; label: MessageKey; key: string }[] = [
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
    <main className="inspections processing" aria-label={t('prTitle')}>
      <div className="in-tabs" role="tablist">
        {TABS.map(({ tab: name, label, key }) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} aria-keyshortcuts={`Alt+${key}`} onClick={() => setTab(name)} data-testid={`pr-tab-${name}`}>
            {t(label)}
          </button>
        ))}
      </div>
      {tab === 'sale' && <SalePanel db={db} />}
      {tab === 'central' && <CentralPanel db={db} />}
      {tab === 'transport' && <TransportPanel db={db} />}
    </main>
  );
}
