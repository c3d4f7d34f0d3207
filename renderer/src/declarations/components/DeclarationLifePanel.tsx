import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import {
  applyEventToDeclaration,
  checkGateWeight,
  DECLARATION_LIFE_EVENT_LABELS,
  type DeclarationLifeEvent,
  type DeclarationLifeEventType,
  declarationLifeOf,
  declaredGrossKg,
  describeGateWeight,
  gatePolicyOn,
  nextDeclarationEvents,
} from '../../../../shared/index';
import type { DeskDb, DeskDeclaration } from '../../db/desk-db';
import { syncSoon } from '../../desk/desk-runtime';
import { useT } from '../../i18n/use-t';
import { gatePoliciesOf, saveDeclarationEvent } from '../declaration-event';

/**
 * One step of a declaration's life from today's list, keyboard first: review (H risk hit,
 * X chosen for inspection), order an inspection, record it, or release at the gate with
 * the weight typed in. Before Enter confirms, the panel shows what the shared rule says:
 * the gate weighing's verdict (within / over / under, difference and allowance) and,
 * where the event would be refused, the refusal itself. Esc cancels.
 */
const both = (label: { zh: string; en: string }) => `${label.zh} / ${label.en}`;

export function eventOf(action: DeclarationLifeEventType, values: { riskHit: boolean; choose: boolean; gateWeight: string }): DeclarationLifeEvent | null {
  switch (action) {
    case 'declare':
      return { type: 'declare' };
    case 'review':
      return { type: 'review', riskHit: values.riskHit, chooseForInspection: values.choose };
    case 'order_inspection':
      return { type: 'order_inspection' };
    case 'record_inspection':
      return { type: 'record_inspection' };
    case 'release': {
      const kg = Number(values.gateWeight.trim().replace(',', '.'));
      return values.gateWeight.trim() === '' || !Number.isFinite(kg) || kg < 0 ? null : { type: 'release', gateWeightKg: kg };
    }
  }
}

export function DeclarationLifePanel(props: {
  db: DeskDb;
  record: DeskDeclaration;
  action: DeclarationLifeEventType;
  officerId: string;
  onClose: (saved: DeclarationLifeEventType | null) => void;
}) {
  const t = useT();
  const { db, record, action, officerId, onClose } = props;
  const [riskHit, setRiskHit] = useState(false);
  const [choose, setChoose] = useState(false);
  const [gateWeight, setGateWeight] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const weightRef = useRef<HTMLInputElement>(null);
  const policies = useLiveQuery(() => gatePoliciesOf(db, record.portId), [db, record.portId]);
  const label = DECLARATION_LIFE_EVENT_LABELS[action];
  const possible = nextDeclarationEvents(declarationLifeOf(record));
  const isPossible = possible.includes(action);

  useEffect(() => {
    if (action === 'release' && isPossible) weightRef.current?.focus();
    else formRef.current?.focus();
  }, [action, isPossible]);

  const event = eventOf(action, { riskHit, choose, gateWeight });
  const preview = event === null || policies === undefined ? null : applyEventToDeclaration(record, event, policies);
  const policy = policies === undefined ? null : gatePolicyOn(policies, record.tradeDate);
  const declaredKg = declaredGrossKg(record.lines);
  const weighing = event?.type === 'release' && policy !== null ? checkGateWeight(declaredKg, event.gateWeightKg, policy) : null;

  const save = async () => {
    if (saving || event === null || !isPossible) return;
    setSaving(true);
    const saved = await saveDeclarationEvent(db, { recordId: record.id, event, officerId });
    setSaving(false);
    if (!saved.ok) {
      setError(saved.error.message);
      return;
    }
    syncSoon();
    onClose(action);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose(null);
    } else if (e.key === 'Enter' && (e.target === formRef.current || (e.target instanceof HTMLInputElement && e.target.type === 'checkbox'))) {
      // The form itself (or a checkbox) has focus: Enter confirms as from the weight field.
      e.preventDefault();
      void save();
    } else if (action === 'review' && (e.key === 'h' || e.key === 'H')) {
      e.preventDefault();
      // A risk hit must be inspected: choosing follows it (the officer may still take it off, and is told why not).
      setRiskHit(!riskHit);
      if (!riskHit) setChoose(true);
      setError(null);
    } else if (action === 'review' && (e.key === 'x' || e.key === 'X')) {
      e.preventDefault();
      setChoose((v) => !v);
      setError(null);
    }
  };

  const shown = error ?? (preview !== null && !preview.ok ? preview.error.message : null);
  return (
    <form ref={formRef} className="edit-panel life-panel" aria-label={both(label)} tabIndex={-1} onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      <strong>
        {both(label)}: {record.certificateNo} {record.residentName}
      </strong>
      {!isPossible && (
        <p role="alert" className="error">
          {t('lfNotNow', { event: label.zh, next: possible.map((p) => DECLARATION_LIFE_EVENT_LABELS[p].zh).join('、') || t('lfNothingNext') })}
        </p>
      )}
      {isPossible && action === 'review' && (
        <>
          <label className="check">
            <input type="checkbox" name="riskHit" checked={riskHit} onChange={(e) => setRiskHit(e.target.checked)} />
            {t('lfRiskHit')}
          </label>
          <label className="check">
            <input type="checkbox" name="chooseForInspection" checked={choose} onChange={(e) => setChoose(e.target.checked)} />
            {t('lfChoose')}
          </label>
        </>
      )}
      {isPossible && action === 'release' && (
        <>
          <label>
            {t('lfGateWeight')}
            <input ref={weightRef} name="gateWeightKg" inputMode="decimal" value={gateWeight} onChange={(e) => {
              setGateWeight(e.target.value);
              setError(null);
            }} />
          </label>
          <span className="hint">{t('lfDeclaredGross', { kg: declaredKg })}</span>
          {policies !== undefined && policy === null && <p className="error">{t('lfNoGatePolicy')}</p>}
          {weighing !== null && (
            <p role="status" className={`gate-verdict ${weighing.verdict}`} data-verdict={weighing.verdict}>
              {describeGateWeight(weighing).zh}
              <br />
              {describeGateWeight(weighing).en}
            </p>
          )}
        </>
      )}
      {shown !== null && isPossible && (
        <p role="alert" className="error">
          {shown}
        </p>
      )}
      <span className="actions">
        <button type="submit" disabled={!isPossible || event === null || saving}>
          {t('lfConfirm')}
        </button>
        <button type="button" onClick={() => onClose(null)}>
          {t('lfCancel')}
        </button>
      </span>
    </form>
  );
}
