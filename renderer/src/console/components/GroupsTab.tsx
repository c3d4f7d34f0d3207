import { type FormEvent, useState } from 'react';
import { type AppError, type GroupView, newGroupRequestSchema, updateGroupRequestSchema } from '../../../../shared/index';
import { groupApi } from '../group-client';
import { certificatesOf, EMPTY_GROUP_FORM, type GroupForm, groupFormOf } from '../model/group-form';
import { useConsoleT } from '../i18n/use-console-t';
import { useLoad } from '../use-load';
import { Notice } from './Notice';

/** The first problem of a request as the console checks it before sending (HQ checks again), named by field. */
function problemOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): AppError {
  const issue = issues[0];
  const field = (issue?.path ?? []).map(String).join('.');
  return { code: 'validation', message: `${field}: ${issue?.message ?? ''}`, ...(field === '' ? {} : { field }) };
}

/**
 * 互助组 / Groups: the port's mutual-aid groups with their leader and members (named by
 * certificate number, in the order a group declaration fills their amounts); a form
 * creates one or edits the one chosen (against its version). HQ refuses, by field, a
 * certificate that is not a resident of the port or already in another group.
 */
export function GroupsTab(props: { portId: string; onWritten: () => void }) {
  const t = useConsoleT();
  const groups = useLoad(() => groupApi.groups(props.portId), `groups:${props.portId}`);
  const [editing, setEditing] = useState<GroupView | null>(null);
  const [form, setForm] = useState<GroupForm>(EMPTY_GROUP_FORM);
  const [error, setError] = useState<AppError | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const list = groups.data?.groups ?? [];
  // The field HQ or the schema named, marked on its input (memberCertificateNos.2 → the members).
  const isInvalid = (name: string) => error?.field !== undefined && (error.field === name || error.field.startsWith(`${name}.`));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSuccess(null);
    const fields = { name: form.name, leaderCertificateNo: form.leader, memberCertificateNos: certificatesOf(form.members) };
    let answer: Awaited<ReturnType<typeof groupApi.addGroup>>;
    if (editing === null) {
      const request = newGroupRequestSchema.safeParse(fields);
      if (!request.success) return setError(problemOf(request.error.issues));
      answer = await groupApi.addGroup(props.portId, request.data);
    } else {
      const request = updateGroupRequestSchema.safeParse({ baseVersion: editing.version, ...fields });
      if (!request.success) return setError(problemOf(request.error.issues));
      answer = await groupApi.updateGroup(props.portId, editing.group.id, request.data);
    }
    if (!answer.ok) return setError(answer.error);
    setError(null);
    setEditing(null);
    setForm(EMPTY_GROUP_FORM);
    setSuccess(`${t('saved')}: ${answer.data.record.group.name} (${t('version')} ${answer.data.record.version})`);
    groups.reload();
    props.onWritten();
  };

  return (
    <div className="tab-body">
      <Notice error={groups.error} />
      <p className="hint">{t('grOrderHint')}</p>
      <table className="grid" aria-label={t('tabGroups')}>
        <thead>
          <tr>
            <th>{t('grName')}</th>
            <th>{t('grLeader')}</th>
            <th>{t('grMemberList')}</th>
            <th>{t('version')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.length === 0 && groups.data !== null && (
            <tr>
              <td colSpan={5}>{t('grNoGroups')}</td>
            </tr>
          )}
          {list.map((view) => {
            const leader = view.members.find((m) => m.residentId === view.group.leaderId);
            return (
              <tr key={view.group.id} data-testid={`group-row-${view.group.name}`}>
                <td>{view.group.name}</td>
                <td>{leader === undefined ? '' : `${leader.name} ${leader.certificateNo}`}</td>
                <td>
                  {view.members.map((m, index) => (
                    <span key={m.residentId}>
                      {index > 0 ? '、' : ''}
                      {m.name} {m.certificateNo}
                      {m.status === 'valid' ? '' : t('grMemberInactive', { status: m.status, validTo: m.validTo })}
                    </span>
                  ))}
                </td>
                <td>{view.version}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => {
                      setEditing(view);
                      setForm(groupFormOf(view));
                      setError(null);
                      setSuccess(null);
                    }}
                  >
                    {t('grEditThis')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form className="form-card" onSubmit={submit} aria-label={editing === null ? t('grAdd') : t('grEdit')}>
        <h2>{editing === null ? t('grAdd') : `${t('grEdit')}: ${editing.group.name}`}</h2>
        <div className="fields">
          <label>
            {t('grName')}
            <input name="groupName" autoComplete="off" aria-invalid={isInvalid('name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
          </label>
          <label>
            {t('grLeader')}
            <input name="leaderCertificateNo" autoComplete="off" aria-invalid={isInvalid('leaderCertificateNo')} value={form.leader} onChange={(e) => setForm({ ...form, leader: e.target.value })} required />
          </label>
          <label>
            {t('grMembers')}
            <textarea name="memberCertificateNos" rows={6} aria-invalid={isInvalid('memberCertificateNos')} value={form.members} onChange={(e) => setForm({ ...form, members: e.target.value })} required />
          </label>
          <button type="submit" className="primary">
            {t('grSave')}
          </button>
          {editing !== null && (
            <button
              type="button"
              onClick={() => {
                setEditing(null);
                setForm(EMPTY_GROUP_FORM);
              }}
            >
              {t('grCancel')}
            </button>
          )}
        </div>
        <Notice error={error} success={success} />
      </form>
    </div>
  );
}
