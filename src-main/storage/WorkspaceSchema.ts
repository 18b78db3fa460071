/**
 * What every workspace database of this build holds: the layout of its docs
 * and its migrations, composed once from the features' declarations (the
 * core passes its feature modules to `composeWorkspaceSchema`).
 */
import { baseWorkspaceMigrations } from './baseWorkspaceMigrations';
import { DocLayout, type DocContribution } from './DocLayout';
import type { Migration } from './runMigrations';

/** The docs and the schema migrations of a workspace database. */
export interface WorkspaceSchema {
  layout: DocLayout;
  /** Numbered 1..n: the base migrations and every feature's, in order. */
  migrations: readonly Migration[];
}

/** What one feature adds to the workspace schema. */
export interface WorkspaceSchemaPart {
  docs?: readonly DocContribution[];
  migrations?: readonly Migration[];
}

/**
 * Merges the base migrations with the features' (sorted by id: runMigrations
 * refuses a list that is not numbered 1..n, which catches two features taking
 * one number) and the features' doc contributions into one layout.
 */
export function composeWorkspaceSchema(parts: readonly WorkspaceSchemaPart[]): WorkspaceSchema {
  const migrations = [...baseWorkspaceMigrations, ...parts.flatMap((p) => p.migrations ?? [])].sort((a, b) => a.id - b.id);
  return { layout: new DocLayout(parts.flatMap((p) => p.docs ?? [])), migrations };
}
