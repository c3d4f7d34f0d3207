import { randomUUID } from 'node:crypto';
import {
  checkEffectiveFrom,
  cstDateOf,
  fail,
  type NewProcessingFirmRequest,
  type NewProcessingPolicyRequest,
  ok,
  type ProcessingFirm,
  type ProcessingPolicy,
  type Result,
  type UpdateProcessingFirmRequest,
} from '../../shared/index';
import type { Db, Queryable } from '../db/db';
import { processingFirmKind, processingPolicyKind } from '../sync/kinds/processing-reference';
import { type RecordKind, upsertRecordWrites } from '../sync/record-kinds';
import { lockPortCounter, takeSeqs } from '../sync/seq';
import { unknownPort, type Written } from './reference-write';

/**
 * The administrator's processing firms (加工企业) and processing policy versions: written
 * in one transaction under the port's counter lock, each at the next seq so desks
 * receive it at their next pull. A credit code names one firm of a port; a policy is a
 * new version (highest + 1) with an effective date not in the past, never an edit.
 */
export async function listFirms(db: Queryable, portId: string): Promise<ProcessingFirm[]> {
  const rows = await db.query<{ data: ProcessingFirm }>('SELECT data FROM processing_firms WHERE port_id = $1 ORDER BY seq', [portId]);
  return rows.map((row) => row.data);
}

export async function listProcessingPolicies(db: Queryable, portId: string): Promise<ProcessingPolicy[]> {
  const rows = await db.query<{ data: ProcessingPolicy }>('SELECT data FROM processing_policies WHERE port_id = $1 ORDER BY version DESC', [portId]);
  return rows.map((row) => row.data);
}

/** Writes reference records of one kind at fresh seqs (the caller holds the port's lock). Returns the last seq. */
export async function writeReference<R>(tx: Queryable, portId: string, kind: RecordKind<R>, records: readonly R[]): Promise<number> {
  const first = await takeSeqs(tx, portId, records.length);
  await upsertRecordWrites(
    tx,
    portId,
    records.map((record, i) => ({ kind: kind as unknown as RecordKind, key: kind.keyOf(record), record, seq: first + i })),
  );
  return first + records.length - 1;
}

const creditCodeTaken = (code: string) =>
  fail<never>('conflict', `creditCode: 统一社会信用代码 ${code} 已属于本口岸另一家企业 / Credit code ${code} already names another firm of this port`, 'creditCode');

export function addFirm(db: Db, portId: string, request: NewProcessingFirmRequest): Promise<Result<Written<ProcessingFirm>>> {
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const taken = await tx.query('SELECT 1 FROM processing_firms WHERE port_id = $1 AND credit_code = $2', [portId, request.creditCode]);
    if (taken.length > 0) return creditCodeTaken(request.creditCode);
    const record: ProcessingFirm = { id: randomUUID(), portId, ...request };
    return ok({ seq: await writeReference(tx, portId, processingFirmKind, [record]), record });
  });
}

export function updateFirm(db: Db, portId: string, firmId: string, request: UpdateProcessingFirmRequest): Promise<Result<Written<ProcessingFirm>>> {
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const [row] = await tx.query<{ data: ProcessingFirm }>('SELECT data FROM processing_firms WHERE port_id = $1 AND firm_id = $2', [portId, firmId]);
    if (row === undefined) return fail<never>('not_found', `firm: 本口岸没有这家加工企业 / No such processing firm in ${portId}`, 'firm');
    const record: ProcessingFirm = {
      ...row.data,
      name: request.name ?? row.data.name,
      warehouseAddress: request.warehouseAddress ?? row.data.warehouseAddress,
    };
    return ok({ seq: await writeReference(tx, portId, processingFirmKind, [record]), record });
  });
}

export function publishProcessingPolicy(db: Db, portId: string, request: NewProcessingPolicyRequest, now: Date): Promise<Result<Written<ProcessingPolicy>>> {
  const date = checkEffectiveFrom(request.effectiveFrom, cstDateOf(now));
  if (!date.ok) return Promise.resolve(date);
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const [latest] = await tx.query<{ version: number }>('SELECT coalesce(max(version), 0)::int4 + 1 AS version FROM processing_policies WHERE port_id = $1', [portId]);
    const record: ProcessingPolicy = { id: randomUUID(), portId, version: latest?.version ?? 1, ...request };
    return ok({ seq: await writeReference(tx, portId, processingPolicyKind, [record]), record });
  });
}
