/** The console's gate weighing policy tab (卡口过磅误差), Chinese first; spread into i18n/messages.ts. */
export const gateConsoleZh = {
  tabGate: '卡口过磅',
  gpPercent: '允许误差（申报毛重的 %）',
  gpKg: '允许误差（千克）',
  gpCombine: '两者都设时',
  gpLarger: '取较宽者',
  gpSmaller: '取较严者',
  gpNewPolicy: '发布卡口过磅误差新版本',
  gpNone: '不设',
  gpBadNumber: '{field}：请输入有效数字，或留空表示不设',
  gpChart: '各版本在 100 千克申报毛重时的允许误差（千克）',
};

export const gateConsoleEn: Record<keyof typeof gateConsoleZh, string> = {
  tabGate: 'Gate weighing',
  gpPercent: 'Tolerance (% of declared gross)',
  gpKg: 'Tolerance (kg)',
  gpCombine: 'With both set',
  gpLarger: 'the larger allowance',
  gpSmaller: 'the stricter allowance',
  gpNewPolicy: 'Publish a new gate weighing tolerance version',
  gpNone: 'none',
  gpBadNumber: '{field}: enter a valid number, or leave it empty for none',
  gpChart: 'Allowance of each version at 100 kg declared gross (kg)',
};
