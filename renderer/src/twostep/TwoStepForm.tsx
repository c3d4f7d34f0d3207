import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import {
  checkSummaryDeclaration,
  type Container,
  type SummaryProblem,
  TRANSPORT_MODES,
  type TwoStepEntry,
  type TwoStepLine,
  type TwoStepRecord,
} from '../../../shared/index';
import { syncSoon } from '../desk/desk-runtime';
import type { DeskDb } from '../db/desk-db';
import { useT } from '../i18n/use-t';
import { useSessionStore } from '../store/session/store';
import { useUiStore } from '../store/ui/store';
import { saveTwoStepChange, twoStepChange } from './save-two-step';

/**
 * The two-step entry form (概要申报): one entry, its consignee, transport means, bill of
 * lading, the flags 涉证/涉检/涉税 (each shows the fields it requires), goods lines and
 * containers. Keyboard first: Enter moves to the next field, Alt+N adds a goods line,
 * Ctrl+S saves the draft, Ctrl+Enter saves and declares the summary, Esc goes back.
 * Every problem is listed with the field it names and the rule it breaks, in both
 * languages, by the shared checkSummaryDeclaration (HQ runs the same check).
 */

interface LineText {
  hsCode: string;
  name: string;
  quantity: string;
  unit: string;
  valueYuan: string;
  originCountry: string;
  grossKg: string;
  qualification: string;
  ciqName: string;
  goodsAttribute: string;
  purpose: string;
}

const EMPTY_LINE: LineText = { hsCode: '', name: '', quantity: '', unit: 'kg', valueYuan: '', originCountry: 'VN', grossKg: '', qualification: '', ciqName: '', goodsAttribute: '', purpose: '' };

const num = (text: string) => {
  const value = Number(text.trim());
  return Number.isFinite(value) && value >= 0 ? value : 0;
};

function lineTextOf(line: TwoStepLine): LineText {
  return {
    hsCode: line.hsCode,
    name: line.name,
    quantity: String(line.quantity),
    unit: line.unit,
    valueYuan: String(line.valueFen / 100),
    originCountry: line.originCountry,
    grossKg: String(line.grossKg),
    qualification: line.inspection?.qualification ?? '',
    ciqName: line.inspection?.ciqName ?? '',
    goodsAttribute: line.inspection?.goodsAttribute ?? '',
    purpose: line.inspection?.purpose ?? '',
  };
}

