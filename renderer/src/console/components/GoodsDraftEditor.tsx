import { type FormEvent, useState } from 'react';
import { type AppError, cstDateOf, GOODS_LIST_KINDS, type GoodsList, type GoodsListKind } from '../../../../shared/index';
import { adminApi } from '../admin-client';
import { useConsoleT } from '../i18n/use-console-t';
import { addItem, draftChanges, draftRequest, type GoodsDraft, type NewItemInput, removeItem, setKind, startDraft } from '../model/goods-draft';
import { GoodsItemsTable, KIND_LABEL } from './GoodsItemsTable';
import { Notice } from './Notice';

const EMPTY_ITEM: NewItemInput = { hsCode: '', name: '', nameEn: '', list: 'allowed', unit: 'kg', weightCapKg: '' };

/** A new goods-list version, made from a copy of the latest and published whole. */
export function GoodsDraftEditor(props: { portId: string; versions: readonly GoodsList[]; onPublished: () => void }) {
  const t = useConsoleT();
  const today = cstDateOf(new Date());
  const [draft, setDraft] = useState<GoodsDraft>(() => startDraft(props.versions));
  const [item, setItem] = useState<NewItemInput>(EMPTY_ITEM);
  const [itemError, setItemError] = useState<AppError | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState(today);
  const [error, setError] = useState<AppError | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const changes = draftChanges(draft);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const next = addItem(draft, item);
    if (!next.ok) {
      setItemError(next.error);
      return;
    }
    setItemError(null);
    setDraft(next.data);
    setItem({ ...EMPTY_ITEM, list: item.list, unit: item.unit });
  };

  const publish = async (event: FormEvent) => {
    event.preventDefault();
    setSuccess(null);
    const request = draftRequest(draft, effectiveFrom);
    if (!request.ok) {
      setError(request.error);
      return;
    }
    setBusy(true);
    const answer = await adminApi.publishGoodsList(props.portId, request.data);
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setError(null);
    setSuccess(t('published', { version: answer.data.record.version, seq: answer.data.seq }));
    setDraft({ base: answer.data.record, items: answer.data.record.items });
    props.onPublished();
  };

  const field = (name: keyof NewItemInput) => ({
    value: item[name],
    onChange: (e: { target: { value: string } }) => setItem({ ...item, [name]: e.target.value }),
  });

  return (
    <section className="form-card" aria-label={t('newGoodsList')}>
      <h2>{t('newGoodsList')}</h2>
      <p className="hint">{t('newVersionHint')}</p>
      <p data-testid="goods-draft-changes">
        {t('draftChanges', { version: draft.base?.version ?? 0, added: changes.added.length, removed: changes.removed.length, changed: changes.changed.length })}{' '}
        <button type="button" className="link" onClick={() => setDraft(startDraft(props.versions))}>
          {t('resetDraft')}
        </button>
      </p>

      <form className="fields" onSubmit={add} aria-label={t('addItem')}>
        <label>
          {t('hsCode')}
          <input name="hsCode" inputMode="numeric" autoComplete="off" size={10} required {...field('hsCode')} />
        </label>
        <label>
          {t('goodsName')}
          <input name="goodsName" autoComplete="off" required {...field('name')} />
        </label>
        <label>
          {t('goodsNameEn')}
          <input name="goodsNameEn" autoComplete="off" {...field('nameEn')} />
        </label>
        <label>
          {t('kind')}
          <select name="kind" value={item.list} onChange={(e) => setItem({ ...item, list: e.target.value as GoodsListKind })}>
            {GOODS_LIST_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(KIND_LABEL[kind])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('unit')}
          <input name="unit" autoComplete="off" size={4} required {...field('unit')} />
        </label>
        <label>
          {t('weightCap')}
          <input name="weightCapKg" inputMode="decimal" autoComplete="off" size={6} {...field('weightCapKg')} />
        </label>
        <button type="submit">{t('addItem')}</button>
      </form>
      <Notice error={itemError} />

      <GoodsItemsTable
        items={draft.items}
        label={t('newGoodsList')}
        onRemove={(hs) => setDraft(removeItem(draft, hs))}
        onKind={(hs, kind) => setDraft(setKind(draft, hs, kind))}
      />

      <form className="fields" onSubmit={publish} aria-label={t('publish')}>
        <label>
          {t('effectiveFrom')}
          <input name="effectiveFrom" type="date" min={today} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} required />
        </label>
        <button type="submit" className="primary" disabled={isBusy}>
          {isBusy ? t('publishing') : t('publish')}
        </button>
      </form>
      <Notice error={error} success={success} />
    </section>
  );
}
