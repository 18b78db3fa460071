/**
 * Workspaces: the isolated tenants (create, open, rename, archive, delete)
 * and the settings in their `meta` doc. The WorkspaceService itself belongs
 * to the kernel every module is built on; this module serves its channels
 * and creates the first-launch defaults once every module listens.
 */
import { workspaceChannels, workspaceEvents } from '../../../common/contract';
import { metaSettingsProjection } from '../../../storage/metaSettingsProjection';
import { defineModule } from '../../FeatureModule';
import { workspaceCommand } from './workspaceCommand';

export const workspacesModule = defineModule({
  name: 'workspaces',
  channels: workspaceChannels,
  events: workspaceEvents,
  cli: [workspaceCommand],
  docs: [{ doc: 'meta', rootMaps: ['settings'], projections: [metaSettingsProjection], synced: true }],
  create: () => ({}),
  handlers: (_services, { workspaces }) => ({
    'workspace.list': (input) => workspaces.list(input.includeArchived ?? false),
    'workspace.create': (input) =>
      workspaces.create({
        name: input.name,
        kind: input.kind,
        ...(input.color !== undefined ? { color: input.color } : {}),
        ...(input.icon !== undefined ? { icon: input.icon } : {}),
      }),
    'workspace.open': (input) => workspaces.openWorkspace(input.id),
    'workspace.rename': (input) => workspaces.rename(input.id, input.name),
    'workspace.setAppearance': (input) =>
      workspaces.setAppearance(input.id, {
        ...(input.color !== undefined ? { color: input.color } : {}),
        ...(input.icon !== undefined ? { icon: input.icon } : {}),
      }),
    'workspace.setArchived': (input) => workspaces.setArchived(input.id, input.archived),
    'workspace.delete': async (input) => {
      await workspaces.delete(input.id, input.confirmName);
      return { id: input.id };
    },
  }),
  // After every module is built, so the first workspace's handle reaches every observer.
  start: (_services, { workspaces }) => {
    workspaces.ensureDefaults();
  },
});
