import { cstDateOf, daysBetween } from '../dates';
import { formatFen } from '../money';
import type { DeclarationDraft, Flag, FlagCode } from '../model/declaration';
import type { DutyFreePolicy, GoodsList } from '../model/goods-list';
import { isResidentActiveOn, type Resident } from '../model/resident';
import { fail, ok, type Result } from '../result';
import { describeLineProblem } from './goods-check';
import { assessDeclaration } from './quota';
import { checkWeightCaps, describeWeightCapProblem, hasWeightCaps, type WeighedLine } from './weight-cap';

/** How far a trade date may sit from HQ's own day before it is flagged (clocks lie). */
export const TRADE_DATE_PAST_DAYS = 7;
export const TRADE_DATE_FUTURE_DAYS = 1;

export interface DeclarationContext {
  resident: Resident | null;
  goodsList: GoodsList | null;
  policy: DutyFreePolicy | null;
  /** Duty-free amount the resident already used that trade date, this record excluded. */
  usedTodayFen: number;
  /**
   * Lines of the resident's other declarations that trade date, counted against the goods'
   * weight caps (限量): at the desk those it holds, at HQ the port's. Absent: none.
   */
  usedTodayLines?: readonly WeighedLine[];
}

/**
 * The desk's check before it saves: refuses what the officer can fix now (unknown or
 * inactive resident, forbidden goods) and fills in the amounts from the quota rule.
 */
export function prepareDeclaration(
  draft: Omit<DeclarationDraft, 'totalFen' | 'exemptFen' | 'taxableFen' | 'policyVersion' | 'goodsListVersion'>,
  context: DeclarationContext,
): Result<DeclarationDraft> {
  const { resident, goodsList, policy } = context;
  if (resident === null) return fail('resident_not_found', '找不到该边民 / Resident not found', 'certificateNo');
  if (!isResidentActiveOn(resident, draft.tradeDate)) {
    return fail('resident_inactive', `边民证状态为 ${resident.status}，有效期 ${resident.validFrom}～${resident.validTo} / Certificate not valid on ${draft.tradeDate}`, 'certificateNo');
  }
  if (goodsList === null || policy === null) {
    return fail('policy_missing', '没有当日生效的商品清单或免税政策，请先同步 / No goods list or duty-free policy in force: sync first');
  }
  const assessment = assessDeclaration({ lines: draft.lines, goodsList, policy, usedTodayFen: context.usedTodayFen });
  const [first] = assessment.problems;
  if (first !== undefined) {
    const text = describeLineProblem(first);
    return fail(first.code, `${text.zh} / ${text.en}`, `lines.${first.line}.hsCode`);
  }
  const [overCap] = checkWeightCaps({ goodsList, usedLines: context.usedTodayLines ?? [], lines: draft.lines });
  if (overCap !== undefined) {
    const text = describeWeightCapProblem(overCap);
    return fail('weight_cap_exceeded', `${text.zh} / ${text.en}`, `lines.${overCap.line}.netKg`);
  }
  return ok({
    ...draft,
    totalFen: assessment.totalFen,
    exemptFen: assessment.exemptFen,
    taxableFen: assessment.taxableFen,
    policyVersion: policy.version,
    goodsListVersion: goodsList.version,
  });
}

export interface HqAssessment {
  hqExemptFen: number;
  hqTaxableFen: number;
  flags: Flag[];
}

/**
 * HQ's authoritative re-check. It never drops a record for a rule the desk could not
 * know about (quota used at another point, a list changed while the desk was offline):
 * it keeps the record, computes its own amounts and flags the difference with a reason.
 * Only a record HQ cannot attach to anything (unknown resident, no policy) is refused.
 */