export function TwoStepForm({ db, editing, onDone }: { db: DeskDb; editing: TwoStepRecord | null; onDone: () => void }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const session = useSessionStore((s) => s.session);
  const [entryNo, setEntryNo] = useState(editing?.entryNo ?? '');
  const [consigneeName, setConsigneeName] = useState(editing?.consignee.name ?? '');
  const [creditCode, setCreditCode] = useState(editing?.consignee.creditCode ?? '');
  const [mode, setMode] = useState<TwoStepEntry['transport']['mode']>(editing?.transport.mode ?? 'road');
  const [transportName, setTransportName] = useState(editing?.transport.name ?? '');
  const [voyageNo, setVoyageNo] = useState(editing?.transport.voyageNo ?? '');
  const [declaredOn, setDeclaredOn] = useState(editing?.transport.declaredOn ?? '');
  const [billOfLadingNo, setBillOfLadingNo] = useState(editing?.billOfLadingNo ?? '');
  const [tradeMode, setTradeMode] = useState(editing?.tradeMode ?? '0110');
  const [flags, setFlags] = useState(editing?.flags ?? { licence: false, inspection: false, taxable: false });
  const [licenceNo, setLicenceNo] = useState(editing?.licence?.number ?? '');
  const [docCode, setDocCode] = useState(editing?.licence?.documents[0]?.code ?? '');
  const [docNo, setDocNo] = useState(editing?.licence?.documents[0]?.number ?? '');
  const [guaranteeNo, setGuaranteeNo] = useState(editing?.guaranteeNo ?? '');
  const [lines, setLines] = useState<LineText[]>(editing?.lines.map(lineTextOf) ?? [{ ...EMPTY_LINE }]);
  const [containers, setContainers] = useState<{ number: string; lineNos: string }[]>(
    editing?.containers.map((c) => ({ number: c.number, lineNos: c.lineNos.join(',') })) ?? [],
  );
  const [problems, setProblems] = useState<SummaryProblem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  if (session === null) return null;
  const who = { officerId: session.officer.id, deviceId: session.deviceId };

  function entryOf(id: string, createdAt: string): TwoStepEntry {
    const builtLines: TwoStepLine[] = lines.map((line) => ({
      hsCode: line.hsCode.trim(),
      name: line.name.trim(),
      quantity: num(line.quantity),
      unit: line.unit.trim(),
      valueFen: Math.round(num(line.valueYuan) * 100),
      originCountry: line.originCountry.trim().toUpperCase().slice(0, 2),
      grossKg: num(line.grossKg),
      inspection: flags.inspection
        ? { qualification: line.qualification.trim(), ciqName: line.ciqName.trim(), goodsAttribute: line.goodsAttribute.trim(), purpose: line.purpose.trim() }
        : null,
    }));
    const builtContainers: Container[] = containers.map((c) => ({
      number: c.number.trim().toUpperCase(),
      lineNos: c.lineNos.split(/[,，\s]+/).flatMap((n) => (/^\d{1,2}$/.test(n) && Number(n) >= 1 ? [Number(n)] : [])),
    }));
    return {
      id,
      portId: session?.portId ?? '',
      entryNo: /^\d{18}$/.test(entryNo.trim()) ? entryNo.trim() : null,
      consignee: { name: consigneeName.trim(), creditCode: creditCode.trim().toUpperCase() },
      transport: { mode, name: transportName.trim(), voyageNo: voyageNo.trim() === '' ? null : voyageNo.trim(), declaredOn: declaredOn === '' ? null : declaredOn },
      billOfLadingNo: billOfLadingNo.trim(),
      tradeMode: tradeMode.trim(),
      flags,
      lines: builtLines,
      containers: builtContainers,
      licence: flags.licence ? { number: licenceNo.trim(), documents: docCode.trim() === '' && docNo.trim() === '' ? [] : [{ code: docCode.trim(), number: docNo.trim() }] } : null,
      guaranteeNo: flags.taxable && guaranteeNo.trim() !== '' ? guaranteeNo.trim() : null,
      officerId: who.officerId,
      deviceId: who.deviceId,
      createdAt,
    };
  }

  async function save(declare: boolean) {
    const now = new Date();
    const entry = entryOf(editing?.id ?? crypto.randomUUID(), editing?.createdAt ?? now.toISOString());
    const found = checkSummaryDeclaration(entry);
    setProblems(found);
    if (declare && found.length > 0) return;
    const { id: _id, portId: _port, officerId: _officer, deviceId: _device, createdAt: _created, ...fields } = entry;
    const saved =
      editing === null
        ? await saveTwoStepChange(db, twoStepChange({ type: 'two_step.create' as const, record: entry }, now), who)
        : await saveTwoStepChange(db, twoStepChange({ type: 'two_step.update' as const, portId: editing.portId, recordId: editing.id, baseVersion: editing.version, changes: fields }, now), who);
    if (!saved.ok) {
      setMessage(saved.error.message);
      return;
    }
    if (declare) {
      const declared = await saveTwoStepChange(db, twoStepChange({ type: 'two_step.event' as const, portId: entry.portId, recordId: entry.id, event: 'declare_summary' as const }), who);
      if (!declared.ok) {
        setMessage(declared.error.message);
        return;
      }
    }
    syncSoon();
    setMessage(declare ? t('tsDeclared') : t('tsSaved'));
    onDone();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save(true);
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save(true);
    } else if ((event.key === 's' || event.key === 'S') && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save(false);
    } else if (event.altKey && (event.key === 'n' || event.key === 'N' || event.code === 'KeyN')) {
      event.preventDefault();
      setLines((all) => [...all, { ...EMPTY_LINE }]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    } else if (event.key === 'Enter' && target.tagName === 'INPUT') {
      // Enter moves on, as on the declaration form.
      event.preventDefault();
      const fields = [...event.currentTarget.querySelectorAll<HTMLElement>('input:not([type=checkbox]), select')];
      fields[fields.indexOf(target) + 1]?.focus();
    }
  }

  const setLine = (index: number, field: keyof LineText, value: string) => setLines((all) => all.map((line, i) => (i === index ? { ...line, [field]: value } : line)));
  const problemAt = (path: string) => problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`));
  const invalid = (path: string) => (problemAt(path).length > 0 ? true : undefined);

  return (
    <form className="two-step-form" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-label={t('tsNew')}>
      <p className="hint">{t('tsFormHint')}</p>
      <fieldset>
        <label>
          {t('tsEntryNo')}
          <input value={entryNo} onChange={(e) => setEntryNo(e.target.value)} inputMode="numeric" maxLength={18} data-testid="ts-entry-no" />
        </label>
        <label>
          {t('tsConsignee')}
          <input value={consigneeName} onChange={(e) => setConsigneeName(e.target.value)} aria-invalid={invalid('consignee.name')} data-testid="ts-consignee-name" ref={first} />
        </label>
        <label>
          {t('tsCreditCode')}
          <input value={creditCode} onChange={(e) => setCreditCode(e.target.value.toUpperCase())} maxLength={18} aria-invalid={invalid('consignee.creditCode')} data-testid="ts-credit-code" />
        </label>
        <label>
          {t('tsTransportMode')}
          <select value={mode} onChange={(e) => setMode(e.target.value as TwoStepEntry['transport']['mode'])}>
            {TRANSPORT_MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tsTransportName')}
          <input value={transportName} onChange={(e) => setTransportName(e.target.value)} aria-invalid={invalid('transport.name')} data-testid="ts-transport-name" />
        </label>
        <label>
          {t('tsVoyageNo')}
          <input value={voyageNo} onChange={(e) => setVoyageNo(e.target.value)} />
        </label>
        <label>
          {t('tsTransportDeclaredOn')}
          <input type="date" value={declaredOn} onChange={(e) => setDeclaredOn(e.target.value)} data-testid="ts-declared-on" />
        </label>
        <label>
          {t('tsBillOfLading')}
          <input value={billOfLadingNo} onChange={(e) => setBillOfLadingNo(e.target.value)} aria-invalid={invalid('billOfLadingNo')} data-testid="ts-bill" />
        </label>
        <label>
          {t('tsTradeMode')}
          <input value={tradeMode} onChange={(e) => setTradeMode(e.target.value)} maxLength={4} aria-invalid={invalid('tradeMode')} />
        </label>
      </fieldset>
      <fieldset className="flags">
        <legend>{t('tsFlags')}</legend>
        {(['licence', 'inspection', 'taxable'] as const).map((flag) => (
          <label key={flag}>
            <input type="checkbox" checked={flags[flag]} onChange={(e) => setFlags({ ...flags, [flag]: e.target.checked })} data-testid={`ts-flag-${flag}`} />
            {t(flag === 'licence' ? 'tsFlagLicence' : flag === 'inspection' ? 'tsFlagInspection' : 'tsFlagTaxable')}
          </label>
        ))}
        {flags.licence && (
          <>
            <label>
              {t('tsLicenceNo')}
              <input value={licenceNo} onChange={(e) => setLicenceNo(e.target.value)} aria-invalid={invalid('licence.number')} />
            </label>
            <label>
              {t('tsDocCode')}
              <input value={docCode} onChange={(e) => setDocCode(e.target.value)} maxLength={4} aria-invalid={invalid('licence.documents')} />
            </label>
            <label>
              {t('tsDocNo')}
              <input value={docNo} onChange={(e) => setDocNo(e.target.value)} aria-invalid={invalid('licence.documents')} />
            </label>
          </>
        )}
        {flags.taxable && (
          <label>
            {t('tsGuaranteeNo')}
            <input value={guaranteeNo} onChange={(e) => setGuaranteeNo(e.target.value)} aria-invalid={invalid('guaranteeNo')} />
          </label>
        )}
      </fieldset>
      <fieldset className="lines">
        <legend>{t('tsLines')}</legend>
        {lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: goods lines are numbered by position (项号), as customs numbers them
          <div className="ts-line" key={index}>
            <span className="line-no">{index + 1}</span>
            <input placeholder={t('tsHsCode')} aria-label={t('tsHsCode')} value={line.hsCode} onChange={(e) => setLine(index, 'hsCode', e.target.value.replace(/\D/g, ''))} maxLength={10} aria-invalid={invalid(`lines.${index}.hsCode`)} data-testid={`ts-line-${index}-hs`} />
            <input placeholder={t('tsGoodsName')} aria-label={t('tsGoodsName')} value={line.name} onChange={(e) => setLine(index, 'name', e.target.value)} aria-invalid={invalid(`lines.${index}.name`)} data-testid={`ts-line-${index}-name`} />
            <input placeholder={t('tsQuantity')} aria-label={t('tsQuantity')} value={line.quantity} onChange={(e) => setLine(index, 'quantity', e.target.value)} inputMode="decimal" data-testid={`ts-line-${index}-qty`} />
            <input placeholder={t('tsUnit')} aria-label={t('tsUnit')} value={line.unit} onChange={(e) => setLine(index, 'unit', e.target.value)} />
            <input placeholder={t('tsValueYuan')} aria-label={t('tsValueYuan')} value={line.valueYuan} onChange={(e) => setLine(index, 'valueYuan', e.target.value)} inputMode="decimal" data-testid={`ts-line-${index}-value`} />
            <input placeholder={t('tsOrigin')} aria-label={t('tsOrigin')} value={line.originCountry} onChange={(e) => setLine(index, 'originCountry', e.target.value)} maxLength={2} />
            <input placeholder={t('tsGrossKg')} aria-label={t('tsGrossKg')} value={line.grossKg} onChange={(e) => setLine(index, 'grossKg', e.target.value)} inputMode="decimal" data-testid={`ts-line-${index}-kg`} />
            {flags.inspection && (
              <>
                <input placeholder={t('tsQualification')} aria-label={t('tsQualification')} value={line.qualification} onChange={(e) => setLine(index, 'qualification', e.target.value)} />
                <input placeholder={t('tsCiqName')} aria-label={t('tsCiqName')} value={line.ciqName} onChange={(e) => setLine(index, 'ciqName', e.target.value)} />
                <input placeholder={t('tsGoodsAttribute')} aria-label={t('tsGoodsAttribute')} value={line.goodsAttribute} onChange={(e) => setLine(index, 'goodsAttribute', e.target.value)} />
                <input placeholder={t('tsPurpose')} aria-label={t('tsPurpose')} value={line.purpose} onChange={(e) => setLine(index, 'purpose', e.target.value)} />
              </>
            )}
            {lines.length > 1 && (
              <button type="button" onClick={() => setLines((all) => all.filter((_, i) => i !== index))}>
                {t('tsRemove')}
              </button>
            )}
          </div>
        ))}
        <button type="button" onClick={() => setLines((all) => [...all, { ...EMPTY_LINE }])}>
          {t('tsAddLine')}
        </button>
      </fieldset>
      <fieldset className="containers">
        <legend>{t('tsContainers')}</legend>
        {containers.map((container, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: containers are edited in place by position
          <div className="ts-line" key={index}>
            <input placeholder={t('tsContainerNo')} aria-label={t('tsContainerNo')} value={container.number} onChange={(e) => setContainers((all) => all.map((c, i) => (i === index ? { ...c, number: e.target.value.toUpperCase() } : c)))} maxLength={11} aria-invalid={invalid(`containers.${index}`)} />
            <input placeholder={t('tsContainerLines')} aria-label={t('tsContainerLines')} value={container.lineNos} onChange={(e) => setContainers((all) => all.map((c, i) => (i === index ? { ...c, lineNos: e.target.value } : c)))} />
            <button type="button" onClick={() => setContainers((all) => all.filter((_, i) => i !== index))}>
              {t('tsRemove')}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setContainers((all) => [...all, { number: '', lineNos: '1' }])}>
          {t('tsAddContainer')}
        </button>
      </fieldset>
      {problems.length > 0 && (
        <div className="problems" role="alert" data-testid="ts-problems">
          <strong>{t('tsProblems')}</strong>
          <ul>
            {problems.map((p) => (
              <li key={`${p.path}-${p.rule}`} data-field={p.path}>
                <code>{p.path}</code> {lang === 'en' ? p.en : p.zh}
              </li>
            ))}
          </ul>
        </div>
      )}
      {message !== null && (
        <p className="message" role="status">
          {message}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void save(false)} data-testid="ts-save-draft">
          {t('tsSaveDraft')}
        </button>
        <button type="submit" className="primary" data-testid="ts-declare">
          {t('tsDeclareSummary')}
        </button>
      </div>
    </form>
  );
}
