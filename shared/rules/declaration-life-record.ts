import type { Declaration } from '../model/declaration';
import { versionInForce } from '../model/goods-list';
import { ok, type Result } from '../result';
import {
  applyDeclarationEvent,
  type DeclarationLifeEvent,
  type DeclarationLifeState,
  declaredGrossKg,
  type GatePolicy,
} from './declaration-life';

/**
 * A stored declaration's life as applyDeclarationEvent reads it, and the event applied to
 * the record, the same at the desk (optimistic) and at HQ (authoritative). A declaration
 * record exists only once declared (drafts are never sent), so its facts say complete.
 */

type LifeFields = Pick<Declaration, 'status' | 'riskHit' | 'isChosenForInspection' | 'gateCheck' | 'lines'>;

export function declarationLifeOf(record: LifeFields): DeclarationLifeState {
  return {
    status: record.status,
    riskHit: record.riskHit ?? null,
    isChosenForInspection: record.isChosenForInspection ?? false,
    gateCheck: record.gateCheck ?? null,
  };
}

/** The record with `state` as its life (status and the three life fields); nothing else changes. */
export function withDeclarationLife<R extends LifeFields>(record: R, state: DeclarationLifeState): R {
  // A record's stored status is never draft: drafts stay on the desk (declarationStatusOf).
  const status = state.status === 'draft' ? record.status : state.status;
  return { ...record, status, riskHit: state.riskHit, isChosenForInspection: state.isChosenForInspection, gateCheck: state.gateCheck };
}

/** The gate policy in force on a trade date (versions as pulled or as HQ holds them). */
export function gatePolicyOn(policies: readonly GatePolicy[], tradeDate: string): GatePolicy | null {
  return versionInForce(policies, tradeDate);
}

/**
 * `event` applied to `record`: its new state, or why not (the shared message). The facts
 * are the record's own: declared gross weight from its lines, the gate policy in force on
 * its trade date.
 */
export function applyEventToDeclaration<R extends LifeFields & { tradeDate: string }>(
  record: R,
  event: DeclarationLifeEvent,
  policies: readonly GatePolicy[],
): Result<R> {
  const next = applyDeclarationEvent(declarationLifeOf(record), event, {
    isDraftComplete: true,
    declaredGrossKg: declaredGrossKg(record.lines),
    gatePolicy: gatePolicyOn(policies, record.tradeDate),
  });
  return next.ok ? ok(withDeclarationLife(record, next.data)) : next;
}
