import { z } from 'zod';
import type { ResidentRowReport } from '../import/resident-csv';
import { ROUTES } from '../sync/protocol';

/**
 * Resident import (边民备案导入) at HQ: the administrator sends a CSV or XLSX file; HQ
 * checks every row (shared parseResidentCsv), writes the good rows in ONE transaction
 * and answers with the bad rows named and their reasons. Residents are filed with
 * customs, and a certificate number is unique in its port: HQ is the one place that can
 * check a file against every resident already filed, so the import is HQ's, and desks
 * receive the residents at their next pull (docs/console.md).
 */
export const RESIDENT_IMPORT_FORMATS = ['csv', 'xlsx'] as const;

export const RESIDENT_ADMIN_PATHS = {
  importResidents: (port: string) => `${ROUTES.admin}ports/${encodeURIComponent(port)}/residents/import`,
} as const;

/** POST ports/:port/residents/import — `content` is the CSV text, or the XLSX file in base64. */
export const residentImportRequestSchema = z.object({
  format: z.enum(RESIDENT_IMPORT_FORMATS),
  fileName: z.string().max(200).default(''),
  content: z.string().min(1, '文件为空 / The file is empty'),
});
export type ResidentImportRequest = z.input<typeof residentImportRequestSchema>;

/** Bad rows listed in an answer; the count says how many there were in all. */
export const MAX_REPORTED_ROWS = 1000;

export interface ResidentImportAnswer {
  fileName: string;
  /** True when the good rows were written; false when the file could not be read to its end (nothing written). */
  written: boolean;
  /** Data rows read (blank rows not counted). */
  rowCount: number;
  /** New residents filed. */
  added: number;
  /** Residents already filed with the same certificate and ID number whose other fields changed. */
  updated: number;
  /** Rows identical to what HQ already holds. */
  unchanged: number;
  badRowCount: number;
  /** The first MAX_REPORTED_ROWS bad rows, in file order, each with its column and reason. */
  badRows: ResidentRowReport[];
  ignoredColumns: string[];
  /** The port's seq after the write (null when nothing was written). */
  seq: number | null;
}
