import { assessAtHq, checkGroupMember, type Declaration, type DeclarationDraft, fail, type Mutation, ok, type Result } from '../../shared/index';
import { groupMemberContext } from './group-membership';
import { countUsedLines, usedLinesOf } from './weight-usage';
import { type BatchState, type HqPart, type Outcome, outcome, type PreparsedMutation, type PushContext, rejected, usageKey } from './push-outcome';

/** declaration.create: HQ re-checks the draft (assessAtHq) and keeps it, flagged where HQ disagrees. */

function sumLines(draft: DeclarationDraft): number {
  return draft.lines.reduce((sum, line) => sum + line.valueFen, 0);
}

/** A draft HQ accepted: the record it keeps, and HQ's part of it (for storeOutcomes to write it from the draft's JSON). */
interface Assessed {
  record: Declaration;
  hqPart: HqPart;
}

function assess(draft: DeclarationDraft, context: PushContext, now: Date): Result<Assessed> {
  if (draft.officerId.toLowerCase() !== context.scope.officerId.toLowerCase()) {
    return fail('forbidden', 'record.officerId: 只能以本人名义申报 / A declaration can only be filed in the signed-in officer\'s name', 'record.officerId');
  }
  if (!context.pointIds.has(draft.pointId)) {
    return fail('validation', `record.pointId: 口岸 ${draft.portId} 无互市点 ${draft.pointId} / No such market point`, 'record.pointId');
  }
  if (sumLines(draft) !== draft.totalFen) {
    return fail('validation', 'record.totalFen: 与各行货值之和不符 / Does not equal the sum of the lines', 'record.totalFen');
  }
  const assessment = assessAtHq(
    draft,
    {
      resident: context.residents.get(draft.residentId.toLowerCase()) ?? null,
      goodsList: context.goodsListOn(draft.tradeDate),
      policy: context.policyOn(draft.tradeDate),
      usedTodayFen: context.usedFen.get(usageKey(draft.residentId, draft.tradeDate)) ?? 0,
      usedTodayLines: usedLinesOf(context, draft),
    },
    now,
  );
  if (!assessment.ok) return assessment;
  const { hqExemptFen, hqTaxableFen, flags } = assessment.data;
  // A group member's share: the resident must be a member of the group (group-membership.ts).
  if (draft.groupDeclarationId !== undefined) {
    const member = checkGroupMember(draft, groupMemberContext(context.groupMembership, draft.groupDeclarationId), now.toISOString());
    if (!member.ok) return member;
    if (member.data !== null) flags.push(member.data);
  }
  const hqPart: HqPart = {
    status: 'declared',
    hqExemptFen,
    hqTaxableFen,
    hqReceivedAt: now.toISOString(),
    flags,
    version: 1,
    edits: {},
  };
  // Object.assign, not spread: V8 copies a 20-field record ~10x faster this way, and a
  // push makes a thousand of them.
  return ok({ record: Object.assign({}, draft, hqPart), hqPart });
}

export function decideCreate(
  mutation: Extract<Mutation, { type: 'declaration.create' }>,
  { index, id }: PreparsedMutation,
  context: PushContext,
  state: BatchState,
  now: Date,
): Outcome {
  const draft = mutation.record;
  const declarationId = draft.id.toLowerCase();
  const owner = state.declarationOwners.get(declarationId);
  const checked: Result<Assessed> =
    owner !== undefined && owner !== id
      ? fail('conflict', `申报 ${draft.id} 已由另一变更提交 / Declaration id already used by another mutation`, 'record.id')
      : assess(draft, context, now);
  if (!checked.ok) return outcome(rejected(index, mutation.id, checked.error), id);
  state.declarationOwners.set(declarationId, id ?? '');
  const { record, hqPart } = checked.data;
  state.records.set(declarationId, { record, mutationId: id ?? '' });
  const key = usageKey(draft.residentId, draft.tradeDate);
  context.usedFen.set(key, (context.usedFen.get(key) ?? 0) + (record.hqExemptFen ?? 0));
  countUsedLines(context, draft);
  return outcome(
    { index, id: mutation.id, status: 'applied', replayed: false, seq: null, flags: record.flags, conflicts: [], error: null },
    id,
    { created: record, createdHqPart: hqPart },
  );
}
