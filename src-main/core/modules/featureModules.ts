/**
 * Every feature of the core, in the order they are built: a module may use
 * the services of the modules above it, and reacts to those below it
 * through their events. Adding a feature is a folder here and a line below.
 */
import type { AnyFeatureModule } from '../FeatureModule';
import { agentsModule } from './agents/agentsModule';
import { appModule } from './app/appModule';
import { auditModule } from './audit/auditModule';
import { backupsModule } from './backups/backupsModule';
import { dhModule } from './dh/dhModule';
import { exportModule } from './export/exportModule';
import { filesModule } from './files/filesModule';
import { githubModule } from './github/githubModule';
import { knowledgeModule } from './knowledge/knowledgeModule';
import { membersModule } from './members/membersModule';
import { memoryModule } from './memory/memoryModule';
import { presenceModule } from './presence/presenceModule';
import { providersModule } from './providers/providersModule';
import { quotasModule } from './quotas/quotasModule';
import { consentsModule } from './consents/consentsModule';
import { erasureModule } from './erasure/erasureModule';
import { connectorToolsModule } from './connectors/connectorToolsModule';
import { mcpModule } from './connectors/mcpModule';
import { restModule } from './rest/restModule';
import { roomsModule } from './rooms/roomsModule';
import { syncModule } from './sync/syncModule';
import { tasksModule } from './tasks/tasksModule';
import { workspacesModule } from './workspaces/workspacesModule';

export const featureModules: readonly AnyFeatureModule[] = [
  appModule,
  workspacesModule,
  presenceModule,
  syncModule,
  membersModule,
  roomsModule,
  dhModule,
  tasksModule,
  providersModule,
  memoryModule,
  knowledgeModule,
  auditModule,
  quotasModule,
  consentsModule,
  connectorToolsModule,
  githubModule,
  mcpModule,
  restModule,
  filesModule,
  agentsModule,
  backupsModule,
  exportModule,
  erasureModule,
];
