import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EditStamp } from '../model/conflict';
import { applyResolution, type Editable, mergeFieldEdit } from './field-merge';

interface Rec extends Editable {
  plate: string | null;
  remarks: string;
  createdBy: string;
}

const created: EditStamp = {
  version: 1,
  mutationId: null,
  officerId: '00000000-0000-4000-8000-000000000001',
  deviceId: 'desk-a-0001',
  deskTime: '2026-11-22T01:00:00Z',
  hqTime: '2026-11-22T01:00:05Z',
};
const creationStamp = () => created;
const base: Rec = { version: 1, edits: {}, plate: '桂P00001', remarks: '', createdBy: 'a' };

function stamp(deviceId: string, minute: number): Omit<EditStamp, 'version'> {
  return {
    mutationId: `00000000-0000-4000-8000-0000000000${String(minute).padStart(2, '0')}`,
    officerId: created.officerId,
    deviceId,
    deskTime: `2026-11-22T02:${String(minute).padStart(2, '0')}:00Z`,
    hqTime: `2026-11-22T03:${String(minute).padStart(2, '0')}:00Z`,
  };
}

describe('mergeFieldEdit', () => {
  it('applies an edit from the current version and stamps the field', () => {
    const out = mergeFieldEdit(base, { baseVersion: 1, changes: { plate: '桂P12345' }, stamp: stamp('desk-b-0002', 1) }, creationStamp);
    expect(out.applied).toEqual(['plate']);
    expect(out.conflicts).toEqual([]);
    expect(out.record.plate).toBe('桂P12345');
    expect(out.record.version).toBe(2);
    expect(out.record.edits.plate?.version).toBe(2);
    expect(out.record.edits.plate?.deviceId).toBe('desk-b-0002');
  });

  it('keeps both edits when two desks changed different fields offline', () => {
    const first = mergeFieldEdit(base, { baseVersion: 1, changes: { plate: '桂P1' }, stamp: stamp('desk-a-0001', 1) }, creationStamp);
    const second = mergeFieldEdit(first.record, { baseVersion: 1, changes: { remarks: '复查' }, stamp: stamp('desk-b-0002', 2) }, creationStamp);
    expect(second.conflicts).toEqual([]);
    expect(second.record).toMatchObject({ plate: '桂P1', remarks: '复查', version: 3 });
  });

  it('keeps the change HQ applied first when two desks changed one field, and records the other', () => {
    const first = mergeFieldEdit(base, { baseVersion: 1, changes: { plate: '桂P1' }, stamp: stamp('desk-a-0001', 5) }, creationStamp);
    const second = mergeFieldEdit(first.record, { baseVersion: 1, changes: { plate: '桂P2', remarks: 'x' }, stamp: stamp('desk-b-0002', 1) }, creationStamp);
    expect(second.record.plate).toBe('桂P1');
    expect(second.record.remarks).toBe('x');
    expect(second.applied).toEqual(['remarks']);
    expect(second.conflicts).toHaveLength(1);
    expect(second.conflicts[0]).toMatchObject({ field: 'plate', winner: { value: '桂P1' }, loser: { value: '桂P2' } });
    expect(second.conflicts[0]?.winner.stamp.deviceId).toBe('desk-a-0001');
    expect(second.conflicts[0]?.loser.stamp.deviceId).toBe('desk-b-0002');
  });

  it('lets a desk change its own change again without a conflict', () => {
    const first = mergeFieldEdit(base, { baseVersion: 1, changes: { plate: '桂P1' }, stamp: stamp('desk-a-0001', 1) }, creationStamp);
    const again = mergeFieldEdit(first.record, { baseVersion: 1, changes: { plate: '桂P9' }, stamp: stamp('desk-a-0001', 2) }, creationStamp);
    expect(again.conflicts).toEqual([]);
    expect(again.record.plate).toBe('桂P9');
  });

  it('sees no conflict where both desks wrote the same value, and changes nothing', () => {
    const first = mergeFieldEdit(base, { baseVersion: 1, changes: { plate: '桂P1' }, stamp: stamp('desk-a-0001', 1) }, creationStamp);
    const same = mergeFieldEdit(first.record, { baseVersion: 1, changes: { plate: '桂P1' }, stamp: stamp('desk-b-0002', 2) }, creationStamp);
    expect(same).toEqual({ record: first.record, applied: [], conflicts: [] });
  });

  it('is deterministic: the winner depends on HQ order, never on desk clocks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), (minuteA, minuteB) => {
        const a = mergeFieldEdit(base, { baseVersion: 1, changes: { plate: 'A' }, stamp: stamp('desk-a-0001', minuteA) }, creationStamp);
        const b = mergeFieldEdit(a.record, { baseVersion: 1, changes: { plate: 'B' }, stamp: stamp('desk-b-0002', minuteB) }, creationStamp);
        return b.record.plate === 'A' && b.conflicts.length === 1;
      }),
    );
  });
});

describe('applyResolution', () => {
  it('makes the chosen value the latest change', () => {
    const resolved = applyResolution(base, 'plate', '桂P2', stamp('desk-s-0003', 9));
    expect(resolved).toMatchObject({ plate: '桂P2', version: 2 });
    expect(resolved.edits.plate).toMatchObject({ version: 2, deviceId: 'desk-s-0003' });
  });
});
