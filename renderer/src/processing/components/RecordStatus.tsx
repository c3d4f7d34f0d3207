import { useT } from '../../i18n/use-t';
import { useLabel } from '../../inspections/components/use-desk-identity';
import type { RecordState } from './use-record-state';

/** A record's state at HQ: refused (with the reason), flagged (each flag), received, or waiting to sync. */
export function RecordStatus({ id, flags, hqReceivedAt, state }: { id: string; flags: readonly { code: string; message: string; messageEn: string; at: string }[]; hqReceivedAt: string | null; state: RecordState }) {
  const t = useT();
  const label = useLabel();
  const rejection = state.rejected.get(id);
  if (rejection !== undefined) {
    return (
      <span className="error" data-testid="pr-rejected">
        {t('prRejected')}：{rejection.message}
      </span>
    );
  }
  if (flags.length > 0) {
    return (
      <ul className="in-flags" data-testid="pr-flags">
        {flags.map((f) => (
          <li key={`${f.code}${f.at}`}>
            {t('prFlagged')}：{label({ zh: f.message, en: f.messageEn })}
          </li>
        ))}
      </ul>
    );
  }
  return <span data-testid="pr-state">{state.pending.has(id) || hqReceivedAt === null ? t('prPending') : t('prAtHq')}</span>;
}
