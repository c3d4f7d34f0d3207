/** The console's mutual-aid group tab (互助组), Chinese first; spread into i18n/messages.ts. */
export const groupConsoleZh = {
  tabGroups: '互助组',
  grName: '组名',
  grLeader: '组长（边民证号）',
  grMembers: '成员（边民证号，按分配顺序，每行或以逗号分隔）',
  grMemberList: '成员',
  grAdd: '新建互助组',
  grEdit: '修改互助组',
  grEditThis: '修改',
  grCancel: '取消',
  grSave: '保存',
  grNoGroups: '本口岸尚无互助组',
  grOrderHint: '互助组申报按成员顺序分配各人当日剩余免税额度；组长承担应税余量。',
  grMemberInactive: '（{status}，有效期至 {validTo}）',
} as const;

export const groupConsoleEn: Record<keyof typeof groupConsoleZh, string> = {
  tabGroups: 'Groups',
  grName: 'Name',
  grLeader: 'Leader (certificate no.)',
  grMembers: 'Members (certificate nos., in split order, one a line or comma-separated)',
  grMemberList: 'Members',
  grAdd: 'New group',
  grEdit: 'Edit group',
  grEditThis: 'Edit',
  grCancel: 'Cancel',
  grSave: 'Save',
  grNoGroups: 'No group at this port yet',
  grOrderHint: 'A group declaration fills members’ amounts left today in this order; the leader takes the taxable remainder.',
  grMemberInactive: '({status}, valid to {validTo})',
};
