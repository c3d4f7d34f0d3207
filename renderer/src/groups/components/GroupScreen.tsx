import { useLiveQuery } from 'dexie-react-hooks';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { cstDateOf, formatFen, type MutualAidGroup } from '../../../../shared/index';
import { GoodsLines } from '../../components/GoodsLines';
import { useLineEditor } from '../../components/use-line-editor';
import { useToday } from '../../components/use-today';
import type { DeskDb } from '../../db/desk-db';
import { referenceInForce } from '../../declarations/desk-queries';
import { checkEntry } from '../../declarations/entry-lines';
import { syncSoon } from '../../desk/desk-runtime';
import { useT } from '../../i18n/use-t';
import { sessionSelectors } from '../../store/session/selectors';
import { useSessionStore } from '../../store/session/store';
import { useUiStore } from '../../store/ui/store';
import { groupDrafts, planGroupDeclaration } from '../group-plan';
import { groupMembersOn } from '../group-queries';
import { saveGroupDeclaration } from '../save-group-declaration';
import { GroupDeclarationList } from './GroupDeclarationList';
import { GroupPicker } from './GroupPicker';
import { GroupSplitPanel } from './GroupSplitPanel';
import '../groups.css';

type Message = { kind: 'error' | 'ok'; text: string } | null;

/** A mutual-aid group's declaration (互助组申报, Alt+G): pick the group, type the goods, see the split live, save it all at once. */
export function GroupScreen({ db }: { db: DeskDb }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const today = useToday();
  const session = useSessionStore((s) => s.session);
  const pointId = useSessionStore(sessionSelectors.pointId);
  const [group, setGroup] = useState<MutualAidGroup | null>(null);
  const [vehiclePlate, setVehiclePlate] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [saving, setSaving] = useState(false);
  const editor = useLineEditor();
  const { lines } = editor;
  const pickerRef = useRef<HTMLInputElement>(null);
  const portId = session?.portId ?? '';

  useEffect(() => {
    pickerRef.current?.focus();
  }, []);

  const reference = useLiveQuery(() => referenceInForce(db, portId, today), [db, portId, today]);
  const goodsList = reference?.goodsList ?? null;
  const policy = reference?.policy ?? null;
  const members = useLiveQuery(async () => (group === null ? null : groupMembersOn(db, group, today)), [db, group, today]);
  const check = useMemo(() => checkEntry(lines, goodsList, policy, 0), [lines, goodsList, policy]);
  const plan = useMemo(() => {
    if (group === null || members == null || goodsList === null || policy === null || check.complete.length === 0 || check.problems.length > 0) return null;
    return planGroupDeclaration({ group, residents: members.residents, usedTodayFen: members.usedTodayFen, usedTodayLines: members.usedTodayLines, lines: check.complete, goodsList, policy, tradeDate: today });
  }, [group, members, goodsList, policy, check, today]);

  const refuse = (text: string) => setMessage({ kind: 'error', text });

  const save = async () => {
    if (saving || session === null) return;
    if (pointId === null) return refuse(t('needPoint'));
    if (group === null) {
      pickerRef.current?.focus();
      return refuse(t('grNeedGroup'));
    }
    const [problem] = check.problems;
    if (problem !== undefined) {
      editor.commitAll();
      return refuse(lang === 'en' ? problem.en : problem.zh);
    }
    const [incomplete] = check.incomplete;
    if (incomplete !== undefined) return refuse(t('lineIncomplete', { n: incomplete + 1 }));
    if (check.complete.length === 0) return refuse(t('needLine'));
    if (goodsList === null || policy === null) return refuse(t('noPolicy'));
    setSaving(true);
    try {
      const now = new Date();
      const tradeDate = cstDateOf(now);
      // Usage as it is now, not as the screen last drew it: another save may have landed.
      const fresh = await groupMembersOn(db, group, tradeDate);
      const planned = planGroupDeclaration({ group, residents: fresh.residents, usedTodayFen: fresh.usedTodayFen, usedTodayLines: fresh.usedTodayLines, lines: check.complete, goodsList, policy, tradeDate });
      if (!planned.ok) return refuse(planned.error.message);
      const plate = vehiclePlate.trim() === '' ? null : vehiclePlate.trim().toUpperCase();
      const id = crypto.randomUUID();
      const base = { groupDeclarationId: id, portId: session.portId, pointId, tradeDate, declaredAt: now.toISOString(), vehiclePlate: plate, officerId: session.officer.id, deviceId: session.deviceId };
      const drafts = groupDrafts(planned.data, base, goodsList, policy);
      if (!drafts.ok) return refuse(drafts.error.message);
      const record = {
        id,
        portId: session.portId,
        groupId: group.id,
        pointId,
        tradeDate,
        vehiclePlate: plate,
        lines: check.complete,
        remainderResidentId: planned.data.remainder.length > 0 ? (planned.data.remainderResident?.id ?? null) : null,
        declaredAt: base.declaredAt,
        officerId: session.officer.id,
        deviceId: session.deviceId,
      };
      const saved = await saveGroupDeclaration(db, record, drafts.data, now);
      if (!saved.ok) return refuse(saved.error.message);
      setMessage({ kind: 'ok', text: t('grSaved', { name: group.name, n: drafts.data.length }) });
      syncSoon();
      editor.reset();
      setVehiclePlate('');
      setGroup(null);
      pickerRef.current?.focus();
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target instanceof HTMLElement ? event.target : null;
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void save();
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

  const problemsByLine = new Map(check.problems.map((p) => [p.line, lang === 'en' ? p.en : p.zh]));
  const leader = group === null ? null : (members?.residents.get(group.leaderId) ?? null);

  return (
    <div className="group-screen">
      <form
        className="entry group-entry"
        aria-label={t('grTitle')}
        onKeyDown={onKeyDown}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <h2>
          {t('grTitle')} <span className="hint">{t('grEscHint')}</span>
        </h2>
        {reference !== undefined && (goodsList === null || policy === null) && (
          <p role="alert" className="error">
            {t('noPolicy')}
          </p>
        )}
        <GroupPicker
          db={db}
          inputRef={pickerRef}
          onPick={(picked) => {
            setGroup(picked);
            setMessage(null);
            editor.focusField(lines[0]?.key, 'hs');
          }}
        />
        {group !== null && (
          <p className="group-picked" data-testid="group-picked">
            {group.name} · {t('grLeader')}: {leader === null ? '' : `${leader.name}（${leader.certificateNo}）`} · {t('grMembers', { n: group.memberIds.length })}
          </p>
        )}
        <GoodsLines editor={editor} goodsList={goodsList} problemsByLine={problemsByLine} onEdited={() => setMessage((m) => (m?.kind === 'error' ? null : m))} />
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
        </div>
        {plan !== null && !plan.ok && (
          <p role="alert" className="error">
            {plan.error.message}
          </p>
        )}
        {plan?.ok === true && policy !== null && <GroupSplitPanel plan={plan.data} dailyExemptFen={policy.dailyExemptFen} />}
        {check.assessment !== null && (
          <p className="hint">
            {t('total')}: {formatFen(check.assessment.totalFen)}
          </p>
        )}
        {message !== null && (
          <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'ok'}>
            {message.text}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>
            {t('grSave')}
          </button>
        </div>
      </form>
      <GroupDeclarationList db={db} today={today} />
    </div>
  );
}
