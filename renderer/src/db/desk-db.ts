import Dexie, { type Table } from 'dexie';
import type {
  Declaration,
  DutyFreePolicy,
  GoodsList,
  MarketPoint,
  Mutation,
  MutationResult,
  Officer,
  Resident,
} from '../../../shared/index';

/** A flag as HQ sends it in a push result (code kept as text: a newer HQ may know more codes). */
export type DeskFlag = MutationResult['flags'][number];

/**
 * A declaration as the desk keeps it. Saved locally it has HQ's fields empty
 * (hqExemptFen null, no flags); the pull later overwrites it with HQ's full state.
 */
export type DeskDeclaration = Omit<Declaration, 'flags'> & { flags: DeskFlag[] };

/** A change waiting to go to HQ. `seq` orders the outbox; `id` is the mutation's uuid. */
export interface OutboxEntry {
  seq?: number;
  id: string;
  recordId: string;
  mutation: Mutation;
  createdAt: string;
}

/** HQ refused a mutation: kept so the officer sees why, never retried by itself. */
export interface Rejection {
  mutationId: string;
  recordId: string;
  code: string;
  message: string;
  field: string | null;
  at: string;
}

export interface MetaRow {
  key: string;
  value: string | number | null;
}

/** Keys of the meta table. */
export const META = {
  pullCursor: 'pullCursor',
  lastSyncAt: 'lastSyncAt',
  lastError: 'lastError',
  deviceId: 'deviceId',
} as const;

/**
 * One IndexedDB database per port and officer: `borderdesk-<port>-<username>`.
 * Versions only move forward; a shipped `stores()` is never edited (see desk-db.test.ts).
 */
export class DeskDb extends Dexie {
  declare declarations: Table<DeskDeclaration, string>;
  declare residents: Table<Resident, string>;
  declare marketPoints: Table<MarketPoint, string>;
  declare goodsLists: Table<GoodsList, string>;
  declare policies: Table<DutyFreePolicy, string>;
  declare officers: Table<Officer, string>;
  declare outbox: Table<OutboxEntry, number>;
  declare rejections: Table<Rejection, string>;
  declare meta: Table<MetaRow, string>;

  constructor(name: string) {
    super(name);
    // v1 — 2026-11-21: first shipped schema.
    this.version(1).stores({
      declarations: 'id, [tradeDate+declaredAt], [residentId+tradeDate], certificateNo',
      residents: 'id, certificateNo',
      marketPoints: 'id',
      goodsLists: 'id, version',
      policies: 'id, version',
      officers: 'id, username',
      outbox: '++seq, &id, recordId',
      rejections: 'mutationId, recordId',
      meta: 'key',
    });
  }
}

export function deskDbName(portId: string, username: string): string {
  return `borderdesk-${portId}-${username}`;
}

export function openDeskDb(portId: string, username: string): DeskDb {
  return new DeskDb(deskDbName(portId, username));
}

export async function readMeta(db: DeskDb, key: string): Promise<MetaRow['value'] | undefined> {
  return (await db.meta.get(key))?.value;
}

export async function writeMeta(db: DeskDb, key: string, value: MetaRow['value']): Promise<void> {
  await db.meta.put({ key, value });
}
