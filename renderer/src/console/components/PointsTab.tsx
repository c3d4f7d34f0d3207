import { type FormEvent, useState } from 'react';
import { type AppError, newPointRequestSchema } from '../../../../shared/index';
import { adminApi } from '../admin-client';
import { useConsoleT } from '../i18n/use-console-t';
import { useReference } from '../use-reference';
import { Notice } from './Notice';
import { PointRow } from './PointRow';

const EMPTY = { id: '', name: '', nameEn: '' };

/** 互市点: the port's market points; add one, or change a point's names. */
export function PointsTab(props: { portId: string; onWritten: () => void }) {
  const t = useConsoleT();
  const reference = useReference(props.portId);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<AppError | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const changed = () => {
    reference.reload();
    props.onWritten();
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setSuccess(null);
    const request = newPointRequestSchema.safeParse({ id: form.id.trim().toUpperCase(), name: form.name.trim(), nameEn: form.nameEn.trim() });
    if (!request.success) {
      const issue = request.error.issues[0];
      setError({ code: 'validation', message: `${String(issue?.path[0] ?? '')}: ${issue?.message ?? ''}` });
      return;
    }
    const answer = await adminApi.addPoint(props.portId, request.data);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setError(null);
    setForm(EMPTY);
    setSuccess(t('saved'));
    changed();
  };

  return (
    <div className="tab-body">
      <Notice error={reference.error} />
      <table className="grid" aria-label={t('tabPoints')}>
        <thead>
          <tr>
            <th>{t('pointId')}</th>
            <th>{t('pointName')}</th>
            <th>{t('pointNameEn')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(reference.data?.points ?? []).map((point) => (
            <PointRow key={`${point.id}:${point.name}:${point.nameEn}`} portId={props.portId} point={point} onChanged={changed} />
          ))}
        </tbody>
      </table>
      <form className="form-card" onSubmit={add} aria-label={t('addPoint')}>
        <h2>{t('addPoint')}</h2>
        <div className="fields">
          <label>
            {t('pointId')}
            <input name="pointId" autoComplete="off" value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} required />
          </label>
          <label>
            {t('pointName')}
            <input name="pointName" autoComplete="off" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
          </label>
          <label>
            {t('pointNameEn')}
            <input name="pointNameEn" autoComplete="off" value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.target.value })} />
          </label>
          <button type="submit" className="primary">
            {t('addPoint')}
          </button>
        </div>
        <Notice error={error} success={success} />
      </form>
    </div>
  );
}
