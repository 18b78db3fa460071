/** The handler table of the core, merged from the feature modules' handlers. */
import { channels, type ChannelName } from '../common/contract';
import type { Handlers } from './dispatchChannel';
import type { AnyFeatureModule } from './FeatureModule';

/**
 * Merges each module's handlers, checking that every channel of the
 * contract is served by exactly one module and that each module serves
 * exactly the channels it declares (a mistake here fails at start-up, and in
 * the unit test that builds a core, rather than as an unknown channel later).
 */
export function moduleHandlers(modules: readonly AnyFeatureModule[], handlersOf: (module: AnyFeatureModule) => Partial<Handlers>): Handlers {
  const merged: Partial<Record<ChannelName, unknown>> = {};
  const owner = new Map<string, string>();
  for (const module of modules) {
    const declared = Object.keys(module.channels);
    const served = handlersOf(module);
    for (const name of declared) {
      const previous = owner.get(name);
      if (previous) throw new Error(`Channel ${name} is declared by both ${previous} and ${module.name}`);
      owner.set(name, module.name);
      if (!Object.hasOwn(served, name)) throw new Error(`Module ${module.name} declares ${name} but has no handler for it`);
    }
    for (const name of Object.keys(served)) {
      if (!declared.includes(name)) throw new Error(`Module ${module.name} has a handler for ${name}, which it does not declare`);
    }
    Object.assign(merged, served);
  }
  const missing = Object.keys(channels).filter((name) => !owner.has(name));
  if (missing.length > 0) throw new Error(`No module serves ${missing.join(', ')}`);
  return merged as Handlers;
}
