export * from './event-store.port';
export * from './event-store.errors';
export * from './canonical-json';
export * from './event-hash';
export * from './event-validation';
export * from './hash-chain';
export * from './polling-subscription';
export * from './sql/sql-event-store';
