import { useConsoleT } from '../i18n/use-console-t';
import type { VersionState } from '../model/versions';

export function VersionBadge(props: { state: VersionState }) {
  const t = useConsoleT();
  const className = props.state === 'inForce' ? 'badge ok' : props.state === 'upcoming' ? 'badge warn' : 'badge';
  return <span className={className}>{t(props.state)}</span>;
}
