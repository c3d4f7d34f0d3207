import { describe, expect, it } from 'vitest';
import type { GoodsItem, GoodsList } from '../../../../shared/index';
import { addItem, draftChanges, draftRequest, removeItem, setKind, startDraft } from './goods-draft';

const item = (hsCode: string, list: GoodsItem['list'] = 'allowed'): GoodsItem => ({ hsCode, name: `品${hsCode}`, nameEn: '', list, weightCapKg: null, unit: 'kg' });
const version = (n: number, items: GoodsItem[]): GoodsList => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  portId: 'DONGXING',
  version: n,
  effectiveFrom: '2026-01-01',
  items,
});
const input = { hsCode: '0901', name: '咖啡', nameEn: 'Coffee', list: 'allowed' as const, unit: 'kg', weightCapKg: '' };

describe('the goods-list draft', () => {
  const v1 = version(1, [item('0803')]);
  const v2 = version(2, [item('4001', 'negative'), item('0803')]);

  it('starts from a copy of the highest version, in HS order', () => {
    const draft = startDraft([v2, v1].reverse());
    expect(draft.base?.version).toBe(2);
    expect(draft.items.map((i) => i.hsCode)).toEqual(['0803', '4001']);
    expect(startDraft([])).toEqual({ base: null, items: [] });
  });

  it('adds, moves and removes items by HS prefix, and says what changed', () => {
    let draft = startDraft([v2]);
    const added = addItem(draft, { ...input, weightCapKg: '50' });
    if (!added.ok) throw new Error(added.error.message);
    draft = setKind(removeItem(added.data, '4001'), '0803', 'non_exempt');
    expect(draft.items).toEqual([
      { ...item('0803'), list: 'non_exempt' },
      { hsCode: '0901', name: '咖啡', nameEn: 'Coffee', list: 'allowed', weightCapKg: 50, unit: 'kg' },
    ]);
    expect(draftChanges(draft)).toEqual({ added: ['0901'], removed: ['4001'], changed: ['0803'] });
    // The version it started from is untouched.
    expect(v2.items.map((i) => i.list)).toEqual(['negative', 'allowed']);
  });

  it('refuses an HS prefix already listed, a bad code, an empty name, a bad cap', () => {
    const draft = startDraft([v2]);
    expect(addItem(draft, { ...input, hsCode: '0803' })).toMatchObject({ ok: false, error: { field: 'hsCode' } });
    expect(addItem(draft, { ...input, hsCode: '8' })).toMatchObject({ ok: false, error: { field: 'hsCode' } });
    expect(addItem(draft, { ...input, name: '  ' })).toMatchObject({ ok: false, error: { field: 'name' } });
    expect(addItem(draft, { ...input, weightCapKg: '-3' })).toMatchObject({ ok: false, error: { field: 'weightCapKg' } });
  });

  it('makes the request HQ parses, and refuses an empty list', () => {
    expect(draftRequest(startDraft([v1]), '2026-03-10')).toEqual({ ok: true, data: { effectiveFrom: '2026-03-10', items: [item('0803')] } });
    expect(draftRequest(removeItem(startDraft([v1]), '0803'), '2026-03-10')).toMatchObject({ ok: false, error: { field: 'items' } });
  });
});
