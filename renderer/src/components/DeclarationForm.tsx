import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import {
  cstDateOf,
  formatFen,
  isResidentActiveOn,
  prepareDeclaration,
  quotaLeft,
  type Resident,
} from '../../../shared/index';
import type { DeskDb } from '../db/desk-db';
import { findResident, referenceInForce, usedTodayFen } from '../declarations/desk-queries';
import { usedTodayLines } from '../declarations/weight-cap-queries';
import { type EntryDraft, hasContent, keepEntryDraft, removeEntryDraft } from '../declarations/entry-drafts';
import { EntryDrafts } from '../declarations/components/EntryDrafts';
import { checkEntry, isBlankLine } from '../declarations/entry-lines';
import { saveDeclaration } from '../declarations/save-declaration';
import { syncSoon } from '../desk/desk-runtime';
import { useT } from '../i18n/use-t';
import { RecentGoodsList } from '../market/components/RecentGoodsList';
import { priceText, type RecentGoods, recentGoods } from '../market/recent-goods';
import { sessionSelectors } from '../store/session/selectors';
import { useSessionStore } from '../store/session/store';
import { useUiStore } from '../store/ui/store';
import { AssessmentSummary } from './AssessmentSummary';
import { GoodsLines } from './GoodsLines';
import { ResidentCard } from './ResidentCard';
import { useLineEditor } from './use-line-editor';
import { clearDeclareFor, pendingDeclareFor } from '../residents/declare-for';

type Lookup = { kind: 'idle' } | { kind: 'found'; resident: Resident } | { kind: 'notFound'; certificateNo: string };
type Message = { kind: 'error' | 'ok'; text: string } | null;

