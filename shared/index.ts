export * from './dates';
export * from './model/index';
export * from './money';
export * from './result';
export * from './rules/declaration-check';
export * from './rules/goods-check';
export * from './rules/quota';
export * from './sync/protocol';
