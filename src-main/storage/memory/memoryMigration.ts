/** Workspace migration 7 (memory). */
import type { Migration } from '../runMigrations';

export const memoryMigration: Migration = {
  id: 7,
  name: 'memory',
  sql: `SELECT 1;`,
};
