/** Workspace migration 8 (llm-providers). */
import type { Migration } from '../runMigrations';

export const llmMigration: Migration = {
  id: 8,
  name: 'llm-providers',
  sql: `SELECT 1;`,
};
