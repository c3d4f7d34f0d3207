import {
  type AppError,
  applyResolution,
  applyEventToDeclaration,
  assessAtHq,
  AUDIT_GENESIS,
  type AuditProblemKind,
  auditBody,
  auditHashOfText,
  type Change,
  type Conflict,
  type Declaration,
  decideTwoStepMutation,
  isTwoStepMutation,
  type DutyFreePolicy,
  type EditStamp,
  type GatePolicy,
  type GoodsList,
  type Mutation,
  type MutationResult,
  mergeFieldEdit,
  mutationSchema,
  type Officer,
  type TwoStepRecord,
  versionInForce,
} from '../../../shared/index';

export interface AuditBreak {
  deviceId: string;
  n: number;
  kind: AuditProblemKind;
}

interface Caller {
  officer: Officer;
  deviceId: string;
  portId: string;
}

type Outcome = Omit<MutationResult, 'index' | 'id' | 'replayed'>;

const NO_RESULT: Outcome = { status: 'applied', seq: null, flags: [], conflicts: [], error: null };

/** What the fake HQ holds and how it applies mutations (split from fake-hq.ts, which speaks HTTP). */
export class FakeHqLedger {
  readonly declarations = new Map<string, Declaration>();
  readonly conflicts = new Map<string, Conflict>();
  readonly twoStepEntries = new Map<string, TwoStepRecord>();
  readonly auditBreaks: AuditBreak[] = [];
  /** Gate policy versions appended to the feed (declaration.event releases against them). */
  readonly gatePolicies: GatePolicy[] = [];
  seq = 0;
  private feed: Change[] = [];
  private results = new Map<string, MutationResult>();
  private chains = new Map<string, { n: number; hash: string }>();

  constructor(private readonly reference: { goodsList: GoodsList; policy: DutyFreePolicy }) {}

  append(change: Change): number {
    if (change.entity === 'gate_policy') this.gatePolicies.push(change.data);
    this.seq++;
    this.feed.push({ ...change, seq: this.seq });
    return this.seq;
  }

  feedAfter(after: number, limit: number): Change[] {
    return this.feed.filter((c) => c.seq > after).slice(0, limit);
  }

