/** A declaration's life at the desk (审核、查验、卡口放行), Chinese first; spread into i18n/messages.ts. */
export const lifeZh = {
  lfStatus: '申报状态',
  lfKeys: 'R 审核 · I 布控查验 · C 查验完成 · G 卡口放行',
  lfRiskHit: '风险布控命中 (H)',
  lfChoose: '选中查验 (X)',
  lfGateWeight: '过磅重量（千克）',
  lfDeclaredGross: '申报毛重 {kg} 千克',
  lfConfirm: '确认 (Enter)',
  lfCancel: '取消 (Esc)',
  lfSaved: '已记录：{event}',
  lfNotNow: '该申报现在不能{event}（可：{next}）',
  lfNothingNext: '已放行，无后续操作',
  lfNoGatePolicy: '本机没有当日生效的卡口过磅规则，请先同步',
  lfGatePolicy: '过磅误差 v{version}',
};

export const lifeEn: Record<keyof typeof lifeZh, string> = {
  lfStatus: 'Status',
  lfKeys: 'R review · I order inspection · C inspected · G release at gate',
  lfRiskHit: 'Risk hit (H)',
  lfChoose: 'Chosen for inspection (X)',
  lfGateWeight: 'Gate weight (kg)',
  lfDeclaredGross: 'declared gross {kg} kg',
  lfConfirm: 'Confirm (Enter)',
  lfCancel: 'Cancel (Esc)',
  lfSaved: 'Recorded: {event}',
  lfNotNow: 'This declaration cannot {event} now (possible: {next})',
  lfNothingNext: 'released: nothing follows',
  lfNoGatePolicy: 'No gate weighing policy in force on this desk: sync first',
  lfGatePolicy: 'Gate tolerance v{version}',
};
