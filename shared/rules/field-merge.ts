import type { EditStamp, FieldValue } from '../model/conflict';

/**
 * Field-level merge of an offline edit into HQ's record (DESIGN.md promise 5).
 *
 * A record carries `version` (1 when created, +1 for each applied change) and, per
 * edited field, the stamp of its last change (`edits`). An edit names the version the
 * desk started from (`baseVersion`) and only the fields it changed. For each field:
 *
 * - the same value as now: nothing to do;
 * - last changed at or before the base, or last changed on this very desk (it saw its
 *   own change): the edit applies;
 * - otherwise another desk changed it since the base: a CONFLICT. HQ keeps the value it
 *   applied first (the winner) and records the edit's value as the loser.
 *
 * Edits to different fields therefore both survive, and the winner never depends on a
 * desk's clock. Pure: HQ (server/sync) and the desk's tests call the same function.
 */
export interface Editable {
  version: number;
  edits: Record<string, EditStamp>;
}

export interface FieldConflict {
  field: string;
  winner: { value: FieldValue; stamp: EditStamp };
  loser: { value: FieldValue; stamp: EditStamp };
}

export interface MergeOutcome<T> {
  /** The record after the edit (the same object when nothing applied). */
  record: T;
  applied: string[];
  conflicts: FieldConflict[];
}

export function mergeFieldEdit<T extends Editable>(
  record: T,
  edit: { baseVersion: number; changes: Record<string, FieldValue>; stamp: Omit<EditStamp, 'version'> },
  creationStamp: (record: T) => EditStamp,
): MergeOutcome<T> {
  const nextVersion = record.version + 1;
  const applied: string[] = [];
  const conflicts: FieldConflict[] = [];
  const values = record as unknown as Record<string, FieldValue>;
  const newValues: Record<string, FieldValue> = {};
  const newEdits: Record<string, EditStamp> = {};
  for (const [field, value] of Object.entries(edit.changes)) {
    if (value === undefined || values[field] === value) continue;
    const last = record.edits[field] ?? creationStamp(record);
    const concurrent = last.version > edit.baseVersion && last.deviceId !== edit.stamp.deviceId;
    if (concurrent) {
      conflicts.push({
        field,
        winner: { value: values[field] ?? null, stamp: last },
        loser: { value, stamp: { ...edit.stamp, version: record.version } },
      });
      continue;
    }
    applied.push(field);
    newValues[field] = value;
    newEdits[field] = { ...edit.stamp, version: nextVersion };
  }
  if (applied.length === 0) return { record, applied, conflicts };
  return {
    record: { ...record, ...newValues, version: nextVersion, edits: { ...record.edits, ...newEdits } },
    applied,
    conflicts,
  };
}

/** A supervisor's resolution: the chosen value becomes the field's latest change. */
export function applyResolution<T extends Editable>(record: T, field: string, value: FieldValue, stamp: Omit<EditStamp, 'version'>): T {
  const version = record.version + 1;
  return { ...record, [field]: value, version, edits: { ...record.edits, [field]: { ...stamp, version } } };
}
