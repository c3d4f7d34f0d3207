/** The console's two-step policy tab (两步申报参数), Chinese first; spread into i18n/messages.ts. */
export const twoStepConsoleZh = {
  tabTwoStep: '两步申报',
  tsFullDays: '完整申报期限（天）',
  tsFeeAfterDays: '滞报金起算（天后）',
  tsRatePerMille: '滞报金日费率（‰）',
  tsMinYuan: '起征点（元）',
  tsSellOffMonths: '变卖期限（月）',
  tsDueSoonDays: '即将到期（天）',
  tsLateWindowDays: '逾期统计区间（天）',
  tsLateWarnAt: '逾期预警次数',
  tsNonWorkingDays: '节假日（逗号分隔的日期）',
  tsNewPolicy: '发布两步申报参数新版本',
  tsBadNumber: '{field}：请输入有效数字',
};

export const twoStepConsoleEn: Record<keyof typeof twoStepConsoleZh, string> = {
  tabTwoStep: 'Two-step',
  tsFullDays: 'Full declaration due (days)',
  tsFeeAfterDays: 'Late fee after (days)',
  tsRatePerMille: 'Late fee per day (‰)',
  tsMinYuan: 'Minimum fee (yuan)',
  tsSellOffMonths: 'Sold off after (months)',
  tsDueSoonDays: 'Due soon (days)',
  tsLateWindowDays: 'Late count window (days)',
  tsLateWarnAt: 'Warn at late count',
  tsNonWorkingDays: 'Non-working days (comma-separated dates)',
  tsNewPolicy: 'Publish a new two-step policy version',
  tsBadNumber: '{field}: enter a valid number',
};
