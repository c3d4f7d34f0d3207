import type {
  AppError,
  AuditLink,
  Conflict,
  Declaration,
  DeclarationDraft,
  DutyFreePolicy,
  GatePolicy,
  GoodsList,
  Mutation,
  MutationResult,
  MutationType,
  Resident,
  Result,
  Role,
  WeighedLine,
} from '../../shared/index';
import type { GroupMembership } from './group-membership';
import type { RecordWrite } from './record-kinds';

/** The shapes a push is decided in (push-plan.ts), and the small makers of its answers. */

/** A mutation's audit link as received, with the canonical text it covers. */
export interface ReceivedLink extends AuditLink {
  body: string;
  /** `hash` is the hash of (n, prev, body): checked here, with node:crypto. */
  isHashValid: boolean;
}

export interface PreparsedMutation {
  index: number;
  /** The mutation's id when it is a readable uuid: only such results can be stored. */
  id: string | null;
  /** What the desk sent as id, echoed in the result even when it is not a uuid. */
  echoId: string | null;
  parsed: Result<Mutation>;
  /** Null when the link is unreadable: then `parsed` is that validation failure. */
  link: ReceivedLink | null;
  /** Kept with the audit entry when readable, even for a mutation the schema refuses. */
  type: MutationType | null;
  deskTime: string | null;
  /**
   * JSON.stringify of a fast-parsed declaration.create's draft, made before the port's
   * lock: storeOutcomes writes the new declaration as this text with HQ's part spliced
   * in (createdRecordJson), not by serialising the whole record while the lock is held.
   * Null for every other mutation.
   */
  draftJson: string | null;
}

/** A declaration as HQ holds it, with the mutation that created it (its creation stamp). */
export interface HeldDeclaration {
  record: Declaration;
  mutationId: string;
}

/** Who pushes: the signed-in officer (role as HQ holds it now) and the pushing desk. */
export interface PushScope {
  portId: string;
  officerId: string;
  role: Role;
  deviceId: string;
}

/** What HQ has that a push is checked against, loaded in a constant number of queries. */
export interface PushContext {
  scope: PushScope;
  /** Stored results of mutation ids HQ has already answered. */
  storedResults: Map<string, MutationResult>;
  /** Declaration ids that exist, with the mutation that made each. */
  existingDeclarations: Map<string, string>;
  /** Declarations the batch's updates and resolutions change, by id. */
  editTargets: Map<string, HeldDeclaration>;
  /** Conflicts the batch's resolutions name, by id. */
  conflicts: Map<string, Conflict>;
  residents: Map<string, Resident>;
  pointIds: Set<string>;
  goodsListOn(date: string): GoodsList | null;
  policyOn(date: string): DutyFreePolicy | null;
  /** Duty-free fen each resident used per trade date, key `residentId|date`, every point of the port. */
  usedFen: Map<string, number>;
  /** Held records of the other record kinds (record-kinds.ts) the batch names: kind name → key → record. */
  kindRecords: Map<string, Map<string, unknown>>;
  /** Weighed lines each resident declared per trade date, port-wide (weight-usage.ts); null when no list in force caps weights. */
  usedLines?: Map<string, WeighedLine[]> | null;
  /** The port's gate policy versions (declaration-event.ts); read only for a batch with declaration.event. */
  gatePolicies?: readonly GatePolicy[];
  /** Group members' shares: their group declarations and groups (group-membership.ts); absent for a batch without shares. */
  groupMembership?: GroupMembership;
}

/** What decisions change as a batch goes on: later mutations see earlier ones. */
export interface BatchState {
  /** Declaration id → the mutation that made it (HQ's, or earlier in this batch). */
  declarationOwners: Map<string, string>;
  /** Declarations as they stand after the earlier mutations of the batch. */
  records: Map<string, HeldDeclaration>;
  conflicts: Map<string, Conflict>;
  /** Other kinds' records as the earlier mutations of the batch left them (kind name → key → record). */
  kindRecords: Map<string, Map<string, unknown>>;
}

export interface Outcome {
  result: MutationResult;
  /** The mutation id to store the result under; null for replays and unreadable ids. */
  storeAs: string | null;
  /** When the same id came earlier in this batch: that mutation's position. */
  duplicateOf: number | null;
  /** A new declaration (declaration.create applied). */
  created: Declaration | null;
  /** What HQ added to the draft to make `created` (created = draft, then these keys; push-create.ts). */
  createdHqPart: HqPart | null;
  /** A declaration's new state (an update that applied something, a resolution). */
  changed: Declaration | null;
  /** Conflict records this mutation made or resolved, in their new state. */
  conflicts: Conflict[];
  /** Records of other kinds (record-kinds.ts) this mutation wrote, each taking a seq. */
  records: RecordWrite[];
  /** A refused attempt to log (what was asked; the refusal itself is the result). */
  refusal: Record<string, unknown> | null;
  /** Seqs taken by assignSeqs: the declaration's new state, and each conflict's, in order (other kinds' records carry theirs). */
  seqs: { record: number | null; conflicts: number[] };
}

/** HQ's part of a new declaration: the fields of a Declaration that are not the desk's draft. */
export type HqPart = Omit<Declaration, keyof DeclarationDraft>;

/**
 * The JSON of a new declaration, `Object.assign({}, draft, hqPart)`, from the draft's
 * JSON made before the lock: byte for byte what JSON.stringify of the record gives (the
 * draft's keys first, in its order, then HQ's; none of HQ's keys is a draft key).
 */
export function createdRecordJson(draftJson: string, hqPart: HqPart): string {
  return `${draftJson.slice(0, -1)},${JSON.stringify(hqPart).slice(1)}`;
}

export const usageKey = (residentId: string, date: string) => `${residentId.toLowerCase()}|${date}`;

export function outcome(
  result: MutationResult,
  storeAs: string | null,
  writes: Partial<Pick<Outcome, 'created' | 'createdHqPart' | 'changed' | 'conflicts' | 'records' | 'refusal'>> = {},
): Outcome {
  return {
    result,
    storeAs,
    duplicateOf: null,
    created: writes.created ?? null,
    createdHqPart: writes.createdHqPart ?? null,
    changed: writes.changed ?? null,
    conflicts: writes.conflicts ?? [],
    records: writes.records ?? [],
    refusal: writes.refusal ?? null,
    seqs: { record: null, conflicts: [] },
  };
}

export function rejected(index: number, id: string | null, error: AppError): MutationResult {
  return { index, id, status: 'rejected', replayed: false, seq: null, flags: [], conflicts: [], error };
}

