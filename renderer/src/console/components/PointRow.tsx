import { type FormEvent, useState } from 'react';
import type { AppError, MarketPoint } from '../../../../shared/index';
import { adminApi } from '../admin-client';
import { useConsoleT } from '../i18n/use-console-t';
import { Notice } from './Notice';

/** One market point; its names can be changed in place (a point has no versions). */
export function PointRow(props: { portId: string; point: MarketPoint; onChanged: () => void }) {
  const t = useConsoleT();
  const { point } = props;
  const [isEditing, setEditing] = useState(false);
  const [name, setName] = useState(point.name);
  const [nameEn, setNameEn] = useState(point.nameEn);
  const [error, setError] = useState<AppError | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await adminApi.updatePoint(props.portId, point.id, { name: name.trim(), nameEn: nameEn.trim() });
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setError(null);
    setEditing(false);
    props.onChanged();
  };

  return (
    <tr data-testid="point-row">
      <td className="mono">{point.id}</td>
      {isEditing ? (
        <td colSpan={3}>
          <form className="inline" onSubmit={save} aria-label={`${t('edit')} ${point.id}`}>
            <label>
              {t('pointName')}
              <input value={name} onChange={(e) => setName(e.target.value)} required />
            </label>
            <label>
              {t('pointNameEn')}
              <input value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
            </label>
            <button type="submit">{t('save')}</button>
            <button type="button" onClick={() => setEditing(false)}>
              {t('cancel')}
            </button>
          </form>
          <Notice error={error} />
        </td>
      ) : (
        <>
          <td>{point.name}</td>
          <td>{point.nameEn}</td>
          <td>
            <button type="button" className="link" aria-label={`${t('edit')} ${point.id}`} onClick={() => setEditing(true)}>
              {t('edit')}
            </button>
          </td>
        </>
      )}
    </tr>
  );
}
