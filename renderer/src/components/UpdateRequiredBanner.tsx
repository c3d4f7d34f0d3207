import { useT } from '../i18n/use-t';
import { syncSelectors } from '../store/sync/selectors';
import { useSyncStore } from '../store/sync/store';

/**
 * HQ answered 426: this desk is older than HQ. Syncing has stopped for good (no retry
 * loop) and the outbox stays as it is until the desk is updated; the banner stays up
 * and says how much is waiting.
 */
export function UpdateRequiredBanner() {
  const blocked = useSyncStore(syncSelectors.blocked);
  const waiting = useSyncStore(syncSelectors.pending);
  if (blocked !== 'updateRequired') return null;
  return <UpdateRequiredNotice waiting={waiting} />;
}

export function UpdateRequiredNotice({ waiting }: { waiting: number }) {
  const t = useT();
  return (
    <div role="alert" className="banner update-required" data-testid="update-required">
      <strong>{t('updateRequired')}</strong>
      <span>{t('updateRequiredWaiting', { n: waiting })}</span>
    </div>
  );
}
