import { randomUUID } from 'node:crypto';
import {
  fail,
  MAX_REPORTED_ROWS,
  ok,
  parseResidentCsv,
  type Resident,
  type ResidentImportAnswer,
  type ResidentImportRequest,
  type ResidentRowReport,
  type Result,
  readXlsxRows,
  rowsToCsv,
  residentImportRequestSchema,
} from '../../shared/index';
import type { Db, Queryable } from '../db/db';
import { keyList } from '../db/json-param';
import { upsertResidents } from '../reference/reference-store';
import { lockPortCounter } from '../sync/seq';
import { unknownPort } from './reference-write';

/**
 * Residents (边民备案) imported at HQ from a CSV or XLSX file. Every row is checked on its
 * own (shared parseResidentCsv; an XLSX sheet goes through the same checks as CSV text),
 * then against the residents HQ already holds: a certificate number belongs to one
 * person, and one person holds one certificate. The good rows are written in ONE
 * transaction under the port's lock, so an import is whole or absent, never half; the bad
 * rows are answered with their column and reason. A file that cannot be read to its end
 * (an unclosed quote) writes nothing: what it meant past that point is unknown.
 */

interface Filed {
  resident_id: string;
  certificate_no: string;
  data: Resident;
}

function fileText(request: { format: 'csv' | 'xlsx'; content: string }): Result<string> {
  if (request.format === 'csv') return ok(request.content);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(request.content)) return fail('validation', 'content: XLSX 文件须为 base64 / content: the XLSX file in base64', 'content');
  const rows = readXlsxRows(new Uint8Array(Buffer.from(request.content, 'base64')));
  return rows.ok ? ok(rowsToCsv(rows.data)) : rows;
}

const sameResident = (a: Resident, b: Resident) =>
  a.name === b.name && a.township === b.township && a.village === b.village && a.validFrom === b.validFrom && a.validTo === b.validTo && a.status === b.status;

async function filedMatching(tx: Queryable, portId: string, residents: readonly Resident[]): Promise<Filed[]> {
  if (residents.length === 0) return [];
  // Certificate numbers and ID numbers are checked by their patterns: neither holds a comma.
  return tx.query<Filed>(
    `SELECT resident_id, certificate_no, data FROM residents
     WHERE port_id = $1
       AND (certificate_no = ANY(string_to_array($2::text, ',')) OR data->>'idNumber' = ANY(string_to_array($3::text, ',')))`,
    [portId, keyList(residents.map((r) => r.certificateNo)), keyList(residents.map((r) => r.idNumber))],
  );
}

export async function importResidents(db: Db, portId: string, raw: ResidentImportRequest): Promise<Result<ResidentImportAnswer>> {
  const request = residentImportRequestSchema.parse(raw);
  const text = fileText(request);
  if (!text.ok) return text;
  const parsed = parseResidentCsv(text.data, { portId, newId: randomUUID });
  if (!parsed.ok) return parsed;
  const report = parsed.data;
  const base = { fileName: request.fileName, rowCount: report.rows.length, ignoredColumns: report.ignoredColumns };
  const rowOf = new Map<Resident, ResidentRowReport>();
  const goodRows = report.rows.filter((r) => r.ok);
  report.residents.forEach((resident, i) => {
    const row = goodRows[i];
    if (row !== undefined) rowOf.set(resident, row);
  });

  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const filed = await filedMatching(tx, portId, report.residents);
    const byCertificate = new Map(filed.map((f) => [f.certificate_no, f]));
    const byIdNumber = new Map(filed.map((f) => [f.data.idNumber, f]));
    const writes: Resident[] = [];
    let added = 0;
    let updated = 0;
    let unchanged = 0;
    for (const resident of report.residents) {
      const row = rowOf.get(resident);
      const holder = byCertificate.get(resident.certificateNo);
      const card = byIdNumber.get(resident.idNumber);
      const refuse = (column: string, field: 'certificateNo' | 'idNumber', zh: string, en: string) => {
        if (row === undefined) return;
        row.ok = false;
        row.errors.push({ column, field, message: { zh, en } });
      };
      if (holder !== undefined && holder.data.idNumber !== resident.idNumber) {
        refuse('边民证号', 'certificateNo', `边民证号 ${resident.certificateNo} 已备案给另一边民`, `certificate ${resident.certificateNo} is filed for another resident`);
      } else if (holder === undefined && card !== undefined) {
        refuse('身份证号', 'idNumber', `该身份证号已持有边民证 ${card.certificate_no}`, `this ID number already holds certificate ${card.certificate_no}`);
      } else if (holder !== undefined) {
        if (sameResident(holder.data, resident)) unchanged++;
        else {
          writes.push({ ...resident, id: holder.resident_id });
          updated++;
        }
      } else {
        writes.push(resident);
        added++;
      }
    }
    const badRows = report.rows.filter((r) => !r.ok);
    const answer = { ...base, badRowCount: badRows.length, badRows: badRows.slice(0, MAX_REPORTED_ROWS) };
    if (!report.isComplete) return ok({ ...answer, written: false, added: 0, updated: 0, unchanged: 0, seq: null });
    await upsertResidents(tx, portId, writes);
    const seq = writes.length === 0 ? null : ((await lockPortCounter(tx, portId)) ?? null);
    return ok({ ...answer, written: true, added, updated, unchanged, seq });
  });
}
