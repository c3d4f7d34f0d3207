import { type FormEvent, useState } from 'react';
import { type AppError, newOfficerRequestSchema, type Role } from '../../../../shared/index';
import { adminApi } from '../admin-client';
import { useConsoleT } from '../i18n/use-console-t';
import { consoleSelectors } from '../store/selectors';
import { useConsoleStore } from '../store/store';
import { useReference } from '../use-reference';
import { Notice } from './Notice';
import { OfficerRow } from './OfficerRow';
import { ROLE_LABEL, ROLES } from './roles';

const EMPTY = { username: '', name: '', role: 'officer' as Role, password: '' };

/** 人员: the port's officers, and a form that adds one with an initial password. */
export function OfficersTab(props: { portId: string; onWritten: () => void }) {
  const t = useConsoleT();
  const me = useConsoleStore(consoleSelectors.officer);
  const reference = useReference(props.portId);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<AppError | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const changed = () => {
    reference.reload();
    props.onWritten();
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setSuccess(null);
    const request = newOfficerRequestSchema.safeParse({ ...form, username: form.username.trim(), name: form.name.trim() });
    if (!request.success) {
      const issue = request.error.issues[0];
      setError({ code: 'validation', message: `${String(issue?.path[0] ?? '')}: ${issue?.message ?? ''}` });
      return;
    }
    setBusy(true);
    const answer = await adminApi.addOfficer(props.portId, request.data);
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setError(null);
    setForm(EMPTY);
    setSuccess(t('officerAdded', { user: answer.data.record.username }));
    changed();
  };

  return (
    <div className="tab-body">
      <Notice error={reference.error} />
      <table className="grid" aria-label={t('tabOfficers')}>
        <thead>
          <tr>
            <th>{t('username')}</th>
            <th>{t('name')}</th>
            <th>{t('role')}</th>
            <th>{t('status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(reference.data?.officers ?? []).map((officer) => (
            <OfficerRow
              key={`${officer.id}:${officer.role}:${officer.disabled}`}
              portId={props.portId}
              officer={officer}
              isSelf={officer.id === me?.id}
              onChanged={changed}
            />
          ))}
        </tbody>
      </table>
      {reference.isLoading && <p className="hint">{t('loading')}</p>}

      <form className="form-card" onSubmit={add} aria-label={t('addOfficer')}>
        <h2>{t('addOfficer')}</h2>
        <div className="fields">
          <label>
            {t('username')}
            <input name="username" autoComplete="off" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required />
          </label>
          <label>
            {t('name')}
            <input name="name" autoComplete="off" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
          </label>
          <label>
            {t('role')}
            <select name="role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(ROLE_LABEL[r])}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('initialPassword')}
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
              required
            />
          </label>
          <button type="submit" className="primary" disabled={isBusy}>
            {t('addOfficer')}
          </button>
        </div>
        <Notice error={error} success={success} />
      </form>
    </div>
  );
}
