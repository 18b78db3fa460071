/** Workspace migration 6 (digital-humans). */
import type { Migration } from '../runMigrations';

export const dhMigration: Migration = {
  id: 6,
  name: 'digital-humans',
  sql: `SELECT 1;`,
};
