import { useState } from 'react';
import { cstDateOf, type GoodsList } from '../../../../shared/index';
import { useConsoleT } from '../i18n/use-console-t';
import { versionStates } from '../model/versions';
import { useReference } from '../use-reference';
import { GoodsDraftEditor } from './GoodsDraftEditor';
import { GoodsItemsTable } from './GoodsItemsTable';
import { Notice } from './Notice';
import { VersionBadge } from './VersionBadge';

const countOf = (list: GoodsList, kind: GoodsList['items'][number]['list']) => list.items.filter((i) => i.list === kind).length;

/** 商品清单: every version of the port's goods list, and the editor of the next one. */
export function GoodsListTab(props: { portId: string; onWritten: () => void }) {
  const t = useConsoleT();
  const today = cstDateOf(new Date());
  const reference = useReference(props.portId);
  const [shown, setShown] = useState<string | null>(null);
  const versions = reference.data?.goodsLists ?? [];
  const rows = versionStates(versions, today);
  const viewed = versions.find((v) => v.id === shown) ?? null;

  return (
    <div className="tab-body">
      <Notice error={reference.error} />
      <table className="grid" aria-label={t('tabGoods')}>
        <thead>
          <tr>
            <th>{t('version')}</th>
            <th>{t('effectiveFrom')}</th>
            <th>{t('items')}</th>
            <th>{t('kindAllowed')}</th>
            <th>{t('kindNegative')}</th>
            <th>{t('kindNonExempt')}</th>
            <th>{t('status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map(({ version, state }) => (
            <tr key={version.id} data-testid="goods-version-row">
              <td>{version.version}</td>
              <td>{version.effectiveFrom}</td>
              <td className="num">{version.items.length}</td>
              <td className="num">{countOf(version, 'allowed')}</td>
              <td className="num">{countOf(version, 'negative')}</td>
              <td className="num">{countOf(version, 'non_exempt')}</td>
              <td>
                <VersionBadge state={state} />
              </td>
              <td>
                <button type="button" className="link" aria-expanded={shown === version.id} onClick={() => setShown(shown === version.id ? null : version.id)}>
                  {shown === version.id ? t('hide') : t('view')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reference.isLoading && <p className="hint">{t('loading')}</p>}
      {viewed !== null && (
        <section className="form-card" aria-label={t('itemsOfVersion', { version: viewed.version })}>
          <h2>{t('itemsOfVersion', { version: viewed.version })}</h2>
          <GoodsItemsTable items={viewed.items} label={t('itemsOfVersion', { version: viewed.version })} />
        </section>
      )}
      {reference.data !== null && (
        <GoodsDraftEditor
          key={props.portId}
          portId={props.portId}
          versions={versions}
          onPublished={() => {
            reference.reload();
            props.onWritten();
          }}
        />
      )}
    </div>
  );
}
