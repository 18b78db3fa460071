/**
 * A feature of the core, declared in one place: its channels and their
 * handlers, the events it sends, the docs it writes (root maps and
 * projections), its migrations, its services and its CLI commands. `createCore` builds the
 * modules of `featureModules` in order, and everything that used to be
 * edited in eight shared files is read from these declarations.
 *
 * A module builds its services in `create` from the kernel (registry,
 * workspaces, profile, bus) and the services of modules listed before it
 * (`ctx.use`). It reacts to modules listed after it through their events
 * (`ctx.bus.on`), never through a late reference.
 */
import type { ChannelName, Channels, events } from '../common/contract';
import type { Logger } from '../common/Logger';
import type { SecretStore } from '../secrets/SecretStore';
import type { AppRegistry } from '../storage/AppRegistry';
import type { DocContribution } from '../storage/DocLayout';
import type { Migration } from '../storage/runMigrations';
import type { ProfileService } from '../domain/ProfileService';
import type { WorkspaceService } from '../domain/WorkspaceService';
import type { CoreConfig } from './CoreConfig';
import type { CliCommand } from './cli/CliCommand';
import type { CoreBus } from './CoreBus';
import type { Handlers } from './dispatchChannel';

/** A table of channels of the contract (one area's `…Channels` object, or several merged). */
export type ChannelTable = Partial<Channels>;

/** A table of events of the contract. */
export type EventTable = Partial<typeof events>;

/** What every module is built from. */
export interface ModuleContext {
  readonly config: Readonly<CoreConfig>;
  readonly log: Logger;
  readonly now: () => number;
  readonly newId: () => string;
  readonly registry: AppRegistry;
  readonly secrets: SecretStore;
  readonly workspaces: WorkspaceService;
  readonly profile: ProfileService;
  readonly bus: CoreBus;
  /** The services of `module`, which must come earlier in the module list. */
  use<S>(module: ModuleRef<S>): S;
}

/** What `use` needs of a module: its name and the type of its services. */
export interface ModuleRef<S> {
  readonly name: string;
  create(ctx: ModuleContext): S;
}

/** One feature. `T` is its channel table: its handlers must serve exactly those channels. */
export interface FeatureModule<S, T extends ChannelTable> extends ModuleRef<S> {
  readonly name: string;
  /** The channels of the contract this feature serves. */
  readonly channels: T;
  /** The events of the contract this feature sends. */
  readonly events: EventTable;
  /** What this feature adds to the workspace's docs (root maps, projections, sync). */
  readonly docs?: readonly DocContribution[];
  /** Its schema migrations (ids are global: the next free number). */
  readonly migrations?: readonly Migration[];
  /** Its commands of the `qwanyx` command line, in the order `--help` lists them. */
  readonly cli?: readonly CliCommand[];
  /** Builds the feature's services (nothing runs yet: no timers, no sockets). */
  create(ctx: ModuleContext): S;
  /** A handler per channel of `channels`. */
  handlers(services: S, ctx: ModuleContext): { [C in keyof T & ChannelName]: Handlers[C] };
  /** Starts background work once every module is built (timers, sockets, first-launch defaults). */
  start?(services: S, ctx: ModuleContext): void;
  /** Stops it; modules close in the reverse order of the list. */
  close?(services: S): void | Promise<void>;
}

/** Any module, as the module list holds it (handlers are checked where each module is defined). */
export interface AnyFeatureModule {
  readonly name: string;
  readonly channels: ChannelTable;
  readonly events: EventTable;
  readonly docs?: readonly DocContribution[];
  readonly migrations?: readonly Migration[];
  readonly cli?: readonly CliCommand[];
  create(ctx: ModuleContext): unknown;
  handlers(services: never, ctx: ModuleContext): Partial<Handlers>;
  start?(services: never, ctx: ModuleContext): void;
  close?(services: never): void | Promise<void>;
}

/** Declares a module, checking its handlers against its channel table. */
export function defineModule<S, T extends ChannelTable>(module: FeatureModule<S, T>): FeatureModule<S, T> {
  return module;
}