export function assessAtHq(draft: DeclarationDraft, context: DeclarationContext, hqNow: Date): Result<HqAssessment> {
  const { resident, goodsList, policy } = context;
  if (resident === null || resident.portId !== draft.portId) {
    return fail('resident_not_found', `HQ 无此边民 ${draft.certificateNo} / Resident unknown at HQ`, 'residentId');
  }
  if (goodsList === null || policy === null) {
    return fail('policy_missing', `HQ 在 ${draft.tradeDate} 没有生效的商品清单或免税政策 / No list or policy in force on that date`, 'tradeDate');
  }
  const at = hqNow.toISOString();
  const flags: Flag[] = [];
  const flag = (code: FlagCode, message: string, messageEn: string) => flags.push({ code, message, messageEn, at });

  const assessment = assessDeclaration({ lines: draft.lines, goodsList, policy, usedTodayFen: context.usedTodayFen });
  if (!isResidentActiveOn(resident, draft.tradeDate)) {
    flag('resident_inactive', `边民证在 ${draft.tradeDate} 无效（${resident.status}）`, `Certificate not valid on ${draft.tradeDate} (${resident.status})`);
  }
  for (const problem of assessment.problems) {
    const text = describeLineProblem(problem);
    flag('goods_list_changed', `按 HQ 商品清单第 ${goodsList.version} 版：${text.zh}`, `Under HQ goods list v${goodsList.version}: ${text.en}`);
  }
  // Only the cut the quota explains is "used elsewhere"; a cut because HQ's list counts
  // fewer goods as eligible is a list change, even when no line became forbidden.
  if (assessment.exemptFen < Math.min(draft.exemptFen, assessment.eligibleFen)) {
    flag(
      'quota_exceeded_elsewhere',
      `该边民 ${draft.tradeDate} 已在其他申报中使用免税额度 ${formatFen(context.usedTodayFen)}；本票免税 ${formatFen(assessment.exemptFen)}，应税 ${formatFen(assessment.taxableFen)}（柜台计算免税 ${formatFen(draft.exemptFen)}）`,
      `Resident already used ${formatFen(context.usedTodayFen)} of the duty-free amount on ${draft.tradeDate}; HQ exempts ${formatFen(assessment.exemptFen)} and taxes ${formatFen(assessment.taxableFen)} (desk claimed ${formatFen(draft.exemptFen)} exempt)`,
    );
  }
  if (assessment.eligibleFen < draft.exemptFen && assessment.problems.length === 0) {
    flag(
      'goods_list_changed',
      `按 HQ 商品清单第 ${goodsList.version} 版，本票可免税商品仅 ${formatFen(assessment.eligibleFen)}（柜台计算免税 ${formatFen(draft.exemptFen)}）`,
      `Under HQ goods list v${goodsList.version} only ${formatFen(assessment.eligibleFen)} of these goods may be duty-free (desk claimed ${formatFen(draft.exemptFen)} exempt)`,
    );
  }
  if (hasWeightCaps(goodsList)) flagWeightCaps(draft, goodsList, context.usedTodayLines ?? [], flag);
  const hqDay = cstDateOf(hqNow);
  const offset = daysBetween(hqDay, draft.tradeDate);
  if (offset < -TRADE_DATE_PAST_DAYS || offset > TRADE_DATE_FUTURE_DAYS) {
    flag('trade_date_implausible', `交易日期 ${draft.tradeDate} 与 HQ 日期 ${hqDay} 相差 ${offset} 天`, `Trade date ${draft.tradeDate} is ${offset} days from HQ's date ${hqDay}`);
  }
  return ok({ hqExemptFen: assessment.exemptFen, hqTaxableFen: assessment.taxableFen, flags });
}

/**
 * Caps (限量) taken over at HQ. A line over its cap on its own lines alone means HQ's list
 * caps what the desk's did not (a list change); over only with the port's other
 * declarations that day means declarations the desk could not see.
 */
function flagWeightCaps(
  draft: DeclarationDraft,
  goodsList: GoodsList,
  usedLines: readonly WeighedLine[],
  flag: (code: FlagCode, message: string, messageEn: string) => void,
): void {
  const alone = new Set(checkWeightCaps({ goodsList, usedLines: [], lines: draft.lines }).map((p) => p.line));
  for (const problem of checkWeightCaps({ goodsList, usedLines, lines: draft.lines })) {
    const text = describeWeightCapProblem(problem);
    if (alone.has(problem.line)) {
      flag('goods_list_changed', `按 HQ 商品清单第 ${goodsList.version} 版：${text.zh}`, `Under HQ goods list v${goodsList.version}: ${text.en}`);
    } else {
      flag(
        'weight_cap_exceeded_elsewhere',
        `该边民 ${draft.tradeDate} 在本口岸其他申报中已申报该商品：${text.zh}`,
        `The resident declared these goods elsewhere in the port on ${draft.tradeDate}: ${text.en}`,
      );
    }
  }
}