/** Keyboard-first entry of a mutual-market declaration (边民互市申报). */
export function DeclarationForm({ db, today }: { db: DeskDb; today: string }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const session = useSessionStore((s) => s.session);
  const pointId = useSessionStore(sessionSelectors.pointId);
  const [certificateNo, setCertificateNo] = useState(() => pendingDeclareFor() ?? '');
  const [lookup, setLookup] = useState<Lookup>({ kind: 'idle' });
  const [vehiclePlate, setVehiclePlate] = useState('');
  const [carPool, setCarPool] = useState(false);
  const [remarks, setRemarks] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [saving, setSaving] = useState(false);
  /** The draft (草稿) the form was resumed from: removed once it is declared. */
  const [draftId, setDraftId] = useState<string | null>(null);
  const editor = useLineEditor();
  const { lines } = editor;
  const certRef = useRef<HTMLInputElement>(null);

  const portId = session?.portId ?? '';
  const reference = useLiveQuery(() => referenceInForce(db, portId, today), [db, portId, today]);
  const resident = lookup.kind === 'found' ? lookup.resident : null;
  const residentId = resident?.id ?? null;
  const used = useLiveQuery(
    async () => (residentId === null ? 0 : usedTodayFen(db, residentId, today)),
    [db, residentId, today],
  );
  const goodsList = reference?.goodsList ?? null;
  const policy = reference?.policy ?? null;
  const check = useMemo(() => checkEntry(lines, goodsList, policy, used ?? 0), [lines, goodsList, policy, used]);
  const leftToday = policy !== null && used !== undefined ? quotaLeft(policy, used) : null;
  const residentActive = resident !== null && isResidentActiveOn(resident, today);
  const recent = useLiveQuery(
    async () => (residentId === null || !residentActive ? [] : recentGoods(db, residentId, goodsList)),
    [db, residentId, residentActive, goodsList],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on mount: a resident picked in 边民 is looked up at once.
  useEffect(() => {
    certRef.current?.focus();
    if (pendingDeclareFor() !== null) {
      clearDeclareFor();
      void lookUp();
    }
  }, []);

  const lookUp = async (typed: string = certificateNo) => {
    const wanted = typed.trim().toUpperCase();
    if (wanted === '') return;
    setCertificateNo(wanted);
    const found = await findResident(db, wanted);
    setMessage(null);
    setLookup(found === null ? { kind: 'notFound', certificateNo: wanted } : { kind: 'found', resident: found });
    if (found !== null && isResidentActiveOn(found, today)) editor.focusField(lines[0]?.key, 'hs');
  };

  const reset = () => {
    setDraftId(null);
    setCertificateNo('');
    setLookup({ kind: 'idle' });
    editor.reset();
    setVehiclePlate('');
    setCarPool(false);
    setRemarks('');
    certRef.current?.focus();
  };

  const clearError = () => setMessage((current) => (current?.kind === 'error' ? null : current));

  const refuse = (text: string) => {
    setMessage({ kind: 'error', text });
    return undefined;
  };

  const save = async () => {
    if (saving || session === null) return;
    if (pointId === null) return refuse(t('needPoint'));
    if (resident === null) {
      certRef.current?.focus();
      return refuse(t('needResident'));
    }
    const [problem] = check.problems;
    if (problem !== undefined) {
      editor.commitAll();
      return refuse(lang === 'en' ? problem.en : problem.zh);
    }
    const [incomplete] = check.incomplete;
    if (incomplete !== undefined) return refuse(t('lineIncomplete', { n: incomplete + 1 }));
    if (check.complete.length === 0) return refuse(t('needLine'));
    setSaving(true);
    try {
      const now = new Date();
      const tradeDate = cstDateOf(now);
      const prepared = prepareDeclaration(
        {
          id: crypto.randomUUID(),
          portId: session.portId,
          pointId,
          residentId: resident.id,
          certificateNo: resident.certificateNo,
          residentName: resident.name,
          tradeDate,
          declaredAt: now.toISOString(),
          vehiclePlate: vehiclePlate.trim() === '' ? null : vehiclePlate.trim().toUpperCase(),
          carPool,
          ...(remarks.trim() === '' ? {} : { remarks: remarks.trim() }),
          lines: check.complete,
          officerId: session.officer.id,
          deviceId: session.deviceId,
        },
        {
          resident,
          goodsList,
          policy,
          usedTodayFen: await usedTodayFen(db, resident.id, tradeDate),
          usedTodayLines: await usedTodayLines(db, resident.id, tradeDate),
        },
      );
      if (!prepared.ok) return refuse(prepared.error.message);
      const saved = await saveDeclaration(db, prepared.data);
      if (!saved.ok) return refuse(saved.error.message);
      if (draftId !== null) await removeEntryDraft(db, draftId);
      setMessage({ kind: 'ok', text: `${t('saved')}: ${resident.name} ${formatFen(prepared.data.totalFen)}` });
      syncSoon();
      reset();
    } finally {
      setSaving(false);
    }
  };

  /** Fills a line with recent goods (price included) and puts the cursor on its quantity. */
  const pickRecent = (item: RecentGoods, lineKey: string | null) => {
    editor.fillLine(lineKey, { hsCode: item.hsCode, unitPrice: priceText(item.unitPriceFen), quantity: '' });
    clearError();
  };

  /** Alt+D: what is typed becomes a draft on this desk (never sent), and the form is free for the next resident. */
  const keepDraft = async () => {
    const draft: EntryDraft = {
      id: draftId ?? crypto.randomUUID(),
      savedAt: new Date().toISOString(),
      certificateNo: certificateNo.trim().toUpperCase(),
      residentName: resident?.name ?? '',
      lines: lines.map(({ hsCode, quantity, unitPrice }) => ({ hsCode, quantity, unitPrice })),
      vehiclePlate,
      carPool,
      remarks,
    };
    if (!hasContent(draft)) return refuse(t('lfDraftEmpty'));
    await keepEntryDraft(db, draft);
    reset();
    setMessage({ kind: 'ok', text: t('lfDraftKept', { who: `${draft.certificateNo} ${draft.residentName}`.trim() }) });
  };

  const resumeDraft = (draft: EntryDraft) => {
    setMessage(null);
    setCertificateNo(draft.certificateNo);
    setVehiclePlate(draft.vehiclePlate);
    setCarPool(draft.carPool);
    setRemarks(draft.remarks);
    editor.restore(draft.lines);
    setDraftId(draft.id);
    setLookup({ kind: 'idle' });
    if (draft.certificateNo === '') certRef.current?.focus();
    else void lookUp(draft.certificateNo);
  };

  const onFormKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target instanceof HTMLElement ? event.target : null;
    const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
    if (event.altKey && !event.ctrlKey && !event.metaKey && digit !== undefined) {
      // Alt+1…9: the resident's recent goods, into the line being typed when it is still blank.
      const item = recent?.[Number(digit) - 1];
      if (item === undefined) return;
      event.preventDefault();
      const focused = target?.closest<HTMLElement>('[data-line]')?.dataset.line;
      const focusedLine = lines.find((l) => l.key === focused);
      pickRecent(item, focusedLine !== undefined && isBlankLine(focusedLine) ? focusedLine.key : null);
    } else if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'd' || event.key === 'D' || event.code === 'KeyD')) {
      event.preventDefault();
      void keepDraft();
    } else if (event.altKey && (event.key === 'n' || event.key === 'N' || event.code === 'KeyN')) {
      event.preventDefault();
      editor.addLine();
    } else if (event.altKey && event.key === 'Backspace') {
      const key = target?.closest<HTMLElement>('[data-line]')?.dataset.line;
      if (key !== undefined) {
        event.preventDefault();
        editor.removeLine(key);
      }
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  const problemsByLine = new Map(check.problems.map((p) => [p.line, lang === 'en' ? p.en : p.zh]));
  const blocked = !residentActive || check.problems.length > 0;

  return (
    <form className="entry" onSubmit={onSubmit} onKeyDown={onFormKeyDown} aria-label={t('newDeclaration')} noValidate>
      <h2>{t('newDeclaration')}</h2>
      {reference !== undefined && (goodsList === null || policy === null) && (
        <p role="alert" className="error">
          {t('noPolicy')}
        </p>
      )}
      <div className="cert-row">
        <label>
          {t('certificateNo')}
          <input
            ref={certRef}
            name="certificateNo"
            autoComplete="off"
            value={certificateNo}
            onChange={(e) => {
              setCertificateNo(e.target.value);
              clearError();
              if (lookup.kind !== 'idle') setLookup({ kind: 'idle' });
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
                e.preventDefault();
                void lookUp();
              }
            }}
          />
        </label>
        <button type="button" onClick={() => void lookUp()} tabIndex={-1}>
          {t('lookUp')}
        </button>
        <span className="hint">{t('lookUpHint')}</span>
      </div>
      {lookup.kind === 'notFound' && (
        <p role="alert" className="error">
          {t('residentUnknown')}: {lookup.certificateNo}
        </p>
      )}
      {resident !== null && <ResidentCard resident={resident} today={today} leftTodayFen={leftToday} />}
      {residentActive && <RecentGoodsList goods={recent ?? []} onPick={(item) => pickRecent(item, null)} />}

      <GoodsLines
        editor={editor}
        goodsList={goodsList}
        problemsByLine={problemsByLine}
        onEdited={clearError}
        recent={recent ?? []}
        onPickRecent={(item, lineKey) => pickRecent(item, lineKey)}
      />

      <div className="vehicle-row">
        <label>
          {t('vehiclePlate')}
          <input
            name="vehiclePlate"
            maxLength={16}
            value={vehiclePlate}
            onChange={(e) => setVehiclePlate(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) e.preventDefault();
            }}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={carPool} onChange={(e) => setCarPool(e.target.checked)} />
          {t('carPool')}
        </label>
        <label className="remarks">
          {t('remarks')}
          <input
            name="remarks"
            maxLength={200}
            value={remarks}
            onChange={(e) => setRemarks(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) e.preventDefault();
            }}
          />
        </label>
      </div>

      <AssessmentSummary assessment={resident === null ? null : check.assessment} />
      {message !== null && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'ok'}>
          {message.text}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving || blocked}>
          {t('save')} (Ctrl+Enter)
        </button>
        <button type="button" onClick={() => void keepDraft()}>
          {t('lfDraftKeep')}
        </button>
        <span className="hint">{t('keyboardHint')}</span>
      </div>
      <EntryDrafts db={db} onResume={resumeDraft} />
    </form>
  );
}
