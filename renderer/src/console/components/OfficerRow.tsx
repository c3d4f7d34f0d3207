import { type FormEvent, useState } from 'react';
import type { AdminOfficer, AppError, Role, UpdateOfficerRequest } from '../../../../shared/index';
import { adminApi } from '../admin-client';
import { useConsoleT } from '../i18n/use-console-t';
import { Notice } from './Notice';
import { ROLE_LABEL, ROLES } from './roles';

/** One officer: change the role, disable or enable (with a confirmation), set a new password. */
export function OfficerRow(props: { portId: string; officer: AdminOfficer; isSelf: boolean; onChanged: () => void }) {
  const t = useConsoleT();
  const { officer } = props;
  const [role, setRole] = useState<Role>(officer.role);
  const [isConfirming, setConfirming] = useState(false);
  const [isSettingPassword, setSettingPassword] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const update = async (change: UpdateOfficerRequest): Promise<boolean> => {
    setBusy(true);
    setSuccess(null);
    const answer = await adminApi.updateOfficer(props.portId, officer.id, change);
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return false;
    }
    setError(null);
    setSuccess(t('saved'));
    props.onChanged();
    return true;
  };

  const savePassword = async (event: FormEvent) => {
    event.preventDefault();
    if (await update({ password })) {
      setPassword('');
      setSettingPassword(false);
    }
  };

  return (
    <tr data-testid="officer-row" data-username={officer.username}>
      <td className="mono">{officer.username}</td>
      <td>
        {officer.name}
        {props.isSelf && t('you')}
      </td>
      <td>
        <span className="inline">
          <select aria-label={t('changeRole', { user: officer.username })} value={role} onChange={(e) => setRole(e.target.value as Role)} disabled={isBusy || props.isSelf}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(ROLE_LABEL[r])}
              </option>
            ))}
          </select>
          {role !== officer.role && (
            <button type="button" onClick={() => void update({ role })} disabled={isBusy}>
              {t('save')}
            </button>
          )}
        </span>
      </td>
      <td>
        <span className={officer.disabled ? 'badge bad' : 'badge ok'}>{officer.disabled ? t('disabled') : t('enabled')}</span>
      </td>
      <td className="actions">
        {officer.disabled ? (
          <button type="button" onClick={() => void update({ disabled: false })} disabled={isBusy}>
            {t('enable')}
          </button>
        ) : isConfirming ? (
          <span className="inline">
            <button
              type="button"
              className="danger"
              onClick={() => void update({ disabled: true }).then(() => setConfirming(false))}
              disabled={isBusy}
            >
              {t('confirmDisable')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} disabled={isBusy || props.isSelf}>
            {t('disable')}
          </button>
        )}
        {isSettingPassword ? (
          <form className="inline" onSubmit={savePassword} aria-label={`${t('resetPassword')} ${officer.username}`}>
            <label>
              {t('newPassword')}
              <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
            </label>
            <button type="submit" disabled={isBusy}>
              {t('setPassword')}
            </button>
            <button type="button" onClick={() => setSettingPassword(false)}>
              {t('cancel')}
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setSettingPassword(true)}>
            {t('resetPassword')}
          </button>
        )}
        <Notice error={error} success={success} />
      </td>
    </tr>
  );
}
