import { type Assessment, formatFen } from '../../../shared/index';
import { useT } from '../i18n/use-t';

/** The live assessment the officer sees before saving. */
export function AssessmentSummary({ assessment }: { assessment: Assessment | null }) {
  const t = useT();
  const show = (fen: number | undefined) => (fen === undefined ? '—' : formatFen(fen));
  const items = [
    ['total', assessment?.totalFen],
    ['exempt', assessment?.exemptFen],
    ['taxable', assessment?.taxableFen],
    ['leftAfter', assessment?.leftAfterFen],
  ] as const;
  return (
    <dl className="assessment">
      {items.map(([key, fen]) => (
        <div key={key} className={key}>
          <dt>{t(key)}</dt>
          <dd>
            <output aria-label={t(key)}>{show(fen)}</output>
          </dd>
        </div>
      ))}
    </dl>
  );
}
