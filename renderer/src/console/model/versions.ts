import { versionInForce } from '../../../../shared/index';

export type VersionState = 'inForce' | 'upcoming' | 'superseded';

/**
 * Where each version of a policy or goods list stands today: the one in force
 * (shared versionInForce, as desks and HQ pick it), those that start later, and those
 * replaced. Newest first, as the console lists them.
 */
export function versionStates<T extends { id: string; effectiveFrom: string; version: number }>(versions: readonly T[], today: string): { version: T; state: VersionState }[] {
  const current = versionInForce(versions, today);
  return [...versions]
    .sort((a, b) => b.version - a.version)
    .map((version) => ({
      version,
      state: version.id === current?.id ? 'inForce' : version.effectiveFrom > today ? 'upcoming' : 'superseded',
    }));
}
