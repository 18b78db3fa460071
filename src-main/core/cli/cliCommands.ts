/**
 * Every command of the `qwanyx` command line, in the order `--help` lists
 * them. Each lives beside its feature's module; this list is the only place
 * that enumerates them.
 */
import { askCommand } from '../modules/agents/askCommand';
import { auditCommand } from '../modules/audit/auditCommand';
import { dhCommand } from '../modules/dh/dhCommand';
import { knowledgeCommand } from '../modules/knowledge/knowledgeCommand';
import { memoryCommand } from '../modules/memory/memoryCommand';
import { providerCommand } from '../modules/providers/providerCommand';
import { messageCommand } from '../modules/rooms/messageCommand';
import { roomCommand } from '../modules/rooms/roomCommand';
import { searchCommand } from '../modules/rooms/searchCommand';
import { inviteCommand } from '../modules/sync/inviteCommand';
import { relayCommand } from '../modules/sync/relayCommand';
import { syncCommand } from '../modules/sync/syncCommand';
import { taskCommand } from '../modules/tasks/taskCommand';
import { workspaceCommand } from '../modules/workspaces/workspaceCommand';
import type { CliCommand } from './CliCommand';

/** The commands, in the order of `qwanyx --help`. */
export const cliCommands: readonly CliCommand[] = [
  workspaceCommand,
  relayCommand,
  inviteCommand,
  syncCommand,
  roomCommand,
  messageCommand,
  searchCommand,
  dhCommand,
  memoryCommand,
  knowledgeCommand,
  taskCommand,
  providerCommand,
  askCommand,
  auditCommand,
];
