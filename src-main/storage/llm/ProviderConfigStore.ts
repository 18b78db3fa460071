/**
 * The `provider_config` row of one workspace database (migration 8): the
 * model provider this device uses for the workspace. Local, never synced.
 */
import type { ProviderConfig, ProviderPresetId } from '../../common/contract/providerChannels';
import type { SqliteDb } from '../openSqlite';

interface ConfigRow {
  preset: string;
  base_url: string;
  chat_model: string;
  embeddings_model: string | null;
  embeddings_dimensions: number | null;
  updated_at: number;
}

/** Reads and writes the single provider row of a workspace database. */
export class ProviderConfigStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly clearStmt;

  constructor(db: SqliteDb) {
    this.getStmt = db.prepare<[], ConfigRow>(
      'SELECT preset, base_url, chat_model, embeddings_model, embeddings_dimensions, updated_at FROM provider_config WHERE id = 1',
    );
    this.clearStmt = db.prepare('DELETE FROM provider_config WHERE id = 1');
    this.putStmt = db.prepare(
      `INSERT INTO provider_config (id, preset, base_url, chat_model, embeddings_model, embeddings_dimensions, updated_at)
       VALUES (1, @preset, @baseUrl, @chatModel, @embeddingsModel, @embeddingsDimensions, @updatedAt)
       ON CONFLICT (id) DO UPDATE SET preset = excluded.preset, base_url = excluded.base_url, chat_model = excluded.chat_model,
         embeddings_model = excluded.embeddings_model, embeddings_dimensions = excluded.embeddings_dimensions, updated_at = excluded.updated_at`,
    );
  }

  /** The saved provider, or null when none was set. */
  get(): ProviderConfig | null {
    const row = this.getStmt.get();
    if (!row) return null;
    return {
      preset: row.preset as ProviderPresetId,
      baseUrl: row.base_url,
      chatModel: row.chat_model,
      embeddingsModel: row.embeddings_model,
      embeddingsDimensions: row.embeddings_dimensions,
      updatedAt: row.updated_at,
    };
  }

  /** Forgets the saved provider (the workspace goes back to the device's connections). */
  clear(): void {
    this.clearStmt.run();
  }

  /** Replaces the saved provider (callers validate it first). */
  put(config: ProviderConfig): void {
    this.putStmt.run(config);
  }
}
