import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { InspectionAttachment } from '../../../../shared/index';
import type { DeskDb } from '../../db/desk-db';
import { useT } from '../../i18n/use-t';
import { platform } from '../../platform/index';
import { useSessionStore } from '../../store/session/store';
import { openAttachment } from '../attachments';
import { createBlobClient } from '../blob-client';
import { dataUrlOf } from './AttachmentPicker';

/**
 * One attachment of a record: its state on this desk and "打开 / Open". A desk that does
 * not hold the bytes (another officer's record) downloads them from HQ on demand; they
 * are checked against the SHA-256 the record names before they are kept or shown.
 */
export function AttachmentOpen({ db, attachment }: { db: DeskDb; attachment: InspectionAttachment }) {
  const t = useT();
  const session = useSessionStore((s) => s.session);
  const row = useLiveQuery(() => db.attachments.get(attachment.sha256), [db, attachment.sha256]);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = async () => {
    if (session === null) return;
    setBusy(true);
    setError(null);
    try {
      const tokens = session.tokens;
      const client = createBlobClient({ baseUrl: await platform.hqBaseUrl(), tokens });
      const got = await openAttachment(db.attachments, client, attachment, new Date());
      if (!got.ok) {
        setError(got.error.message);
        return;
      }
      setShown(await dataUrlOf(got.data));
    } finally {
      setBusy(false);
    }
  };

  const state = row === undefined ? t('inNotHere') : row.state === 'pending' ? t('inUploadPending') : row.state === 'uploaded' ? t('inUploaded') : t('inDownloaded');
  const isImage = attachment.contentType.startsWith('image/');
  return (
    <div className="in-open" data-testid="in-attachment-open" data-sha256={attachment.sha256}>
      <span className="name">
        {attachment.fileName}
        {attachment.caption !== '' && ` — ${attachment.caption}`}
      </span>
      <span className="state">{state}</span>
      {shown === null ? (
        <button type="button" onClick={() => void open()} disabled={busy}>
          {busy ? t('inOpening') : t('inOpen')}
        </button>
      ) : (
        <button type="button" onClick={() => setShown(null)}>
          {t('inClose')}
        </button>
      )}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {shown !== null && (
        <figure className="in-viewer">
          {isImage ? (
            <img src={shown} alt={attachment.fileName} data-testid="in-opened-image" />
          ) : (
            <a href={shown} download={attachment.fileName}>
              {t('inDownload')}
            </a>
          )}
          <figcaption data-testid="in-verified">
            {t('inVerified')}: {attachment.sha256.slice(0, 16)}…
          </figcaption>
        </figure>
      )}
    </div>
  );
}
