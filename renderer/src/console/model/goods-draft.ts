import {
  fail,
  type GoodsItem,
  type GoodsList,
  type GoodsListKind,
  goodsItemSchema,
  type NewGoodsListRequest,
  newGoodsListRequestSchema,
  ok,
  type Result,
} from '../../../../shared/index';

/**
 * The console's editor of a new goods-list version: it starts as a copy of the latest
 * version, items are added, removed or moved to another list by HS prefix, and the
 * whole list is sent as the new version (HQ never edits a version in place). Pure: the
 * component holds a GoodsDraft in state and replaces it with each edit's result.
 */
export interface GoodsDraft {
  /** The version the draft started from (null: the port has none yet). */
  base: GoodsList | null;
  items: GoodsItem[];
}

export interface NewItemInput {
  hsCode: string;
  name: string;
  nameEn: string;
  list: GoodsListKind;
  unit: string;
  /** Kilograms per resident per day, as typed; empty: no cap. */
  weightCapKg: string;
}

/** Items in HS order, so a prefix sits next to the codes under it. */
const byHs = (a: GoodsItem, b: GoodsItem) => (a.hsCode < b.hsCode ? -1 : a.hsCode > b.hsCode ? 1 : 0);

/** A draft from the latest version of the port's list (the highest version number). */
export function startDraft(versions: readonly GoodsList[]): GoodsDraft {
  const latest = versions.reduce<GoodsList | null>((best, v) => (best === null || v.version > best.version ? v : best), null);
  return { base: latest, items: [...(latest?.items ?? [])].sort(byHs) };
}

export function addItem(draft: GoodsDraft, input: NewItemInput): Result<GoodsDraft> {
  const hsCode = input.hsCode.trim();
  if (draft.items.some((item) => item.hsCode === hsCode)) {
    return fail('validation', `HS ${hsCode} 已在清单中 / HS ${hsCode} is already on the list`, 'hsCode');
  }
  const cap = input.weightCapKg.trim();
  const weightCapKg = cap === '' ? null : Number(cap);
  const parsed = goodsItemSchema.safeParse({
    hsCode,
    name: input.name.trim(),
    nameEn: input.nameEn.trim(),
    list: input.list,
    weightCapKg,
    unit: input.unit.trim(),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    return fail('validation', `${field}: ${issue?.message ?? 'invalid'}`, field);
  }
  return ok({ ...draft, items: [...draft.items, parsed.data].sort(byHs) });
}

export function removeItem(draft: GoodsDraft, hsCode: string): GoodsDraft {
  return { ...draft, items: draft.items.filter((item) => item.hsCode !== hsCode) };
}

export function setKind(draft: GoodsDraft, hsCode: string, list: GoodsListKind): GoodsDraft {
  return { ...draft, items: draft.items.map((item) => (item.hsCode === hsCode ? { ...item, list } : item)) };
}

/** What the draft changes against the version it started from, by HS prefix. */
export function draftChanges(draft: GoodsDraft): { added: string[]; removed: string[]; changed: string[] } {
  const before = new Map((draft.base?.items ?? []).map((item) => [item.hsCode, item]));
  const after = new Map(draft.items.map((item) => [item.hsCode, item]));
  const same = (a: GoodsItem, b: GoodsItem) => JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
  return {
    added: [...after.keys()].filter((hs) => !before.has(hs)),
    removed: [...before.keys()].filter((hs) => !after.has(hs)),
    changed: [...after.entries()].filter(([hs, item]) => {
      const old = before.get(hs);
      return old !== undefined && !same(old, item);
    }).map(([hs]) => hs),
  };
}

/** The request HQ expects, checked by the same schema HQ parses it with. */
export function draftRequest(draft: GoodsDraft, effectiveFrom: string): Result<NewGoodsListRequest> {
  const parsed = newGoodsListRequestSchema.safeParse({ effectiveFrom, items: draft.items });
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = (issue?.path ?? []).map(String).join('.');
  return fail('validation', field === '' ? (issue?.message ?? 'invalid') : `${field}: ${issue?.message ?? 'invalid'}`, field);
}
