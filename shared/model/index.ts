export * from './common';
export * from './declaration';
export * from './goods-list';
export * from './port';
export * from './resident';
export * from './conflict';
