export * from './sql-database.port';
export * from './pg.database';
export * from './pglite.database';
export * from './migrations';
export * from './database-unavailable';
export * from './embedded-store-lock';
export * from './disk-space';
