import type { ConsoleStore } from './store';

export const consoleSelectors = {
  lang: (s: ConsoleStore) => s.lang,
  officer: (s: ConsoleStore) => s.session?.officer ?? null,
  isSignedIn: (s: ConsoleStore) => s.session !== null,
  isBusy: (s: ConsoleStore) => s.isBusy,
  notice: (s: ConsoleStore) => s.notice,
  portId: (s: ConsoleStore) => s.portId,
  tab: (s: ConsoleStore) => s.tab,
};
