import { useLiveQuery } from 'dexie-react-hooks';
import { type DragEvent, useEffect, useRef, useState } from 'react';
import type { InspectionAttachment } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { useT } from '../../i18n/use-t';
import { addAttachment } from '../attachments';

/**
 * A Blob as a data: URL. The desk's page policy allows images from data: but not blob:
 * (renderer/index.html), so thumbnails and opened photos are shown this way.
 */
export function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

export function Thumbnail({ db, sha256, alt }: { db: DeskDb; sha256: string; alt: string }) {
  const row = useLiveQuery(() => db.attachments.get(sha256), [db, sha256]);
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (row === undefined || !row.contentType.startsWith('image/')) {
      setSrc(null);
      return;
    }
    void dataUrlOf(row.blob).then((url) => {
      if (live) setSrc(url);
    });
    return () => {
      live = false;
    };
  }, [row]);
  if (src === null) return <span className="in-thumb pdf">{row?.contentType === 'application/pdf' ? 'PDF' : '…'}</span>;
  return <img className="in-thumb" src={src} alt={alt} />;
}

/**
 * Photos and scanned documents attached offline: a file input (several at once) and a
 * drop zone. Each file is hashed and kept on the desk under its SHA-256 (attachments.ts
 * addAttachment) before the record names it, so the record never names bytes the desk
 * does not hold.
 */
export function AttachmentPicker({ db, value, onChange }: { db: DeskDb; value: InspectionAttachment[]; onChange(next: InspectionAttachment[]): void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [isOver, setIsOver] = useState(false);
  const [busy, setBusy] = useState(false);

  const take = async (files: readonly File[]) => {
    setBusy(true);
    const problems: string[] = [];
    const added: InspectionAttachment[] = [];
    try {
      for (const file of files) {
        const kept = await addAttachment(db.attachments, file, file.name, new Date());
        if (!kept.ok) problems.push(kept.error.message);
        else if (![...value, ...added].some((a) => a.sha256 === kept.data.sha256)) added.push({ ...kept.data, caption: '' });
      }
    } finally {
      setBusy(false);
    }
    setErrors(problems);
    if (added.length > 0) onChange([...value, ...added]);
  };

  const onDrop = (event: DragEvent<HTMLFieldSetElement>) => {
    event.preventDefault();
    setIsOver(false);
    void take([...event.dataTransfer.files]);
  };

  return (
    <fieldset
      className="in-attachments"
      onDragOver={(e) => {
        e.preventDefault();
        setIsOver(true);
      }}
      onDragLeave={() => setIsOver(false)}
      onDrop={onDrop}
    >
      <legend>{t('inAttachments')}</legend>
      <div className={isOver ? 'in-drop over' : 'in-drop'} data-testid="in-drop">
        {t('inDropHere')}{' '}
        <button type="button" onClick={() => input.current?.click()} disabled={busy}>
          {t('inAddFiles')}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept="image/jpeg,image/png,application/pdf"
          aria-label={t('inAddFiles')}
          hidden
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void take(files);
          }}
        />
      </div>
      {errors.map((error) => (
        <p key={error} className="error" role="alert">
          {error}
        </p>
      ))}
      <ul className="in-attachment-list">
        {value.map((a, index) => (
          <li key={a.sha256} data-testid="in-attachment">
            <Thumbnail db={db} sha256={a.sha256} alt={a.fileName} />
            <span className="name" title={a.sha256}>
              {a.fileName} · {Math.ceil(a.size / 1024)} KB
            </span>
            <label>
              {t('inCaption')}
              <input value={a.caption} maxLength={200} onChange={(e) => onChange(value.map((x, i) => (i === index ? { ...x, caption: e.target.value } : x)))} />
            </label>
            <button type="button" className="link" onClick={() => onChange(value.filter((_, i) => i !== index))}>
              {t('inRemove')}
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
