/**
 * Workspace migration 8 (llm-providers): two local, never-synced tables.
 *
 * `provider_config` holds at most one row (id = 1): the OpenAI-compatible
 * endpoint this device uses for the workspace. A base URL such as a local
 * model server is per device, and the API key lives in this device's
 * keychain, so none of it belongs in the synced docs.
 *
 * `token_usage` counts tokens per local day (`YYYY-MM-DD`), digital human
 * (`''` when none) and model; one row per triple, incremented in place.
 */
import type { Migration } from '../runMigrations';

export const llmMigration: Migration = {
  id: 8,
  name: 'llm-providers',
  sql: `
    CREATE TABLE provider_config (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      preset TEXT NOT NULL,
      base_url TEXT NOT NULL,
      chat_model TEXT NOT NULL,
      embeddings_model TEXT,
      embeddings_dimensions INTEGER,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE token_usage (
      day TEXT NOT NULL,
      dh_id TEXT NOT NULL,
      model TEXT NOT NULL,
      prompt_tokens INTEGER NOT NULL,
      completion_tokens INTEGER NOT NULL,
      requests INTEGER NOT NULL,
      PRIMARY KEY (day, dh_id, model)
    ) WITHOUT ROWID;
  `,
};
