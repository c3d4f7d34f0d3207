/** Mutual-market texts (边民互市: recent goods, resident import, the day), Chinese first; spread into i18n/messages.ts. */
export const marketZh = {
  mkRecentGoods: '最近商品',
  mkRecentHint: 'Alt+数字 选取；或在空的商品编码栏按 ↓ 选择、Enter 确认，单价自动填入，再输入数量',
  mkRecentPick: '选取最近商品 {n}',
  mkRecentLast: '上次 {quantity} {unit}，{date}',
};

export const marketEn: Record<keyof typeof marketZh, string> = {
  mkRecentGoods: 'Recent goods',
  mkRecentHint: 'Alt+digit picks one; or ↓ and Enter in an empty HS code field. The unit price is filled in: type the quantity',
  mkRecentPick: 'Pick recent goods {n}',
  mkRecentLast: 'last {quantity} {unit}, {date}',
};
