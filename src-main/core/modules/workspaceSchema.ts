/**
 * The workspace schema of this build: the doc layout and the migrations
 * every feature module declares. Shells and tests that open a workspace
 * database without a whole core (fixtures, benchmarks) use it too.
 */
import { composeWorkspaceSchema, type WorkspaceSchema } from '../../storage/WorkspaceSchema';
import { featureModules } from './featureModules';

export const workspaceSchema: WorkspaceSchema = composeWorkspaceSchema(featureModules);
