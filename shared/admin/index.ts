export * from './admin-answers';
export * from './admin-paths';
export * from './admin-requests';
export * from './site-requests';
export * from './two-step-policy-admin';
export * from './resident-import-admin';
export * from './gate-policy-admin';
export * from './group-admin';
