export { openSqliteStore, SqliteStore } from './sqlite-store.js';
export { migrate, MIGRATIONS } from './migrations.js';
export type { Migration, MigrationResult } from './migrations.js';
export type { Store } from './store.js';
export type * from './records.js';
export type * from './experiment-records.js';
export type * from './pilot-records.js';
export type * from './optimizer-records.js';
