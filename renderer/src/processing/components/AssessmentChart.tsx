import { type CentralAssessment, formatFen } from '../../../../shared/index';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { assessmentBars, CHART } from '../assessment-chart';

const LABELS: Record<'salesFen' | 'exemptFen' | 'taxableFen', MessageKey> = { salesFen: 'prSalesFen', exemptFen: 'prExemptFen', taxableFen: 'prTaxableFen' };

/** The assessment as a table and as bars: what the officer compares before declaring. */
export function AssessmentChart({ assessment }: { assessment: Pick<CentralAssessment, 'salesFen' | 'exemptFen' | 'taxableFen' | 'policyVersion'> }) {
  const t = useT();
  const bars = assessmentBars(assessment);
  const height = bars.length * (CHART.barHeight + CHART.gap);
  return (
    <figure className="pr-assessment" data-testid="pr-assessment">
      <dl>
        {bars.map((bar) => (
          <div key={bar.key}>
            <dt>{t(LABELS[bar.key])}</dt>
            <dd data-testid={`pr-${bar.key}`}>{formatFen(bar.fen)}</dd>
          </div>
        ))}
        <div>
          <dt>{t('prPolicyVersion')}</dt>
          <dd>v{assessment.policyVersion}</dd>
        </div>
      </dl>
      <svg width={CHART.width} height={height} role="img" aria-label={t('prChart')}>
        {bars.map((bar) => (
          <g key={bar.key} transform={`translate(0 ${bar.y})`}>
            <text x={0} y={CHART.barHeight - 4} fontSize={12}>
              {t(LABELS[bar.key])}
            </text>
            <rect x={CHART.labelWidth} width={bar.width} height={CHART.barHeight} className={`pr-bar-${bar.key}`} fill={bar.key === 'taxableFen' ? '#c0392b' : bar.key === 'exemptFen' ? '#27ae60' : '#2c7be5'} />
          </g>
        ))}
      </svg>
    </figure>
  );
}
