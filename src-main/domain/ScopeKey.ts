/** A typed key for per-workspace state kept on a handle (`WorkspaceHandle.scoped`). */
export interface ScopeKey<T> {
  readonly name: string;
  /** Carries the type only; never set. */
  readonly __type?: T;
}

/** A new key: each call makes a distinct key, so two features never share state by accident. */
export function scopeKey<T>(name: string): ScopeKey<T> {
  return Object.freeze({ name }) as ScopeKey<T>;
}