  apply(raw: unknown, index: number, caller: Caller): MutationResult {
    const parsed = mutationSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : null;
      const message = parsed.error.issues[0]?.message ?? 'bad';
      return { index, id, replayed: false, ...rejected({ code: 'validation', message }) };
    }
    const mutation = parsed.data;
    const stored = this.results.get(mutation.id);
    if (stored !== undefined) return { ...stored, index, replayed: true };
    this.checkLink(mutation, caller.deviceId);
    const result: MutationResult = { index, id: mutation.id, replayed: false, ...this.decide(mutation, caller) };
    this.results.set(mutation.id, result);
    return result;
  }

  /** Audit chain check as HQ does on arrival: a break is reported, the change still applies. */
  private checkLink(mutation: Mutation, deviceId: string): void {
    const head = this.chains.get(deviceId) ?? { n: 0, hash: AUDIT_GENESIS };
    const { n, prev, hash } = mutation.audit;
    let kind: AuditProblemKind | null = null;
    if (n <= head.n) kind = 'fork';
    else if (n !== head.n + 1) kind = 'gap';
    else if (prev !== head.hash) kind = 'link_mismatch';
    else if (auditHashOfText(n, prev, auditBody(mutation)) !== hash) kind = 'hash_mismatch';
    if (kind !== null) this.auditBreaks.push({ deviceId, n, kind });
    this.chains.set(deviceId, { n, hash });
  }

  private decide(mutation: Mutation, caller: Caller): Outcome {
    const portId = 'record' in mutation ? mutation.record.portId : mutation.portId;
    if (portId !== caller.portId) return rejected({ code: 'forbidden', message: '不在本口岸 / Outside your port' });
    const stamp = {
      mutationId: mutation.id,
      officerId: caller.officer.id,
      deviceId: caller.deviceId,
      deskTime: mutation.deskTime,
      hqTime: new Date().toISOString(),
    };
    if (isTwoStepMutation(mutation)) return this.twoStep(mutation, caller, stamp.hqTime);
    switch (mutation.type) {
      case 'declaration.create':
        return this.create(mutation);
      case 'declaration.update':
        return this.update(mutation, stamp);
      case 'declaration.event': {
        // The shared decision HQ makes (server/sync/declaration-event.ts), without its roles.
        const record = this.declarations.get(mutation.recordId);
        if (record === undefined) return rejected({ code: 'not_found', message: '没有该申报 / No such declaration' });
        const next = applyEventToDeclaration(record, mutation.event, this.gatePolicies);
        if (!next.ok) return rejected(next.error);
        const changed = { ...next.data, version: record.version + 1 };
        this.declarations.set(record.id, changed);
        return { ...NO_RESULT, seq: this.append({ seq: 0, entity: 'declaration', data: changed }) };
      }
      case 'conflict.resolve':
        if (caller.officer.role !== 'supervisor') {
          return rejected({ code: 'forbidden', message: '只有主管可以处理冲突 / Only a supervisor resolves conflicts' });
        }
        return this.resolve(mutation, stamp);
      default:
        // Consignments and inspections (issue 6) are decided by HQ's record kinds; this fake does not model them.
        return rejected({ code: 'bad_request', message: `测试 HQ 不处理 ${mutation.type} / The fake HQ does not handle ${mutation.type}` });
    }
  }

  /** Two-step entries: the same shared decision HQ makes (decideTwoStepMutation). */
  private twoStep(mutation: Extract<Mutation, { type: `two_step.${string}` }>, caller: Caller, hqTime: string): Outcome {
    const key = mutation.type === 'two_step.create' ? mutation.record.id : mutation.recordId;
    const decided = decideTwoStepMutation(mutation, this.twoStepEntries.get(key), { officerId: caller.officer.id, deviceId: caller.deviceId }, hqTime);
    if (!decided.ok) return rejected(decided.error);
    const { record } = decided.data;
    this.twoStepEntries.set(record.id, record);
    const seq = this.append({ seq: 0, entity: 'two_step_entry', data: record });
    const conflictIds: string[] = [];
    for (const found of decided.data.conflicts) {
      const conflict: Conflict = { id: crypto.randomUUID(), portId: record.portId, entity: 'two_step_entry', recordId: record.id, field: found.field, winner: found.winner, loser: found.loser, detectedAt: hqTime, status: 'open', resolution: null };
      this.conflicts.set(conflict.id, conflict);
      conflictIds.push(conflict.id);
      this.append({ seq: 0, entity: 'conflict', data: conflict });
    }
    return { ...NO_RESULT, seq, conflicts: conflictIds };
  }

  private create(mutation: Extract<Mutation, { type: 'declaration.create' }>): Outcome {
    const draft = mutation.record;
    const resident = this.feed.find((c) => c.entity === 'resident' && c.data.id === draft.residentId);
    let usedTodayFen = 0;
    for (const d of this.declarations.values()) {
      if (d.residentId === draft.residentId && d.tradeDate === draft.tradeDate) usedTodayFen += d.hqExemptFen ?? 0;
    }
    const hqNow = new Date();
    const assessed = assessAtHq(
      draft,
      {
        resident: resident?.entity === 'resident' ? resident.data : null,
        goodsList: versionInForce([this.reference.goodsList], draft.tradeDate),
        policy: versionInForce([this.reference.policy], draft.tradeDate),
        usedTodayFen,
      },
      hqNow,
    );
    if (!assessed.ok) return rejected(assessed.error);
    const record: Declaration = {
      ...draft,
      status: 'declared',
      hqExemptFen: assessed.data.hqExemptFen,
      hqTaxableFen: assessed.data.hqTaxableFen,
      hqReceivedAt: hqNow.toISOString(),
      flags: assessed.data.flags,
      version: 1,
      edits: {},
    };
    this.declarations.set(record.id, record);
    const seq = this.append({ seq: 0, entity: 'declaration', data: record });
    return { ...NO_RESULT, seq, flags: assessed.data.flags };
  }

  private update(mutation: Extract<Mutation, { type: 'declaration.update' }>, stamp: Omit<EditStamp, 'version'>): Outcome {
    const record = this.declarations.get(mutation.recordId);
    if (record === undefined) return rejected({ code: 'not_found', message: '没有该申报 / No such declaration' });
    const merged = mergeFieldEdit(record, { baseVersion: mutation.baseVersion, changes: mutation.changes, stamp }, creationStamp);
    let seq: number | null = null;
    const conflictIds: string[] = [];
    for (const found of merged.conflicts) {
      const conflict: Conflict = {
        id: crypto.randomUUID(),
        portId: record.portId,
        entity: 'declaration',
        recordId: record.id,
        field: found.field,
        winner: found.winner,
        loser: found.loser,
        detectedAt: stamp.hqTime,
        status: 'open',
        resolution: null,
      };
      this.conflicts.set(conflict.id, conflict);
      conflictIds.push(conflict.id);
      seq = this.append({ seq: 0, entity: 'conflict', data: conflict });
    }
    if (merged.applied.length > 0) {
      this.declarations.set(record.id, merged.record);
      seq = this.append({ seq: 0, entity: 'declaration', data: merged.record });
    }
    return { ...NO_RESULT, seq, conflicts: conflictIds };
  }

  private resolve(mutation: Extract<Mutation, { type: 'conflict.resolve' }>, stamp: Omit<EditStamp, 'version'>): Outcome {
    const conflict = this.conflicts.get(mutation.conflictId);
    const record = conflict === undefined ? undefined : this.declarations.get(conflict.recordId);
    if (conflict === undefined || record === undefined) return rejected({ code: 'not_found', message: '没有该冲突 / No such conflict' });
    if (conflict.status === 'resolved') return rejected({ code: 'conflict', message: '该冲突已处理 / Already resolved' });
    const value = conflict[mutation.choice].value;
    const resolved = applyResolution(record, conflict.field, value, stamp);
    this.declarations.set(resolved.id, resolved);
    const settled: Conflict = {
      ...conflict,
      status: 'resolved',
      resolution: { choice: mutation.choice, value, stamp: { ...stamp, version: resolved.version } },
    };
    this.conflicts.set(settled.id, settled);
    this.append({ seq: 0, entity: 'declaration', data: resolved });
    const seq = this.append({ seq: 0, entity: 'conflict', data: settled });
    return { ...NO_RESULT, seq };
  }
}

/** The stamp of the values a record was created with. */
function creationStamp(record: Declaration): EditStamp {
  return {
    version: 1,
    mutationId: null,
    officerId: record.officerId,
    deviceId: record.deviceId,
    deskTime: record.declaredAt,
    hqTime: record.hqReceivedAt ?? record.declaredAt,
  };
}

function rejected(error: AppError): Outcome {
  const { code, message, field } = error;
  return { status: 'rejected', seq: null, flags: [], conflicts: [], error: field === undefined ? { code, message } : { code, message, field } };
}
