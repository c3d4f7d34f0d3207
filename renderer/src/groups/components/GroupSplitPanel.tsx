import { formatFen, type GoodsLinePart, type RemainderReason } from '../../../../shared/index';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import type { GroupPlan, MemberRow } from '../group-plan';
import { BAR_BOX, memberBars } from '../group-split-chart';

const REASON_TEXT: Record<RemainderReason, MessageKey> = {
  non_exempt: 'grReasonNonExempt',
  no_duty_free_room: 'grReasonNoRoom',
  weight_cap: 'grReasonWeightCap',
};

const goodsText = (lines: readonly GoodsLinePart[]) => lines.map((line) => `${line.name} ${line.quantity} ${line.unit}`).join('；');

function MemberName({ row }: { row: MemberRow }) {
  const t = useT();
  return (
    <>
      {row.resident?.name ?? row.residentId.slice(0, 8)}
      {row.isLeader && <span className="chip leader">{t('grLeader')}</span>}
    </>
  );
}

/** The live split of a group declaration: per member the amount left before, the goods and value placed, left after; the taxable remainder and whose it is. */
export function GroupSplitPanel({ plan, dailyExemptFen }: { plan: GroupPlan; dailyExemptFen: number }) {
  const t = useT();
  const { bars, height } = memberBars(plan.rows, dailyExemptFen);
  const taker = plan.remainderResident;
  return (
    <section className="group-split" aria-label={t('grSplit')}>
      <h3>{t('grSplit')}</h3>
      <table className="split-table">
        <thead>
          <tr>
            <th scope="col">{t('grMember')}</th>
            <th scope="col">{t('grCertificate')}</th>
            <th scope="col">{t('grLeftBefore')}</th>
            <th scope="col">{t('grPlaced')}</th>
            <th scope="col">{t('grPlacedValue')}</th>
            <th scope="col">{t('grLeftAfter')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.rows.map((row) => (
            <tr key={row.residentId} data-testid="split-row" data-cert={row.resident?.certificateNo ?? ''} className={row.share.isActive ? '' : 'inactive'}>
              <td>
                <MemberName row={row} />
              </td>
              <td>{row.resident?.certificateNo ?? ''}</td>
              <td data-field="leftBefore">{formatFen(row.share.leftBeforeFen)}</td>
              <td data-field="goods">
                {row.share.isActive ? goodsText(row.share.lines) || t('grNothing') : t(row.resident === null ? 'grNotOnDesk' : 'grInactive')}
              </td>
              <td data-field="placed">{formatFen(row.share.valueFen)}</td>
              <td data-field="leftAfter">{formatFen(row.share.leftAfterFen)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              {t('grExempt')}
            </th>
            <td data-field="exemptTotal">{formatFen(plan.split.exemptFen)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
      <figure className="split-chart">
        <figcaption>
          {t('grChart')}: <span className="swatch used" /> {t('grChartUsed')} <span className="swatch placed" /> {t('grChartPlaced')} <span className="swatch left" /> {t('grChartLeft')}
        </figcaption>
        <svg width={BAR_BOX.width} height={height} role="img" aria-label={t('grChart')}>
          {bars.map((bar, index) => {
            const row = plan.rows[index];
            return (
              <g key={bar.residentId}>
                <text x={0} y={bar.y + BAR_BOX.rowHeight * 0.7} fontSize="12">
                  {row?.resident?.name ?? ''}
                </text>
                <rect className="used" x={bar.used.x} y={bar.y} width={bar.used.width} height={BAR_BOX.rowHeight} />
                <rect className="placed" x={bar.placed.x} y={bar.y} width={bar.placed.width} height={BAR_BOX.rowHeight} />
                <rect className="left" x={bar.left.x} y={bar.y} width={bar.left.width} height={BAR_BOX.rowHeight} />
              </g>
            );
          })}
        </svg>
      </figure>
      {plan.remainder.length > 0 && (
        <div className="split-remainder" data-testid="split-remainder">
          <h4>
            {t('grRemainder')}: <output data-field="taxableTotal">{formatFen(plan.split.taxableFen)}</output>
          </h4>
          <ul>
            {plan.remainder.map((part) => (
              <li key={`${part.sourceLine}-${part.reason}`} data-reason={part.reason}>
                {part.name} {part.quantity} {part.unit} · {formatFen(part.valueFen)} · {t(REASON_TEXT[part.reason])}
              </li>
            ))}
          </ul>
          <p className={taker === null ? 'error' : 'hint'} data-testid="remainder-to">
            {taker === null ? t('grRemainderNobody') : t('grRemainderTo', { name: taker.name, cert: taker.certificateNo })}
          </p>
        </div>
      )}
    </section>
  );
}
