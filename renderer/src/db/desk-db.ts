import Dexie, { type Table } from 'dexie';
import type {
  Conflict,
  Declaration,
  DeclarationChanges,
  DeclarationLifeState,
  DutyFreePolicy,
  GoodsList,
  MarketPoint,
  Mutation,
  MutationResult,
  Officer,
  Resident,
  Consignment,
  InspectionOrder,
  InspectionRecord,
  Site,
  TwoStepPolicy,
  TwoStepRecord,
  CentralDeclarationRecord,
  DirectTransportRecord,
  GatePolicy,
  GroupDeclaration,
  MutualAidGroup,
  ProcessingFirm,
  ProcessingPolicy,
  ProcessingSaleRecord,
} from '../../../shared/index';
import type { StoredAttachment } from '../inspections/attachments';
import { upgradeToV2 } from './upgrade-v2';

/** A declaration's life as one declaration.event changed it on the desk. */
export interface DeclarationLifeChange {
  before: DeclarationLifeState;
  after: DeclarationLifeState;
}

/** A flag as HQ sends it in a push result (code kept as text: a newer HQ may know more codes). */
export type DeskFlag = MutationResult['flags'][number];

/**
 * A declaration as the desk keeps it. Saved locally it has HQ's fields empty
 * (hqExemptFen null, no flags); the pull later overwrites it with HQ's full state.
 * `flaggedOn` (the trade date, only while HQ's flags are on it) feeds a sparse index,
 * so the review queue finds flagged records without reading every declaration.
 */
export type DeskDeclaration = Omit<Declaration, 'flags'> & { flags: DeskFlag[]; flaggedOn?: string };

/**
 * A change waiting to go to HQ. `seq` orders the outbox; `id` is the mutation's uuid;
 * `type` (v2) is the mutation's, indexed so a pull finds the pending edits it must keep.
 * `recordId` is the declaration the change touches (for conflict.resolve: the conflict's record).
 */
export interface OutboxEntry {
  seq?: number;
  id: string;
  type: Mutation['type'];
  recordId: string;
  mutation: Mutation;
  createdAt: string;
  /** declaration.update: the values the edit replaced, put back if HQ refuses the edit. */
  previous?: DeclarationChanges;
  /** two_step.*: the entry before this change, put back if HQ refuses it (v3). */
  previousEntry?: TwoStepRecord;
  /** declaration.event: the declaration's life before and after it; `before` is put back if HQ refuses it while `after` still shows. */
  life?: DeclarationLifeChange;
}

/**
 * A conflict as the desk keeps it: HQ's record, except that `resolving` marks one whose
 * resolution is still in the outbox (the desk's optimistic state until the pull says resolved).
 */
export type DeskConflict = Omit<Conflict, 'status'> & { status: Conflict['status'] | 'resolving' };

/**
 * One link of this desk's audit chain (append-only): the change it covers and the link
 * itself. The entry with the highest `n` is the chain's head.
 */
export interface AuditEntry {
  n: number;
  mutationId: string;
  type: Mutation['type'];
  recordId: string;
  officerId: string;
  deskTime: string;
  prev: string;
  hash: string;
}

/** HQ refused a mutation: kept so the officer sees why, never retried by itself. */
export interface Rejection {
  mutationId: string;
  /** v2; absent on v1 rows, which were all declaration.create. */
  type?: Mutation['type'];
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

/** v1 — 2026-11-21: the first shipped schema. Never edited (desk-db.test.ts holds it). */
export const DESK_DB_V1_STORES: Readonly<Record<string, string>> = Object.freeze({
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
  declare conflicts: Table<DeskConflict, string>;
  declare audit: Table<AuditEntry, number>;
  declare twoStepEntries: Table<TwoStepRecord, string>;
  declare twoStepPolicies: Table<TwoStepPolicy, string>;
  declare sites: Table<Site, string>;
  declare consignments: Table<Consignment, string>;
  declare inspectionOrders: Table<InspectionOrder, string>;
  declare inspections: Table<InspectionRecord, string>;
  declare attachments: Table<StoredAttachment, string>;
  declare gatePolicies: Table<GatePolicy, string>;
  declare groups: Table<MutualAidGroup, string>;
  declare groupDeclarations: Table<GroupDeclaration, string>;
  declare firms: Table<ProcessingFirm, string>;
  declare processingPolicies: Table<ProcessingPolicy, string>;
  declare processingSales: Table<ProcessingSaleRecord, string>;
  declare centralDeclarations: Table<CentralDeclarationRecord, string>;
  declare directTransports: Table<DirectTransportRecord, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores(DESK_DB_V1_STORES);
    // v2 — 2026-11-22: protocol v2. Conflicts pulled from HQ, the desk's audit chain,
    // pending changes found by type, flagged declarations by trade date. The data step
    // links the v1 outbox into the chain (upgrade-v2.ts).
    this.version(2)
      .stores({
        declarations: 'id, [tradeDate+declaredAt], [residentId+tradeDate], certificateNo, flaggedOn',
        outbox: '++seq, &id, recordId, type',
        conflicts: 'id, status, recordId',
        audit: 'n, &mutationId',
      })
      .upgrade(upgradeToV2);
    // v3 — 2026-11-22: two-step declarations (两步申报, issue 5): entries as HQ holds them
    // (with the desk's pending changes on top), listed by status and consignee, and the
    // two-step policy versions. New tables only: no data step.
    this.version(3).stores({
      twoStepEntries: 'id, state.status, consignee.creditCode',
      twoStepPolicies: 'id, version',
    });
    // v4 — 2026-11-22: designated sites, consignments, inspections (issue 6): sites as
    // pulled, consignments by site and category (the day's use), orders and records by
    // consignment, attachments as Blobs under their SHA-256 with their upload state.
    // New tables only: no data step.
    this.version(4).stores({
      sites: 'id',
      consignments: 'id, [siteId+category], arrivedAt',
      inspectionOrders: 'id, consignmentId',
      inspections: 'id, orderId, consignmentId',
      attachments: 'sha256, state',
    });
    // v5 — 2026-12-07: mutual-market trade complete (issue 4). Declarations found by
    // status (the gate's queue) and by the group declaration they were split from; residents
    // searched by ID number and name; the gate weighing policy; mutual-aid groups (互助组)
    // and their declarations; processing firms, policy, sales (落地加工), central
    // declarations (集中申报) and direct transports (直通式). Indexes and new tables only:
    // no data step.
    this.version(5).stores({
      declarations: 'id, [tradeDate+declaredAt], [residentId+tradeDate], certificateNo, flaggedOn, status, groupDeclarationId',
      residents: 'id, certificateNo, idNumber, name',
      gatePolicies: 'id, version',
      groups: 'id, leaderId',
      groupDeclarations: 'id, groupId, tradeDate',
      firms: 'id',
      processingPolicies: 'id, version',
      processingSales: 'id, declarationId, firmId, residentId',
      centralDeclarations: 'id, firmId, status',
      directTransports: 'id, centralDeclarationId',
    });
  }
}

export function deskDbName(portId: string, username: string): string {
  return `borderdesk-${portId}-${username}`;
}

/** A declaration HQ refused to create (not a refused edit or resolution of it). */
export function refusesRecord(rejection: Rejection): boolean {
  return rejection.type === undefined || rejection.type === 'declaration.create';
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
