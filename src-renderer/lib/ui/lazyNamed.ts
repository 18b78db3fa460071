/**
 * A component loaded on first use, from a module that exports it by name:
 * keeps views that are not on the first screen (settings, tasks, knowledge,
 * memory, dialogs…) out of the JavaScript the app needs to start. Render it
 * inside a `<Suspense>`.
 */
import { lazy } from 'react';
import type { LazyExoticComponent, ReactNode } from 'react';

/** A function component; lazily loaded components here are all of this kind. */
type FunctionComponentOf<P> = (props: P) => ReactNode;

export function lazyNamed<K extends string, P>(load: () => Promise<Record<K, FunctionComponentOf<P>>>, name: K): LazyExoticComponent<FunctionComponentOf<P>> {
  return lazy(async () => ({ default: (await load())[name] }));
}
