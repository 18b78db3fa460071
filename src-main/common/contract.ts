/**
 * The IPC contract: every channel the renderer may call, with a zod schema
 * for its input and its output, and every event the core may push.
 *
 * The Electron router, the preload bridge and the browser host are all built
 * from this one table, so a channel exists everywhere or nowhere and its
 * input is parsed the same way in every shell. The tables live by area in
 * contract/; this file merges them and re-exports every schema and type.
 */
import type { z } from 'zod';
import { agentChannels, agentEvents } from './contract/agentChannels';
import { appChannels, appEvents } from './contract/appChannels';
import { auditChannels, auditEvents } from './contract/auditChannels';
import { backupChannels, backupEvents } from './contract/backupChannels';
import { consentChannels } from './contract/consentChannels';
import { erasureChannels } from './contract/erasureChannels';
import { connectorChannels, connectorEvents } from './contract/connectorChannels';
import { dhChannels, dhEvents } from './contract/dhChannels';
import { exportChannels, exportEvents } from './contract/exportChannels';
import { fileChannels, fileEvents } from './contract/fileChannels';
import { knowledgeChannels, knowledgeEvents } from './contract/knowledgeChannels';
import { memberChannels, memberEvents } from './contract/memberChannels';
import { mcpChannels, mcpEvents } from './contract/mcpChannels';
import { restChannels, restEvents } from './contract/restChannels';
import { memoryChannels, memoryEvents } from './contract/memoryChannels';
import { presenceChannels, presenceEvents } from './contract/presenceChannels';
import { providerChannels, providerEvents } from './contract/providerChannels';
import { quotaChannels, quotaEvents } from './contract/quotaChannels';
import { roleChannels } from './contract/roleChannels';
import { roomChannels, roomEvents } from './contract/roomChannels';
import { syncChannels, syncEvents } from './contract/syncChannels';
import { taskChannels, taskEvents } from './contract/taskChannels';
import { workspaceChannels, workspaceEvents } from './contract/workspaceChannels';

export * from './contract/appChannels';
export * from './contract/workspaceChannels';
export * from './contract/syncChannels';
export * from './contract/roomSchemas';
export * from './contract/roomChannels';
export * from './contract/dhChannels';
export * from './contract/memorySchemas';
export * from './contract/memoryChannels';
export * from './contract/knowledgeChannels';
export * from './contract/taskChannels';
export * from './contract/presenceChannels';
export * from './contract/agentChannels';
export * from './contract/auditChannels';
export * from './contract/providerChannels';
export * from './contract/backupChannels';
export * from './contract/exportChannels';
export * from './contract/memberChannels';
export * from './contract/quotaChannels';
export * from './contract/roleChannels';
export * from './contract/fileChannels';
export * from './contract/consentChannels';
export * from './contract/erasureChannels';
export * from './contract/connectorChannels';
export * from './contract/mcpChannels';
export * from './contract/restChannels';

/** Every callable channel: name → input and output schema. */
export const channels = {
  ...appChannels,
  ...workspaceChannels,
  ...syncChannels,
  ...roomChannels,
  ...dhChannels,
  ...memoryChannels,
  ...knowledgeChannels,
  ...taskChannels,
  ...presenceChannels,
  ...agentChannels,
  ...auditChannels,
  ...providerChannels,
  ...backupChannels,
  ...exportChannels,
  ...memberChannels,
  ...roleChannels,
  ...quotaChannels,
  ...fileChannels,
  ...consentChannels,
  ...erasureChannels,
  ...connectorChannels,
  ...mcpChannels,
  ...restChannels,
} as const;

/** Events pushed from the core to every window: name → payload schema. */
export const events = {
  ...appEvents,
  ...workspaceEvents,
  ...syncEvents,
  ...roomEvents,
  ...dhEvents,
  ...memoryEvents,
  ...knowledgeEvents,
  ...taskEvents,
  ...presenceEvents,
  ...agentEvents,
  ...auditEvents,
  ...quotaEvents,
  ...providerEvents,
  ...backupEvents,
  ...exportEvents,
  ...memberEvents,
  ...fileEvents,
  ...connectorEvents,
  ...mcpEvents,
  ...restEvents,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** True when `name` is a channel of the contract (guards untrusted strings). */
export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
