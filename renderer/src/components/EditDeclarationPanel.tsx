import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { DeskDb, DeskDeclaration } from '../db/desk-db';
import { type EditableValues, editableValuesOf, editDeclaration } from '../declarations/edit-declaration';
import { syncSoon } from '../desk/desk-runtime';
import { useT } from '../i18n/use-t';

/**
 * Edits the plate (车牌), car pool (拼车) and remarks (备注) of one declaration, keyboard
 * first: it opens on the plate, Enter saves from any field, Esc cancels.
 */
export function EditDeclarationPanel(props: {
  db: DeskDb;
  record: DeskDeclaration;
  officerId: string;
  /** `saved` is true when a change was queued for HQ. */
  onClose: (saved: boolean) => void;
}) {
  const t = useT();
  const { db, record, officerId, onClose } = props;
  const [values, setValues] = useState<EditableValues>(() => editableValuesOf(record));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const plateRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    plateRef.current?.focus();
    plateRef.current?.select();
  }, []);

  const save = async () => {
    if (saving) return;
    setSaving(true);
    const saved = await editDeclaration(db, { recordId: record.id, values, officerId });
    setSaving(false);
    if (!saved.ok) {
      setError(saved.error.message);
      return;
    }
    if (saved.data.mutationId !== null) syncSoon();
    onClose(saved.data.mutationId !== null);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose(false);
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'checkbox') {
      // A checkbox does not submit its form on Enter by itself.
      event.preventDefault();
      void save();
    }
  };

  const patch = (change: Partial<EditableValues>) => {
    setValues((current) => ({ ...current, ...change }));
    setError(null);
  };

  return (
    <form className="edit-panel" aria-label={t('editTitle')} onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      <strong>
        {t('editTitle')}: {record.certificateNo} {record.residentName}
      </strong>
      <label>
        {t('vehiclePlate')}
        <input ref={plateRef} name="vehiclePlate" maxLength={16} value={values.vehiclePlate} onChange={(e) => patch({ vehiclePlate: e.target.value })} />
      </label>
      <label className="check">
        <input type="checkbox" name="carPool" checked={values.carPool} onChange={(e) => patch({ carPool: e.target.checked })} />
        {t('carPool')}
      </label>
      <label className="wide">
        {t('remarks')}
        <input name="remarks" maxLength={200} value={values.remarks} onChange={(e) => patch({ remarks: e.target.value })} />
      </label>
      <button type="submit" className="primary" disabled={saving}>
        {t('saveEdit')} (Enter)
      </button>
      <button type="button" onClick={() => onClose(false)}>
        {t('cancel')} (Esc)
      </button>
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
