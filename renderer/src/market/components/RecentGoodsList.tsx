import { formatFen } from '../../../../shared/index';
import { useT } from '../../i18n/use-t';
import { useUiStore } from '../../store/ui/store';
import type { RecentGoods } from '../recent-goods';
import '../market.css';

/**
 * The resident's recent goods beside the form, each with its shortcut (Alt+1…9). The
 * keyboard picks them from the form; the buttons are for the mouse and stay out of the
 * Tab order so that Tab still walks the form's fields.
 */
export function RecentGoodsList({ goods, onPick }: { goods: readonly RecentGoods[]; onPick(item: RecentGoods): void }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  if (goods.length === 0) return null;
  return (
    <section className="recent-goods" aria-label={t('mkRecentGoods')}>
      <h3>
        {t('mkRecentGoods')} <span className="hint">{t('mkRecentHint')}</span>
      </h3>
      <ol>
        {goods.map((item, index) => (
          <li key={item.hsCode}>
            <button type="button" tabIndex={-1} aria-label={t('mkRecentPick', { n: index + 1 })} onClick={() => onPick(item)}>
              <kbd>Alt+{index + 1}</kbd> <span className="code">{item.hsCode}</span> {lang === 'en' ? item.nameEn : item.name}{' '}
              {formatFen(item.unitPriceFen)}/{item.unit}
            </button>{' '}
            <span className="hint">{t('mkRecentLast', { quantity: item.lastQuantity, unit: item.unit, date: item.lastTradeDate })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
