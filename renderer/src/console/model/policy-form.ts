import { checkEffectiveFrom, fenSchema, type NewPolicyRequest, parseYuan, type Result, fail, ok } from '../../../../shared/index';

/**
 * The "new policy version" form as values: the amount as typed in yuan ("8,000.50")
 * becomes integer fen, the date is checked by the same rule HQ applies
 * (checkEffectiveFrom), so a mistake is shown before anything is sent.
 */
export function policyRequestOf(form: { amountYuan: string; effectiveFrom: string }, today: string): Result<NewPolicyRequest> {
  const fen = parseYuan(form.amountYuan);
  if (fen === null || !fenSchema.safeParse(fen).success) {
    return fail('validation', '请输入金额，例如 8000 或 8000.50 / Enter an amount, e.g. 8000 or 8000.50', 'dailyExemptFen');
  }
  const date = checkEffectiveFrom(form.effectiveFrom, today);
  if (!date.ok) return date;
  return ok({ dailyExemptFen: fen, effectiveFrom: date.data });
}

/** Fen as yuan for a form field: 800000 → "8000", 800050 → "8000.50". */
export function yuanText(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`;
}
