import Dexie from 'dexie';
import { type DutyFreePolicy, type GoodsList, type Resident, versionInForce } from '../../../shared/index';
import { type DeskDb, type DeskDeclaration, type Rejection, refusesRecord } from '../db/desk-db';

/** Shown state of a declaration, derived from the outbox, the rejections and HQ's flags. */
export type DeclarationState = 'pending' | 'synced' | 'flagged' | 'rejected';

export interface TodayRow {
  declaration: DeskDeclaration;
  state: DeclarationState;
  /** HQ refused to create the record. */
  rejection: Rejection | null;
  /** HQ refused the latest edit of the record (the record itself stands). */
  editRejection: Rejection | null;
}

export async function findResident(db: DeskDb, certificateNo: string): Promise<Resident | null> {
  const wanted = certificateNo.trim().toUpperCase();
  if (wanted === '') return null;
  return (await db.residents.where('certificateNo').equals(wanted).first()) ?? null;
}

/**
 * Duty-free amount a resident already used on a trade date in this desk's records, at
 * every point of the port. HQ's own figure wins where HQ has assessed the record;
 * declarations HQ refused do not count.
 */
export async function usedTodayFen(db: DeskDb, residentId: string, tradeDate: string): Promise<number> {
  const records = await db.declarations.where('[residentId+tradeDate]').equals([residentId, tradeDate]).toArray();
  if (records.length === 0) return 0;
  const rejected = new Set(
    (await db.rejections.where('recordId').anyOf(records.map((r) => r.id)).toArray()).filter(refusesRecord).map((r) => r.recordId),
  );
  let used = 0;
  for (const record of records) {
    if (!rejected.has(record.id)) used += record.hqExemptFen ?? record.exemptFen;
  }
  return used;
}

export interface ReferenceInForce {
  goodsList: GoodsList | null;
  policy: DutyFreePolicy | null;
}

export async function referenceInForce(db: DeskDb, portId: string, date: string): Promise<ReferenceInForce> {
  const [lists, policies] = await Promise.all([db.goodsLists.toArray(), db.policies.toArray()]);
  return {
    goodsList: versionInForce(
      lists.filter((l) => l.portId === portId),
      date,
    ),
    policy: versionInForce(
      policies.filter((p) => p.portId === portId),
      date,
    ),
  };
}

export function stateOf(declaration: DeskDeclaration, pending: Set<string>, rejection: Rejection | undefined): DeclarationState {
  if (rejection !== undefined) return 'rejected';
  if (pending.has(declaration.id)) return 'pending';
  return declaration.flags.length > 0 ? 'flagged' : 'synced';
}

/** The port's declarations of one trade date, newest first, with their derived state. */
export async function todaysRows(db: DeskDb, tradeDate: string): Promise<TodayRow[]> {
  return db.transaction('r', db.declarations, db.outbox, db.rejections, async () => {
    const [records, pendingKeys, rejections] = await Promise.all([
      db.declarations
        .where('[tradeDate+declaredAt]')
        .between([tradeDate, Dexie.minKey], [tradeDate, Dexie.maxKey])
        .reverse()
        .toArray(),
      db.outbox.orderBy('recordId').uniqueKeys(),
      db.rejections.toArray(),
    ]);
    const pending = new Set(pendingKeys.map(String));
    const refused = new Map<string, Rejection>();
    const editRefused = new Map<string, Rejection>();
    for (const r of rejections) {
      if (refusesRecord(r)) refused.set(r.recordId, r);
      else if (r.at >= (editRefused.get(r.recordId)?.at ?? '')) editRefused.set(r.recordId, r);
    }
    return records.map((declaration) => {
      const rejection = refused.get(declaration.id);
      return {
        declaration,
        state: stateOf(declaration, pending, rejection),
        rejection: rejection ?? null,
        editRejection: editRefused.get(declaration.id) ?? null,
      };
    });
  });
}
