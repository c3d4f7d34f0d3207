import { DECLARATION_LIFE_STATUS_LABELS, type DeclarationLifeEventType } from '../../../../shared/index';
import type { DeskDeclaration } from '../../db/desk-db';
import '../life.css';

/** Keys of today's list that open a step of a declaration's life (R, I, C, G). */
export const LIFE_KEYS: Readonly<Record<string, DeclarationLifeEventType>> = {
  r: 'review',
  i: 'order_inspection',
  c: 'record_inspection',
  g: 'release',
};

/**
 * A declaration's status in today's list, Chinese first and English second, with what
 * the review found (risk hit, chosen for inspection) and the gate weighing's verdict.
 */
export function LifeStatus({ record }: { record: DeskDeclaration }) {
  const label = DECLARATION_LIFE_STATUS_LABELS[record.status];
  const marks: string[] = [];
  if (record.riskHit === true) marks.push('风险命中 risk hit');
  if (record.isChosenForInspection === true && record.status === 'reviewed') marks.push('待查验 to inspect');
  if (record.gateCheck != null) marks.push(`${record.gateCheck.gateKg} kg (${record.gateCheck.differenceKg > 0 ? '+' : ''}${record.gateCheck.differenceKg})`);
  return (
    <span className={`life-chip ${record.status}`} data-status={record.status}>
      {label.zh} <small>{label.en}</small>
      {marks.length > 0 && <small className="life-marks"> · {marks.join(' · ')}</small>}
    </span>
  );
}
