import { ROLES, type Role } from '../../../../shared/index';
import type { ConsoleMessageKey } from '../i18n/messages';

export const ROLE_LABEL: Record<Role, ConsoleMessageKey> = { officer: 'roleOfficer', supervisor: 'roleSupervisor', admin: 'roleAdmin' };
export { ROLES };
