import {
  type AppError,
  applyTwoStepEvent,
  ok,
  type Receipt,
  type ReceiptResult,
  type ReceiptsResponse,
  receiptSchema,
  receiptsRequestSchema,
  receiptToEvent,
  type Result,
  type TwoStepEvent,
  type TwoStepRecord,
} from '../../shared/index';
import type { Db, Queryable } from '../db/db';
import { keyList, uuidKeys } from '../db/json-param';
import { STATUS_OF } from '../http/status';
import { parseWith } from '../http/validate';
import { twoStepEntryKind } from './kinds/two-step-entry';
import { type RecordKind, type RecordWrite, upsertRecordWrites } from './record-kinds';
import { lockPortCounter, takeSeqs } from './seq';

/**
 * Receipts from the customs system (回执, DOMAIN.md §3) for two-step entries. Each is
 * answered on its own, so one bad or unknown receipt never stops the rest:
 *
 * - the envelope is checked strictly (400); each receipt by schema and its code by
 *   receiptToEvent (400, naming the known codes);
 * - per port, ONE transaction under the port's counter lock: receipts HQ already applied
 *   (by receipt id) are answered from their stored result, an unknown entry gets 404,
 *   an event the shared machine refuses 409 with its reason; the others change the entry
 *   and take a seq each, in request order, so desks get them at their next pull.
 *
 * Only applied receipts are stored: a refused one may be sent again once it can apply
 * (a receipt that overtook the desk's own push of the entry).
 */

interface Parsed {
  index: number;
  receipt: Receipt;
  event: TwoStepEvent;
}

function rejectedReceipt(index: number, id: string | null, error: AppError): ReceiptResult {
  return { index, id, status: 'rejected', replayed: false, httpStatus: STATUS_OF[error.code], seq: null, error };
}

function rawId(value: unknown): string | null {
  const id = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).id : undefined;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}

export async function handleReceipts(db: Db, body: unknown, now: Date): Promise<Result<ReceiptsResponse>> {
  const envelope = parseWith(receiptsRequestSchema, body);
  if (!envelope.ok) return envelope;
  const results: ReceiptResult[] = [];
  const byPort = new Map<string, Parsed[]>();
  envelope.data.receipts.forEach((raw, index) => {
    const parsed = parseWith(receiptSchema, raw, `receipts.${index}`);
    if (!parsed.ok) {
      results[index] = rejectedReceipt(index, rawId(raw), parsed.error);
      return;
    }
    const year = Number(parsed.data.at.slice(0, 4));
    if (year < 2000 || year > 2999) {
      results[index] = rejectedReceipt(index, parsed.data.id, { code: 'validation', message: `receipts.${index}.at: 回执时间不合理 / Receipt time out of range`, field: `receipts.${index}.at` });
      return;
    }
    const event = receiptToEvent(parsed.data.code);
    if (!event.ok) {
      results[index] = rejectedReceipt(index, parsed.data.id, { ...event.error, field: `receipts.${index}.code` });
      return;
    }
    const list = byPort.get(parsed.data.portId) ?? [];
    list.push({ index, receipt: { ...parsed.data, id: parsed.data.id.toLowerCase(), entryId: parsed.data.entryId.toLowerCase() }, event: event.data });
    byPort.set(parsed.data.portId, list);
  });
  // Ports in a fixed order: two requests naming the same ports never wait on each other's locks.
  for (const portId of [...byPort.keys()].sort()) {
    const receipts = byPort.get(portId) ?? [];
    const answered = await db.transaction((tx) => applyPortReceipts(tx, portId, receipts, now));
    for (const result of answered) results[result.index] = result;
  }
  return ok({ results, hqTime: now.toISOString() });
}

async function applyPortReceipts(tx: Queryable, portId: string, receipts: readonly Parsed[], now: Date): Promise<ReceiptResult[]> {
  if ((await lockPortCounter(tx, portId)) === null) {
    return receipts.map(({ index, receipt }) => rejectedReceipt(index, receipt.id, { code: 'not_found', message: `口岸 ${portId} 不存在 / No such port`, field: 'portId' }));
  }
  const stored = await tx.query<{ receipt_id: string; result: ReceiptResult }>(
    `SELECT receipt_id::text AS receipt_id, result FROM two_step_receipts WHERE port_id = $1 AND receipt_id = ANY(${uuidKeys('$2')})`,
    [portId, keyList([...new Set(receipts.map((r) => r.receipt.id))])],
  );
  const storedById = new Map(stored.map((row) => [row.receipt_id, row.result]));
  const entries = await tx.query<{ key: string; data: TwoStepRecord }>(
    `SELECT entry_id::text AS key, data FROM two_step_entries WHERE port_id = $1 AND entry_id = ANY(${uuidKeys('$2')})`,
    [portId, keyList([...new Set(receipts.map((r) => r.receipt.entryId))])],
  );
  const held = new Map(entries.map((row) => [row.key, row.data]));

  const results: ReceiptResult[] = [];
  const applied: { parsed: Parsed; result: ReceiptResult; write: RecordWrite }[] = [];
  const seen = new Map<string, ReceiptResult>();
  for (const parsed of receipts) {
    const { index, receipt, event } = parsed;
    const earlier = storedById.get(receipt.id) ?? seen.get(receipt.id);
    if (earlier !== undefined) {
      results.push({ ...earlier, index, replayed: true });
      continue;
    }
    const entry = held.get(receipt.entryId);
    if (entry === undefined) {
      results.push(rejectedReceipt(index, receipt.id, { code: 'not_found', message: `没有报关单记录 ${receipt.entryId} / No entry ${receipt.entryId}`, field: 'entryId' }));
      continue;
    }
    const next = applyTwoStepEvent(entry, event, { at: receipt.at, officerId: null, entryNo: receipt.entryNo ?? null });
    if (!next.ok) {
      results.push(rejectedReceipt(index, receipt.id, next.error));
      continue;
    }
    held.set(receipt.entryId, next.data);
    const result: ReceiptResult = { index, id: receipt.id, status: 'applied', replayed: false, httpStatus: 200, seq: null, error: null };
    seen.set(receipt.id, result);
    results.push(result);
    applied.push({ parsed, result, write: { kind: twoStepEntryKind as unknown as RecordKind, key: receipt.entryId, record: next.data, seq: null } });
  }
  if (applied.length === 0) return results;
  let seq = await takeSeqs(tx, portId, applied.length);
  for (const { result, write } of applied) {
    write.seq = seq;
    result.seq = seq++;
  }
  await upsertRecordWrites(tx, portId, applied.map((a) => a.write));
  const rows = applied.map(({ parsed, result }) => ({
    receipt_id: parsed.receipt.id,
    entry_id: parsed.receipt.entryId,
    code: parsed.receipt.code.trim(),
    customs_time: parsed.receipt.at,
    result: { ...result, index: 0 },
  }));
  await tx.query(
    `INSERT INTO two_step_receipts (port_id, receipt_id, entry_id, code, customs_time, received_at, result)
     SELECT $1, r.receipt_id, r.entry_id, r.code, r.customs_time, $2, r.result
     FROM json_to_recordset($3::json) AS r(receipt_id uuid, entry_id uuid, code text, customs_time timestamptz, result json)`,
    [portId, now, JSON.stringify(rows)],
  );
  return results;
}
