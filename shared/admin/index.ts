export * from './admin-answers';
export * from './admin-paths';
export * from './admin-requests';
export * from './site-requests';
