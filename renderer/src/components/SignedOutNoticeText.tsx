import { useT } from '../i18n/use-t';
import type { SignedOutNotice } from '../store/session/initialState';

/** Why the desk signed the officer out: access revoked by HQ, in HQ's own words too. */
export function SignedOutNoticeText({ notice }: { notice: SignedOutNotice }) {
  const t = useT();
  return (
    <div role="alert" className="notice error" data-testid="access-revoked">
      <p>{notice.portId === null ? t('accessRevoked') : t('accessRevokedPort', { port: notice.portId })}</p>
      {notice.detail !== '' && (
        <p>
          {t('reason')}: {notice.detail}
        </p>
      )}
    </div>
  );
}
