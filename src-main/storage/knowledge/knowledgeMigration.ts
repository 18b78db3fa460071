/** Workspace migration 10 (knowledge). */
import type { Migration } from '../runMigrations';

export const knowledgeMigration: Migration = {
  id: 10,
  name: 'knowledge',
  sql: `SELECT 1;`,
};
